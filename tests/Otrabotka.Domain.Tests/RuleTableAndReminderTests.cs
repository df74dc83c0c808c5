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
    public void Wrong_value_types_are_named_every_one_and_nothing_throws()
    {
        var json = DefaultJson()
            .Replace("\"atRiskGapDays\": 90", "\"atRiskGapDays\": \"ninety\"", StringComparison.Ordinal)
            .Replace("\"months\": 24", "\"months\": \"24\"", StringComparison.Ordinal)
            .Replace("\"militaryDeferral\": true", "\"militaryDeferral\": \"yes\"", StringComparison.Ordinal)
            .Replace("\"levels\": [\"doctorate\"]", "\"levels\": \"doctorate\"", StringComparison.Ordinal)
            .Replace("\"pedagogical\": [\"*\"]", "\"pedagogical\": [7]", StringComparison.Ordinal);
        var table = RuleTable.Parse(json);
        Assert.False(table.IsValid);
        var text = string.Join("; ", table.Reasons.Select(r => r.Message.En));
        foreach (var expected in new[] { "atRiskGapDays", "serpin: 'months'", "militaryDeferral", "phd: 'levels'", "serpin: organisation kind" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"versions\": {}}")]
    [InlineData("[1, 2]")]
    [InlineData("{\"versions\": [1, \"x\", null]}")]
    [InlineData("{\"versions\": [{\"fromAdmissionYear\": 2020, \"serpinRegions\": [1], \"categories\": []}]}")]
    [InlineData("{\"versions\": [{\"fromAdmissionYear\": 2020, \"categories\": {\"phd\": 5, \"serpin\": {\"groups\": []}}}]}")]
    public void A_malformed_table_is_a_result_not_an_exception(string json)
    {
        var table = RuleTable.Parse(json);
        Assert.False(table.IsValid);
        Assert.Equal("rule-table-invalid", Assert.Single(table.Reasons).Code);
    }

    [Fact]
    public void An_admission_year_before_the_first_version_is_refused()
    {
        var before = new Obligation(Category.StateOrderOther, Level.Bachelor, SpecialtyGroup.Technical, D("2024-06-20"), 1999, 1m).Resolve(RuleTable.Default);
        Assert.Equal("admission-year-before-rules", Assert.Single(before.Reasons).Code);
        Assert.True(new Obligation(Category.StateOrderOther, Level.Bachelor, SpecialtyGroup.Technical, D("2024-06-20"), 2000, 1m).Resolve(RuleTable.Default).IsValid);
    }

    [Fact]
    public void An_unknown_organisation_kind_in_the_table_is_named() =>
        Assert.Contains("unknown organisation kind 'school'", RuleTable.Parse(DefaultJson().Replace("[\"education\", \"higher-education\"]", "[\"school\", \"higher-education\"]", StringComparison.Ordinal)).Reasons[0].Message.En, StringComparison.Ordinal);

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
        Assert.Contains(plan, r => r.Kind == ReminderKind.AtRisk && r.DueOn == D("2025-05-02"));
    }

    [Fact]
    public void The_at_risk_reminder_falls_due_on_the_day_the_ledger_turns_at_risk()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        Period[] periods = [Job("2024-09-01", "2025-01-31")];
        var due = Assert.Single(ReminderPolicy.Plan(Facts(proof: true, gap: D("2025-02-01"))), r => r.Kind == ReminderKind.AtRisk).DueOn;
        Assert.Equal(ObligationStatus.AtRisk, LedgerRules.Compute(terms, periods, due).Status);
        Assert.NotEqual(ObligationStatus.AtRisk, LedgerRules.Compute(terms, periods, due.AddDays(-1)).Status);
    }

    [Fact]
    public void Military_service_after_a_job_moves_the_gap_and_so_the_at_risk_reminder_past_the_service()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        Period[] periods = [Job("2024-09-01", "2025-01-31"), new(PeriodKind.MilitaryService, D("2025-03-01"), D("2026-02-28"), "m1")];
        var gap = LedgerRules.GapStart(terms.Start, periods);
        Assert.Equal(D("2026-03-01"), gap);
        var due = Assert.Single(ReminderPolicy.Plan(Facts(proof: true, gap: gap)), r => r.Kind == ReminderKind.AtRisk).DueOn;
        Assert.Equal(ObligationStatus.AtRisk, LedgerRules.Compute(terms, periods, due).Status);
        Assert.Equal(ObligationStatus.Paused, LedgerRules.Compute(terms, periods, D("2025-06-01")).Status);
    }

    [Fact]
    public void No_at_risk_reminder_is_planned_while_service_goes_on_or_a_job_runs()
    {
        var start = D("2024-09-01");
        Assert.Null(LedgerRules.GapStart(start, [Job("2024-09-01", "2025-01-31"), new(PeriodKind.MilitaryService, D("2025-03-01"), null, "m1")]));
        Assert.Null(LedgerRules.GapStart(start, [Job("2024-09-01", null)]));
        Assert.Null(LedgerRules.GapStart(start, []));
        Assert.Equal(start, LedgerRules.GapStart(start, [Job("2024-07-01", "2024-08-15")]));
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

    [Fact]
    public void A_hostile_file_is_refused_for_its_hazard_before_anything_else()
    {
        var plain = new FileFacts(1000, FileType.Pdf, false, true, 0, "d1");
        Assert.Equal("file-trailing-data", FileRules.Check(plain with { TrailingData = true, ActiveContent = true }).Single().Code);
        Assert.Equal("file-active-content", FileRules.Check(plain with { ActiveContent = true, Pixels = long.MaxValue }).Single().Code);
        Assert.Equal("file-too-many-pixels", FileRules.Check(plain with { Pixels = FileRules.MaxPixels + 1 }).Single().Code);
        Assert.Equal("file-decoded-too-large", FileRules.Check(plain with { DecodedBytes = FileRules.MaxDecodedBytes + 1, Objects = int.MaxValue }).Single().Code);
        Assert.Equal("file-too-complex", FileRules.Check(plain with { Streams = FileRules.MaxPdfStreams + 1 }).Single().Code);
        Assert.Equal("file-encrypted", FileRules.Check(plain with { Pixels = FileRules.MaxPixels, DecodedBytes = FileRules.MaxDecodedBytes }).Single().Code);
        Assert.All(new[] { FileRules.TrailingData, FileRules.ActiveContent, FileRules.TooManyPixels, FileRules.DecodedTooLarge, FileRules.TooComplex }, reason =>
            Assert.All(new[] { reason.Message.Kk, reason.Message.Ru, reason.Message.En }, text => Assert.False(string.IsNullOrWhiteSpace(text))));
    }
}
