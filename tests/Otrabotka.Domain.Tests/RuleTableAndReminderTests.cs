using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class RuleTableTests
{
    [Fact]
    public void The_default_table_gives_the_durations_of_rules_md()
    {
        var rules = RuleTable.Default.For(2024);
        Assert.Equal(36, rules.For(Category.RuralQuota).Months);
        Assert.Equal(36, rules.For(Category.StateOrder).Months);
        Assert.Equal(24, rules.For(Category.Serpin).Months);
        Assert.Equal(36, rules.For(Category.StateOrderOther).Months);
        Assert.Equal(36, rules.For(Category.Phd).Months);
    }

    [Fact]
    public void A_later_version_applies_from_its_admission_year()
    {
        var json = DefaultJson().Replace("\"versions\": [", "\"versions\": [" + DefaultVersion().Replace("\"fromAdmissionYear\": 2000", "\"fromAdmissionYear\": 2025").Replace("\"months\": 24", "\"months\": 30") + ",", StringComparison.Ordinal);
        var table = RuleTable.Parse(json);
        Assert.True(table.IsValid, string.Join("; ", table.Reasons.Select(r => r.Message.En)));
        Assert.Equal(24, table.Value!.For(2024).For(Category.Serpin).Months);
        Assert.Equal(30, table.Value.For(2025).For(Category.Serpin).Months);
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("{\"versions\": []}", "non-empty")]
    [InlineData("{\"versions\": [{\"fromAdmissionYear\": 2020, \"categories\": {}}]}", "'rural-quota' is missing")]
    public void An_invalid_table_is_refused_with_the_problem_named(string json, string expected)
    {
        var table = RuleTable.Parse(json);
        Assert.False(table.IsValid);
        Assert.Contains(expected, table.Reasons[0].Message.En, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_organisation_kind_in_the_table_is_named() =>
        Assert.Contains("unknown organisation kind 'school'", RuleTable.Parse(DefaultJson().Replace("[\"education\"]", "[\"school\"]", StringComparison.Ordinal)).Reasons[0].Message.En, StringComparison.Ordinal);

    private static string DefaultJson()
    {
        using var stream = typeof(RuleTable).Assembly.GetManifestResourceStream("Otrabotka.Domain.rule-table.json")!;
        return new StreamReader(stream).ReadToEnd();
    }

    private static string DefaultVersion()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(DefaultJson());
        return doc.RootElement.GetProperty("versions")[0].GetRawText();
    }
}

public sealed class ReminderPolicyTests
{
    private static ReminderFacts Facts(bool proof = false, PendingConfirmation[]? pending = null, ActiveEmployment[]? jobs = null, ActiveDeferral[]? deferrals = null, DateOnly? gap = null, bool closed = false) =>
        new("g1", D("2024-09-01"), closed, proof, pending ?? [], jobs ?? [], deferrals ?? [], gap);

    [Fact]
    public void No_employment_proof_reminds_at_the_start_and_30_60_90_days_later()
    {
        var plan = ReminderPolicy.Plan(Facts()).Where(r => r.Kind == ReminderKind.NoEmploymentProof).Select(r => r.DueOn);
        Assert.Equal([D("2024-09-01"), D("2024-10-01"), D("2024-10-31"), D("2024-11-30")], plan);
        Assert.Empty(ReminderPolicy.Due(Facts(), D("2024-08-31")));
    }

    [Fact]
    public void Days_missed_in_downtime_send_one_catch_up_not_a_flood()
    {
        var due = ReminderPolicy.Due(Facts(), D("2024-11-05"));
        var only = Assert.Single(due);
        Assert.Equal(D("2024-10-31"), only.DueOn);
        Assert.Equal("g1|no-proof|2024-09-01+60", only.Key);
    }

    [Fact]
    public void The_employer_is_reminded_after_3_and_7_days_and_the_graduate_after_10()
    {
        var plan = ReminderPolicy.Plan(Facts(proof: true, pending: [new("d1", D("2024-09-10"))]));
        Assert.Equal(
            [(ReminderKind.EmployerNoAnswer, Recipient.Employer, D("2024-09-13")), (ReminderKind.EmployerNoAnswer, Recipient.Employer, D("2024-09-17")), (ReminderKind.EmployerSilent, Recipient.Graduate, D("2024-09-20"))],
            plan.Select(r => (r.Kind, r.Recipient, r.DueOn)));
    }

    [Fact]
    public void Reconfirmation_deferral_end_and_at_risk_are_planned()
    {
        var plan = ReminderPolicy.Plan(Facts(proof: true, jobs: [new("d1", D("2024-09-01"))], deferrals: [new("m1", D("2025-12-31"))], gap: D("2025-02-01")));
        Assert.Contains(plan, r => r.Kind == ReminderKind.ReconfirmationDue && r.DueOn == D("2025-03-01"));
        Assert.Contains(plan, r => r.Kind == ReminderKind.DeferralEnding && r.DueOn == D("2025-12-01"));
        Assert.Contains(plan, r => r.Kind == ReminderKind.AtRisk && r.DueOn == D("2025-05-03"));
    }

    [Fact]
    public void A_closed_obligation_gets_no_reminders_and_keys_are_stable() =>
        Assert.Empty(ReminderPolicy.Plan(Facts(closed: true)));

    [Fact]
    public void The_completion_notice_is_planned_for_the_day_after_the_last_required_day_even_once_closed()
    {
        var running = ReminderPolicy.Plan(Facts(proof: true) with { CompletesOn = D("2027-08-31") });
        Assert.Contains(running, r => r.Kind == ReminderKind.ObligationCompleted && r.DueOn == D("2027-09-01") && r.Key == "g1|completed");
        var closed = ReminderPolicy.Plan(Facts(proof: true, closed: true) with { CompletesOn = D("2027-08-31") });
        Assert.Equal(ReminderKind.ObligationCompleted, Assert.Single(closed).Kind);
        var reconfirmAfter = ReminderPolicy.Plan(Facts(proof: true, jobs: [new("d1", D("2027-06-01"))]) with { CompletesOn = D("2027-08-31") });
        Assert.DoesNotContain(reconfirmAfter, r => r.Kind == ReminderKind.ReconfirmationDue);
    }

    [Fact]
    public void Keys_are_the_same_for_the_same_facts()
    {
        var facts = Facts(proof: true, pending: [new("d1", D("2024-09-10"))]);
        Assert.Equal(ReminderPolicy.Plan(facts).Select(r => r.Key), ReminderPolicy.Plan(facts with { }).Select(r => r.Key));
        Assert.Equal(ReminderPolicy.Plan(facts).Count, ReminderPolicy.Plan(facts).Select(r => r.Key).Distinct().Count());
    }
}

public sealed class FileRulesTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, FileType.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, FileType.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, FileType.Png)]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, FileType.Unknown)]
    [InlineData(new byte[] { }, FileType.Unknown)]
    public void The_type_comes_from_the_content(byte[] header, FileType type) => Assert.Equal(type, FileRules.Sniff(header));

    [Theory]
    [InlineData(0L, FileType.Pdf, true, false, 1, null, "file-empty")]
    [InlineData(21L * 1024 * 1024, FileType.Pdf, true, false, 1, null, "file-too-large")]
    [InlineData(1000L, FileType.Unknown, false, false, 0, null, "file-type-unsupported")]
    [InlineData(1000L, FileType.Pdf, false, true, 0, null, "file-encrypted")]
    [InlineData(1000L, FileType.Pdf, false, false, 0, null, "file-corrupt")]
    [InlineData(1000L, FileType.Pdf, true, false, 500, null, "file-too-many-pages")]
    [InlineData(1000L, FileType.Png, true, false, 1, "d1", "duplicate-file")]
    [InlineData(1000L, FileType.Pdf, true, false, 50, null, null)]
    public void File_sanity_gives_one_clear_reason(long length, FileType type, bool opens, bool encrypted, int pages, string? duplicate, string? code) =>
        Assert.Equal(code, FileRules.Check(new FileFacts(length, type, opens, encrypted, pages, duplicate)).FirstOrDefault()?.Code);
}
