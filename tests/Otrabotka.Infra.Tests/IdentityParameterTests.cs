using System.Text.RegularExpressions;

namespace Otrabotka.Infra.Tests;

/// <summary>
/// The identity settings of a deployment: each role's provider named by a tenant-specific https
/// authority in every parameter file, and no subject claim assumed by the Bicep (ADR 0005).
/// </summary>
public sealed partial class IdentityParameterTests
{
    private static readonly string Infra = Path.Combine(InfrastructureTests.Root, "infra");

    public static TheoryData<string> ParamFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Infra, "*.bicepparam"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ParamFiles))]
    public void Every_role_has_a_tenant_specific_https_authority(string file)
    {
        var text = File.ReadAllText(Path.Combine(Infra, file));
        foreach (var role in new[] { "Graduate", "Operator" })
        {
            var match = Regex.Match(text, $@"param auth{role}MetadataAddress\s*=\s*'([^']+)'");
            Assert.True(match.Success, $"{file}: auth{role}MetadataAddress is not set");
            var address = match.Groups[1].Value;
            Assert.StartsWith("https://", address, StringComparison.Ordinal);
            Assert.DoesNotMatch(SharedAuthority(), address);
            Assert.Matches($@"param auth{role}SubjectClaim\s*=\s*'[^']+'", text);
        }
    }

    [Fact]
    public void The_Bicep_names_no_default_subject_claim_and_no_shared_authority()
    {
        var main = File.ReadAllText(Path.Combine(Infra, "main.bicep"));
        Assert.Matches(@"param authGraduateSubjectClaim string\s*\n", main);
        Assert.Matches(@"param authOperatorSubjectClaim string\s*\n", main);
        Assert.DoesNotMatch(@"SubjectClaim string\s*=", main);
        foreach (var file in Directory.GetFiles(Infra, "*.bicep", SearchOption.AllDirectories).Append(Path.Combine(Infra, "main.parameters.json")))
        {
            Assert.DoesNotMatch(SharedAuthority(), File.ReadAllText(file));
            Assert.DoesNotContain("Auth__SigningKey", File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"login\.microsoftonline\.com/(common|organizations|consumers)/", RegexOptions.IgnoreCase)]
    private static partial Regex SharedAuthority();
}
