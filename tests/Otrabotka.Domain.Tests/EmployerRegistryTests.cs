namespace Otrabotka.Domain.Tests;

public sealed class EmployerRegistryTests
{
    private const string Header = "bin,name,organisationKinds,ownership,region,settlementType,katoCode,emailDomains,source,asOf";

    [Fact]
    public void A_good_entry_carries_every_field_and_judges_as_a_workplace()
    {
        var shape = EmployerRegistryCsv.Open(new StringReader($"{Header}\n010315500562,\"КГУ «Школа», Акколь\",education;higher-education,state,akmola,village,111030100,School.kz; mektep.edu.kz,МТСЗН,2025-01-15\n"));
        var entry = Assert.Single(shape.Lines).Entry!;
        Assert.Equal("010315500562", entry.Bin.Value);
        Assert.Equal([OrganisationKind.Education, OrganisationKind.HigherEducation], entry.Kinds);
        Assert.Equal(Ownership.State, entry.Ownership);
        Assert.Equal(Region.Akmola, entry.Region);
        Assert.Equal(SettlementType.Village, entry.Settlement);
        Assert.Equal(["school.kz", "mektep.edu.kz"], entry.EmailDomains);
        Assert.Equal(new DateOnly(2025, 1, 15), entry.AsOf);
        Assert.True(entry.Workplace.IsRural);
        Assert.Equal([OrganisationKind.Education, OrganisationKind.HigherEducation], entry.Workplace.AllKinds);
        Assert.True(entry.OwnsAddress("director@SCHOOL.kz"));
        Assert.False(entry.OwnsAddress("director@gmail.com"));
        Assert.False(entry.OwnsAddress("director@evil-school.kz"));
    }

    [Theory]
    [InlineData("010315500563,Школа,education,state,akmola,village,,,МТСЗН,2025-01-15", "bin-checksum")]
    [InlineData("010315500562,,education,state,akmola,village,,,МТСЗН,2025-01-15", "registry-name-missing")]
    [InlineData("010315500562,Школа,school,state,akmola,village,,,МТСЗН,2025-01-15", "registry-value-unknown")]
    [InlineData("010315500562,Школа,education,public,akmola,village,,,МТСЗН,2025-01-15", "registry-value-unknown")]
    [InlineData("010315500562,Школа,education,state,akmola,village,751030100,,МТСЗН,2025-01-15", "kato-region-mismatch")]
    [InlineData("010315500562,Школа,education,state,akmola,village,,not a domain,МТСЗН,2025-01-15", "registry-email-domain-format")]
    [InlineData("010315500562,Школа,education,state,akmola,village,,,,2025-01-15", "registry-source-missing")]
    [InlineData("010315500562,Школа,education,state,akmola,village,,,МТСЗН,15.01.2025", "registry-date-format")]
    [InlineData("010315500562,Школа,education", "import-row-columns")]
    public void A_bad_entry_is_refused_per_row_and_the_next_is_read(string bad, string code)
    {
        var shape = EmployerRegistryCsv.Open(new StringReader($"{Header}\n{bad}\n020412600786,Банк,other,private,almaty-city,city,,bank.kz,МТСЗН,2025-01-15\n"));
        var lines = shape.Lines.ToList();
        Assert.Equal(2, lines[0].Line);
        Assert.Equal([code], lines[0].Errors.Select(e => e.Code));
        Assert.True(lines[1].IsValid);
        Assert.Equal(3, lines[1].Line);
    }

    [Fact]
    public void A_registry_without_its_columns_is_refused_whole()
    {
        var shape = EmployerRegistryCsv.Open(new StringReader("bin,name\n010315500562,Школа\n"));
        Assert.Equal("import-file-columns", shape.Refusal!.Code);
        Assert.Contains("organisationKinds", shape.MissingColumns);
    }
}
