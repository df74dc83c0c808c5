namespace Otrabotka.Functions.Tests;

/// <summary>
/// The operator pages' modules are type-checked against web/src/api/types.ts when the pages are built
/// (web/build.mjs runs TypeScript on web/tsconfig.json). This shows the check passes as committed and fails
/// when a page reads a field the contract does not have.
/// </summary>
public sealed class PageTypeCheckTests
{
    [Fact]
    public async Task The_pages_type_check_against_the_contract_and_a_field_the_contract_lacks_fails_the_check()
    {
        var root = OpenApiLintTests.RepositoryRoot();
        var copy = Path.Combine(root, "obj", $"typecheck-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.Combine(copy, "src", "api"));
            File.Copy(Path.Combine(root, "web", "tsconfig.json"), Path.Combine(copy, "tsconfig.json"));
            foreach (var file in Directory.GetFiles(Path.Combine(root, "web", "src"), "*.js"))
            {
                File.Copy(file, Path.Combine(copy, "src", Path.GetFileName(file)));
            }

            File.Copy(Path.Combine(root, "web", "src", "api", "types.ts"), Path.Combine(copy, "src", "api", "types.ts"));
            var tsc = Path.Combine(root, "node_modules", "typescript", "bin", "tsc");
            var (exit, stdout, stderr) = await OpenApiLintTests.RunAsync("node", [tsc, "-p", Path.Combine(copy, "tsconfig.json")]);
            Assert.True(exit == 0, stdout + stderr);

            var queue = Path.Combine(copy, "src", "operator-queue.js");
            var text = await File.ReadAllTextAsync(queue);
            Assert.Contains("item.waitingDays", text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(queue, text.Replace("item.waitingDays", "item.daysWaiting", StringComparison.Ordinal));
            (exit, stdout, stderr) = await OpenApiLintTests.RunAsync("node", [tsc, "-p", Path.Combine(copy, "tsconfig.json")]);
            Assert.NotEqual(0, exit);
            Assert.Contains("daysWaiting", stdout + stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }
}
