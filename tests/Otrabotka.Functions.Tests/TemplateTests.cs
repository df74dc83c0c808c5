using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;

namespace Otrabotka.Functions.Tests;

public sealed class TemplateTests
{
    private static readonly NoticeModel Full = new(
        GraduateName: "Айгерім Сапарова", Document: DocumentKind.EmploymentConfirmation, Reasons: [DomainReasons.WorkplaceNotRural.Message],
        Link: "https://otrabotka.example/confirm#t=abc", EmployerName: "ТОО «Дала»", Position: "мұғалім", Date: new DateOnly(2027, 9, 1),
        Amount: 2_400_000m, BudgetCost: 3_600_000m, RequiredDays: 1095, CreditedDays: 365);

    public static TheoryData<NotificationKind, Language> Every()
    {
        var data = new TheoryData<NotificationKind, Language>();
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            foreach (var language in Enum.GetValues<Language>())
            {
                data.Add(kind, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Every))]
    public void Every_message_renders_in_every_language_with_no_missing_text_and_ends_with_the_contacts(NotificationKind kind, Language language)
    {
        var (subject, text, html) = Templates.Render(kind, language, Full);
        Assert.False(string.IsNullOrWhiteSpace(subject));
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", subject, StringComparison.Ordinal);
        Assert.Contains("fincenter@fincenter.kz", text, StringComparison.Ordinal);
        Assert.Contains("fincenter2020@gmail.com", text, StringComparison.Ordinal);
        Assert.Contains("fincenter2020@gmail.com", html, StringComparison.Ordinal);
        Assert.Contains("t.me/otrabotkagrant", html, StringComparison.Ordinal);
        Assert.Contains(Contacts.Address.In(language), text, StringComparison.Ordinal);
        Assert.EndsWith(Contacts.Address.In(language), text.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(3, Enum.GetValues<Language>().Select(l => Templates.Render(kind, l, Full).Text).Distinct().Count());
    }

    [Fact]
    public void An_employer_gets_Kazakh_and_Russian_in_one_message_with_the_link()
    {
        var (subject, text, html) = Templates.Render(NotificationKind.EmployerRequest, Language.En, Full, bilingualKkRu: true);
        Assert.Contains("Жұмысқа қабылдауды растау", subject, StringComparison.Ordinal);
        Assert.Contains("Подтверждение трудоустройства", subject, StringComparison.Ordinal);
        Assert.Contains(Full.Link!, text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Full.Link}\"", html.Replace("&amp;", "&", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(Contacts.Address.Kk, text, StringComparison.Ordinal);
        Assert.Contains(Contacts.Address.Ru, text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_message_shows_the_amount_and_how_it_was_computed()
    {
        var (_, text, _) = Templates.Render(NotificationKind.DefaultDeclared, Language.Ru, Full);
        Assert.Contains("2,400,000.00 ₸", text, StringComparison.Ordinal);
        Assert.Contains("3,600,000.00 × (1095 − 365) / 1095", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_escapes_what_people_typed()
    {
        var (_, _, html) = Templates.Render(NotificationKind.DocumentReceived, Language.Kk, Full with { GraduateName = "<script>x</script>" });
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
