namespace Otrabotka.Domain.Tests;

/// <summary>Every category × specialty group × organisation kind × location, against rules.md written out by hand.</summary>
public sealed class EligibilityTests
{
    private static readonly Region[] Serpin =
    [
        Region.Akmola, Region.Aktobe, Region.Atyrau, Region.Abai, Region.WestKazakhstan, Region.Karaganda,
        Region.Kostanay, Region.Pavlodar, Region.NorthKazakhstan, Region.Ulytau, Region.EastKazakhstan,
    ];

    // rules.md's table, independently of the JSON: group → allowed kinds (null = any organisation).
    private static readonly Dictionary<Category, Dictionary<SpecialtyGroup, OrganisationKind[]?>> Spec = new()
    {
        [Category.RuralQuota] = new()
        {
            [SpecialtyGroup.Pedagogical] = [OrganisationKind.Education, OrganisationKind.HigherEducation],
            [SpecialtyGroup.Medical] = [OrganisationKind.Healthcare],
            [SpecialtyGroup.Veterinary] = [OrganisationKind.Veterinary],
            [SpecialtyGroup.Agricultural] = [OrganisationKind.Agrarian],
        },
        [Category.StateOrder] = new()
        {
            [SpecialtyGroup.Medical] = [OrganisationKind.Healthcare],
            [SpecialtyGroup.Pedagogical] = [OrganisationKind.Education, OrganisationKind.HigherEducation],
        },
        [Category.Serpin] = new()
        {
            [SpecialtyGroup.Technical] = null,
            [SpecialtyGroup.Pedagogical] = null,
            [SpecialtyGroup.Agricultural] = null,
        },
        [Category.StateOrderOther] = new()
        {
            [SpecialtyGroup.Veterinary] = null,
            [SpecialtyGroup.Agricultural] = null,
            [SpecialtyGroup.Technical] = null,
            [SpecialtyGroup.Other] = null,
        },
        [Category.Phd] = Enum.GetValues<SpecialtyGroup>().ToDictionary(g => g, _ => (OrganisationKind[]?)[OrganisationKind.HigherEducation, OrganisationKind.Scientific]),
    };

    private static Level LevelFor(Category category) => category == Category.Phd ? Level.Doctorate : Level.Bachelor;

    public static TheoryData<Category, SpecialtyGroup> CategoryGroups()
    {
        var data = new TheoryData<Category, SpecialtyGroup>();
        foreach (var (category, groups) in Spec)
        {
            foreach (var group in groups.Keys)
            {
                data.Add(category, group);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CategoryGroups))]
    public void Every_kind_and_location_is_judged_as_rules_md_says(Category category, SpecialtyGroup group)
    {
        var terms = Fixtures.Terms(category, group, LevelFor(category));
        foreach (var kind in Enum.GetValues<OrganisationKind>())
        {
            foreach (var region in Enum.GetValues<Region>())
            {
                foreach (var settlement in Enum.GetValues<SettlementType>())
                {
                    var result = EligibilityRules.Check(terms, new Workplace(kind, Ownership.Private, region, settlement), terms.Start);
                    var allowed = Spec[category][group];
                    var kindOk = allowed is null || allowed.Contains(kind);
                    var locationOk = category switch
                    {
                        Category.RuralQuota => settlement == SettlementType.Village,
                        Category.Serpin => Serpin.Contains(region),
                        _ => true,
                    };
                    Assert.Equal(kindOk && locationOk, result.IsEligible);
                    Assert.Equal(!kindOk, result.Reasons.Any(r => r.Code == "organisation-kind-not-allowed"));
                    Assert.Empty(result.Warnings);
                }
            }
        }
    }

    [Theory]
    [InlineData(Level.Bachelor)]
    [InlineData(Level.Master)]
    public void A_pedagogical_graduate_at_a_university_works_in_education(Level level)
    {
        var terms = Fixtures.Terms(Category.StateOrder, SpecialtyGroup.Pedagogical, level);
        var result = EligibilityRules.Check(terms, new Workplace(OrganisationKind.HigherEducation, Ownership.State, Region.Astana, SettlementType.City), terms.Start);
        Assert.True(result.IsEligible, string.Join(", ", result.Reasons));
    }

