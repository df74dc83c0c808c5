using static Otrabotka.Domain.Tests.Fixtures;

namespace Otrabotka.Domain.Tests;

public sealed class ExemptionTests
{
    private static readonly DateOnly Today = D("2025-03-01");

    private static IEnumerable<string> Codes(ExemptionClaim claim, Level level = Level.Bachelor, SpecialtyGroup group = SpecialtyGroup.Technical, Category category = Category.StateOrderOther) =>
        ExemptionRules.Check(Terms(category, group, level, D("2024-06-20")), claim, Today).Select(r => r.Code);

    [Theory]
    [InlineData("2024-01-01", true)]
    [InlineData("2024-12-31", true)]
    [InlineData("2023-12-31", false)]
    [InlineData("2025-01-01", false)]
    public void The_commission_decision_must_be_dated_in_the_graduation_year(string decided, bool ok) =>
        Assert.Equal(!ok, Codes(new ExemptionClaim(ExemptionGround.Disability12, D(decided), DisabilityGroup: 1)).Contains("decision-outside-graduation-year"));

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(null, false)]
    public void Only_disability_of_group_I_or_II_is_a_ground(int? group, bool ok) =>
        Assert.Equal(ok, !Codes(new ExemptionClaim(ExemptionGround.Disability12, D("2024-07-01"), DisabilityGroup: group)).Any());

    [Theory]
    [InlineData("2021-07-02", true)]   // under three on 2024-07-01
    [InlineData("2021-07-01", false)]  // turns three that day
    [InlineData("2020-01-01", false)]
    public void The_child_is_under_three_on_the_decision_date(string born, bool ok)
    {
        var codes = Codes(new ExemptionClaim(ExemptionGround.PregnancyOrChildUnder3, D("2024-07-01"), ChildBirthDate: D(born))).ToList();
        Assert.Equal(ok, codes.Count == 0);
        if (!ok)
        {
            Assert.Contains("child-over-three", codes);
        }
    }

    [Fact]
    public void Pregnancy_confirmed_is_a_ground_and_neither_date_is_refused()
    {
        Assert.Empty(Codes(new ExemptionClaim(ExemptionGround.PregnancyOrChildUnder3, D("2024-07-01"), PregnancyConfirmedOn: D("2024-06-15"))));
        Assert.Contains("pregnancy-or-child-missing", Codes(new ExemptionClaim(ExemptionGround.PregnancyOrChildUnder3, D("2024-07-01"))));
    }

    [Theory]
    [InlineData(Level.Bachelor, SpecialtyGroup.Technical, Level.Master, "2024-08-25", true)]
    [InlineData(Level.Bachelor, SpecialtyGroup.Technical, Level.Master, "2025-08-25", false)]
    [InlineData(Level.Bachelor, SpecialtyGroup.Technical, Level.Residency, "2024-08-25", false)]
    [InlineData(Level.Bachelor, SpecialtyGroup.Technical, Level.Bachelor, "2024-08-25", false)]
    [InlineData(Level.Master, SpecialtyGroup.Technical, Level.Doctorate, "2024-08-25", true)]
    public void Further_study_is_a_higher_level_entered_in_the_graduation_year(Level level, SpecialtyGroup group, Level next, string enrolled, bool ok) =>
        Assert.Equal(ok, !Codes(new ExemptionClaim(ExemptionGround.FurtherStudy, D("2024-07-01"), StudyLevel: next, EnrolmentDate: D(enrolled)), level, group).Any());

    [Fact]
    public void Residency_on_the_state_order_is_further_study_for_a_medical_graduate() =>
        Assert.Empty(Codes(new ExemptionClaim(ExemptionGround.FurtherStudy, D("2024-07-01"), StudyLevel: Level.Residency, EnrolmentDate: D("2024-08-20"), StateOrder: true), Level.Bachelor, SpecialtyGroup.Medical, Category.StateOrder));

    [Theory]
    [InlineData(false)]
    [InlineData(null)]
    public void Residency_not_on_the_state_order_does_not_exempt(bool? stateOrder) =>
        Assert.Equal(
            ["residency-not-state-order"],
            Codes(new ExemptionClaim(ExemptionGround.FurtherStudy, D("2024-07-01"), StudyLevel: Level.Residency, EnrolmentDate: D("2024-08-20"), StateOrder: stateOrder), Level.Bachelor, SpecialtyGroup.Medical, Category.StateOrder));

    [Fact]
    public void A_master_s_or_doctorate_needs_no_state_order_fact() =>
        Assert.Empty(Codes(new ExemptionClaim(ExemptionGround.FurtherStudy, D("2024-07-01"), StudyLevel: Level.Master, EnrolmentDate: D("2024-08-20"), StateOrder: false)));

    [Fact]
    public void No_vacancy_where_the_spouse_is_needs_the_spouses_locality()
    {
        Assert.Contains("spouse-locality-missing", Codes(new ExemptionClaim(ExemptionGround.SpouseNoVacancy, D("2024-07-01"))));
        Assert.Empty(Codes(new ExemptionClaim(ExemptionGround.SpouseNoVacancy, D("2024-07-01"), SpouseLocality: "Ақсу")));
    }

    [Fact]
    public void A_deferral_needs_sensible_dates()
    {
        var terms = Terms(graduation: D("2024-06-20"));
        Assert.Empty(ExemptionRules.Check(terms, new DeferralClaim(D("2024-10-01"), null), Today));
        Assert.Contains(ExemptionRules.Check(terms, new DeferralClaim(D("2024-10-01"), D("2024-09-01")), Today), r => r.Code == "end-before-start");
        Assert.Contains(ExemptionRules.Check(terms, new DeferralClaim(D("2025-10-01"), null), Today), r => r.Code == "date-in-future");
    }

    [Fact]
    public void A_child_born_in_the_last_representable_years_is_checked_without_overflowing()
    {
        var codes = Codes(new ExemptionClaim(ExemptionGround.PregnancyOrChildUnder3, DateOnly.MaxValue, ChildBirthDate: DateOnly.MaxValue)).ToList();
        Assert.DoesNotContain("child-over-three", codes);
        Assert.DoesNotContain("child-born-after-decision", codes);
    }
}
