namespace Otrabotka.Functions.Tests;

/// <summary>
/// Issue 13: the pages use the generated TypeScript types, and a contract change that breaks them fails the
/// build. web/typecheck.mjs (run by web/build.mjs, so by dotnet build) checks the pages marked // @ts-check.
/// </summary>
public sealed class PageTypeCheckTests
{
    [Fact]
    public async Task The_pages_fit_the_generated_types()
    {
        var root = OpenApiLintTests.RepositoryRoot();
        var (exit, _, stderr) = await OpenApiLintTests.RunAsync("node", [Path.Combine(root, "web", "typecheck.mjs"), Path.Combine(root, "web")]);
        Assert.True(exit == 0, stderr);
    }

    [Theory]
    [InlineData("creditedDays: number;", "creditedDayCount: number;", "graduate.js", "creditedDays")]
    [InlineData("uploadUrl: string;", "uploadUri: string;", "graduate.js", "uploadUrl")]
    [InlineData("counts: boolean;", "eligible: boolean;", "check.js", "counts")]
    public async Task A_renamed_field_in_the_contract_fails_the_check_where_a_page_reads_it(string field, string renamed, string page, string name)
    {
        var root = OpenApiLintTests.RepositoryRoot();
        var copy = Path.Combine(Path.GetTempPath(), $"otrabotka-web-{Guid.NewGuid():N}");
        try
        {
            CopyDirectory(Path.Combine(root, "web", "src"), Path.Combine(copy, "src"));
            File.Copy(Path.Combine(root, "web", "tsconfig.json"), Path.Combine(copy, "tsconfig.json"));
            var types = Path.Combine(copy, "src", "api", "types.ts");
            var text = await File.ReadAllTextAsync(types);
            Assert.Contains(field, text, StringComparison.Ordinal);
            await File.WriteAllTextAsync(types, text.Replace(field, renamed, StringComparison.Ordinal));

            var (exit, _, stderr) = await OpenApiLintTests.RunAsync("node", [Path.Combine(root, "web", "typecheck.mjs"), copy]);
            Assert.NotEqual(0, exit);
            Assert.Contains(page, stderr, StringComparison.Ordinal);
            Assert.Contains($"Property '{name}' does not exist", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