    [Fact]
    public void A_workplace_of_several_kinds_counts_if_any_of_its_kinds_qualifies()
    {
        var medical = Fixtures.Terms(Category.StateOrder, SpecialtyGroup.Medical);
        var clinic = new Workplace(OrganisationKind.HigherEducation, Ownership.State, Region.Astana, SettlementType.City, Kinds: [OrganisationKind.HigherEducation, OrganisationKind.Healthcare]);
        Assert.True(EligibilityRules.Check(medical, clinic, medical.Start).IsEligible);
        Assert.False(EligibilityRules.Check(medical, clinic with { Kinds = null }, medical.Start).IsEligible);

        var phd = Fixtures.Terms(Category.Phd, SpecialtyGroup.Medical, Level.Doctorate);
        var centre = new Workplace(OrganisationKind.Healthcare, Ownership.State, Region.Astana, SettlementType.City, Kinds: [OrganisationKind.Scientific]);
        Assert.True(EligibilityRules.Check(phd, centre, phd.Start).IsEligible);
        Assert.Equal([OrganisationKind.Healthcare, OrganisationKind.Scientific], centre.AllKinds);
        Assert.Equal("organisation-kind-not-allowed", Assert.Single(EligibilityRules.Check(phd, centre with { Kinds = [OrganisationKind.Other] }, phd.Start).Reasons).Code);
    }

    [Fact]
    public void Groups_outside_a_category_are_refused_at_registration()
    {
        foreach (var category in Spec.Keys)
        {
            foreach (var group in Enum.GetValues<SpecialtyGroup>().Where(g => !Spec[category].ContainsKey(g)))
            {
                var result = new Obligation(category, LevelFor(category), group, new DateOnly(2024, 6, 1), 2020, 1m).Resolve(RuleTable.Default);
                Assert.Contains(result.Reasons, r => r.Code == "specialty-not-in-category");
            }
        }
    }

    [Fact]
    public void The_11_Serpin_regions_count_and_the_9_others_do_not()
    {
        var terms = Fixtures.Terms(Category.Serpin, SpecialtyGroup.Technical);
        Assert.Equal(Serpin.Order(), terms.Rules.SerpinRegions.Order());
        var others = Enum.GetValues<Region>().Except(Serpin).ToList();
        Assert.Equal(9, others.Count);
        foreach (var region in Serpin)
        {
            Assert.True(EligibilityRules.Check(terms, new Workplace(OrganisationKind.Other, Ownership.Private, region, SettlementType.City), terms.Start).IsEligible, region.ToString());
        }

        foreach (var region in others)
        {
            var result = EligibilityRules.Check(terms, new Workplace(OrganisationKind.Other, Ownership.Private, region, SettlementType.City), terms.Start);
            Assert.Equal("region-not-serpin", Assert.Single(result.Reasons).Code);
        }
    }

