using Otrabotka.Domain;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Tests;

public sealed class TemplateTests
{
    private static readonly NoticeModel Full = new(
        GraduateName: "Айгерім Сапарова", Document: DocumentKind.EmploymentConfirmation, Reasons: [DomainReasons.WorkplaceNotRural.Message],
        Link: "https://otrabotka.example/confirm#t=abc", EmployerName: "ТОО «Дала»", Position: "мұғалім", Date: new DateOnly(2027, 9, 1),
        Amount: 2_400_000m, BudgetCost: 3_600_000m, RequiredDays: 1095, CreditedDays: 365)
    {
        LinkDays = 14,
    };

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
    public void The_default_message_cites_the_law_prints_money_as_the_language_writes_it_and_labels_the_formula()
    {
        var (_, ru, _) = Templates.Render(NotificationKind.DefaultDeclared, Language.Ru, Full);
        Assert.Contains("п. 17-1 ст. 47 Закона РК «Об образовании»", ru, StringComparison.Ordinal);
        Assert.Contains("2\u00A0400\u00A0000,00 тенге", ru, StringComparison.Ordinal);
        Assert.Contains("Расчёт: расходы бюджета 3\u00A0600\u00A0000,00 тенге × (требуемые 1095 дн. − засчитанные 365 дн.) / 1095 дн. = 2\u00A0400\u00A0000,00 тенге.", ru, StringComparison.Ordinal);
        Assert.Contains("В случае несогласия с решением", ru, StringComparison.Ordinal);

        var (_, kk, _) = Templates.Render(NotificationKind.DefaultDeclared, Language.Kk, Full);
        Assert.Contains("«Білім туралы» Қазақстан Республикасы Заңының 47-бабының 17-1-тармағына", kk, StringComparison.Ordinal);
        Assert.Contains("2\u00A0400\u00A0000,00 теңге", kk, StringComparison.Ordinal);
        Assert.DoesNotContain("п.", kk, StringComparison.Ordinal);
        Assert.DoesNotContain("₸", kk + ru, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("900101300106", "Уважаемый Айгерім Сапарова!")]
    [InlineData("900101400102", "Уважаемая Айгерім Сапарова!")]
    [InlineData(null, "Здравствуйте, Айгерім Сапарова!")]
    public void A_graduate_is_addressed_by_the_sex_the_IIN_records(string? iin, string hello)
    {
        var (_, text, _) = Templates.Render(NotificationKind.DocumentReceived, Language.Ru, Full with { GraduateSex = NoticeModel.SexOf(iin) });
        Assert.StartsWith(hello + "\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("(ая)", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(OperatorCodes))]
    public void An_operator_rejection_says_the_reason_in_the_graduates_language_and_the_note_on_its_own_line(string code)
    {
        var model = Full with { Reasons = [OperatorReasons.Text(code)], OperatorNote = "бет 2 жоқ", CanContest = false };
        foreach (var language in Enum.GetValues<Language>())
        {
            var (_, text, _) = Templates.Render(NotificationKind.DocumentRejected, language, model);
            Assert.DoesNotContain(code, text, StringComparison.Ordinal);
            Assert.Contains("• " + OperatorReasons.Text(code).In(language), text, StringComparison.Ordinal);
            Assert.Contains("\n" + TextCatalog.Default.Format("mail.document-rejected.operator-note", language, ("note", "бет 2 жоқ")) + "\n", text, StringComparison.Ordinal);
            Assert.Contains(TextCatalog.Default.Get("mail.document-rejected.next-step-contested", language), text, StringComparison.Ordinal);
            Assert.DoesNotContain(TextCatalog.Default.Get("mail.document-rejected.next-step", language), text, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string> OperatorCodes() => new(OperatorReasons.Codes);

    [Fact]
    public void Every_operator_reason_code_has_a_text_and_every_text_a_code()
    {
        var keys = TextCatalog.Default.Keys.Where(k => k.StartsWith("reasons.operator.", StringComparison.Ordinal)).Select(k => k["reasons.operator.".Length..]);
        Assert.Equal(OperatorReasons.Codes.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_employer_refusal_points_to_the_employer_and_carries_their_note()
    {
        var model = Full with { Reasons = [TextCatalog.Default.Text("reasons.employer-declined")], ByEmployer = true, EmployerNote = "Мұндай қызметкер жоқ" };
        var (_, text, _) = Templates.Render(NotificationKind.DocumentRejected, Language.Kk, model);
        Assert.Contains("Жұмыс берушінің түсініктемесі: Мұндай қызметкер жоқ", text, StringComparison.Ordinal);
        Assert.Contains("Жұмыс берушіңізбен байланысыңыз", text, StringComparison.Ordinal);
        Assert.DoesNotContain("шағымдана", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3600000", Language.Kk, "3\u00A0600\u00A0000,00 теңге")]
    [InlineData("3600000", Language.Ru, "3\u00A0600\u00A0000,00 тенге")]
    [InlineData("3600000", Language.En, "3,600,000.00 tenge")]
    [InlineData("2900000.50", Language.Ru, "2\u00A0900\u00A0000,50 тенге")]
    [InlineData("0", Language.Kk, "0,00 теңге")]
    public void Money_is_written_as_each_language_writes_it(string amount, Language language, string expected)
    {
        Assert.Equal(expected, Money.Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), language));
    }

    [Fact]
    public void Html_escapes_what_people_typed()
    {
        var (_, _, html) = Templates.Render(NotificationKind.DocumentReceived, Language.Kk, Full with { GraduateName = "<script>x</script>" });
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }
}