    [Fact]
    public void A_city_workplace_fails_the_rural_quota_with_every_reason_listed()
    {
        var terms = Fixtures.Terms(Category.RuralQuota, SpecialtyGroup.Pedagogical);
        var result = EligibilityRules.Check(terms, new Workplace(OrganisationKind.Healthcare, Ownership.State, Region.Astana, SettlementType.City), terms.Start);
        Assert.Equal(["organisation-kind-not-allowed", "workplace-not-rural"], result.Reasons.Select(r => r.Code));
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.Message.Kk + r.Message.Ru + r.Message.En) || r.Law is null));
    }

    [Fact]
    public void A_start_after_the_obligations_start_is_eligible_with_a_late_start_warning()
    {
        var terms = Fixtures.Terms();
        var result = EligibilityRules.Check(terms, new Workplace(OrganisationKind.Other, Ownership.Private, Region.Astana, SettlementType.City), terms.Start.AddDays(10));
        Assert.True(result.IsEligible);
        Assert.Equal("late-start", Assert.Single(result.Warnings).Code);
    }

    [Theory]
    [InlineData(Region.Astana, "711210000", null)]
    [InlineData(Region.Astana, "751210000", "kato-region-mismatch")]
    [InlineData(Region.Abai, "101010000", null)]
    [InlineData(Region.Ulytau, "621010000", null)]
    [InlineData(Region.Astana, "71121", "kato-format")]
    [InlineData(Region.Astana, "71121000x", "kato-format")]
    public void A_KATO_code_must_agree_with_the_region(Region region, string kato, string? code)
    {
        var terms = Fixtures.Terms();
        var result = EligibilityRules.Check(terms, new Workplace(OrganisationKind.Other, Ownership.Private, region, SettlementType.City, kato), terms.Start);
        Assert.Equal(code, result.Reasons.SingleOrDefault()?.Code);
    }

    [Theory]
    [InlineData("1000000000.00", "2024-06-01", null)]
    [InlineData("1000000000.01", "2024-06-01", "budget-cost-too-large")]
    [InlineData("79228162514264337593543950335", "2024-06-01", "budget-cost-too-large")]
    [InlineData("1", "2050-06-30", null)]
    [InlineData("1", "2051-01-01", "graduation-too-late")]
    [InlineData("1", "9999-12-31", "graduation-too-late")]
    public void An_impossible_budget_cost_or_graduation_date_is_a_reason_not_an_overflow(string budgetCost, string graduation, string? code)
    {
        var cost = decimal.Parse(budgetCost, System.Globalization.CultureInfo.InvariantCulture);
        var result = new Obligation(Category.StateOrderOther, Level.Bachelor, SpecialtyGroup.Technical, DateOnly.Parse(graduation, System.Globalization.CultureInfo.InvariantCulture), 2020, cost).Resolve(RuleTable.Default);
        Assert.Equal(code, result.Reasons.SingleOrDefault()?.Code);
        if (result.Value is { } terms)
        {
            Assert.True(LedgerRules.Compute(terms, [], new DateOnly(2026, 11, 26)).OwedIfStopped <= cost);
        }
    }

    [Fact]
    public void Residency_is_only_for_medical_specialties()
    {
        var nonMedical = new Obligation(Category.StateOrder, Level.Residency, SpecialtyGroup.Pedagogical, new DateOnly(2024, 6, 1), 2020, 1m).Resolve(RuleTable.Default);
        Assert.Contains(nonMedical.Reasons, r => r.Code == "residency-only-medical");
        Assert.True(new Obligation(Category.StateOrder, Level.Residency, SpecialtyGroup.Medical, new DateOnly(2024, 6, 1), 2020, 1m).Resolve(RuleTable.Default).IsValid);
    }

    [Fact]
    public void Every_enumeration_value_has_three_names_and_every_region_a_KATO_prefix()
    {
        static void AllNamed<T>(Func<T, Text> name) where T : struct, Enum
        {
            foreach (var v in Enum.GetValues<T>())
            {
                var text = name(v);
                Assert.False(string.IsNullOrWhiteSpace(text.Kk) || string.IsNullOrWhiteSpace(text.Ru) || string.IsNullOrWhiteSpace(text.En), $"{typeof(T).Name}.{v}");
            }
        }

        AllNamed<Category>(Names.Of);
        AllNamed<Level>(Names.Of);
        AllNamed<SpecialtyGroup>(Names.Of);
        AllNamed<OrganisationKind>(Names.Of);
        AllNamed<SettlementType>(Names.Of);
        AllNamed<Region>(Names.Of);
        AllNamed<ExemptionGround>(Names.Of);
        AllNamed<DocumentKind>(Names.Of);
        AllNamed<DocumentStatus>(Names.Of);
        AllNamed<ObligationStatus>(Names.Of);
        Assert.Equal(20, Regions.All.Select(r => r.KatoPrefix).Distinct().Count());
        Assert.Equal("disability-1-2", Wire.Name(ExemptionGround.Disability12));
        Assert.Equal("pregnancy-or-child-under-3", Wire.Name(ExemptionGround.PregnancyOrChildUnder3));
        Assert.Equal("state-order-other", Wire.Name(Category.StateOrderOther));
        Assert.Equal("almaty-city", Wire.Name(Region.AlmatyCity));
    }
}
