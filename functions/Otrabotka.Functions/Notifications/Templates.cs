using System.Globalization;
using System.Net;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// The e-mail templates: HTML and plain text from one set of paragraphs, in Kazakh, Russian or English;
/// an employer gets Kazakh and Russian in one message. Every message ends with the operator's contacts.
/// The words are the catalog's <c>mail.*</c> texts (Texts/mail.&lt;lang&gt;.json); this class only picks
/// and fills them.
/// </summary>
public static class Templates
{
    private static TextCatalog Texts => TextCatalog.Default;

    public static (string Subject, string Text, string Html) Render(NotificationKind kind, Language language, NoticeModel m, bool bilingualKkRu = false)
    {
        // Text a person typed (names, positions) is shown as text: never a link, never markup.
        var model = m with { GraduateName = UserText.Inert(m.GraduateName), EmployerName = UserText.Inert(m.EmployerName), Position = UserText.Inert(m.Position) };
        var (subject, paragraphs) = Content(kind, model);
        if (bilingualKkRu)
        {
            var kk = paragraphs.Select(p => p.Kk).ToList();
            var ru = paragraphs.Select(p => p.Ru).ToList();
            return Compose($"{subject.Kk} / {subject.Ru}", [.. kk, "", .. Contacts.Lines(Language.Kk), "", "———", "", .. ru, "", .. Contacts.Lines(Language.Ru)], m.Link);
        }

        return Compose(subject.In(language), [.. paragraphs.Select(p => p.In(language)), "", .. Contacts.Lines(language)], m.Link);
    }

    public static EmailMessage Message(string to, (string Subject, string Text, string Html) rendered) =>
        new(to, rendered.Subject, rendered.Text, rendered.Html, new Dictionary<string, string>());

    /// <summary>Only the link the system made (<paramref name="link"/>) becomes an anchor.</summary>
    private static (string Subject, string Text, string Html) Compose(string subject, IReadOnlyList<string> lines, string? link)
    {
        var text = string.Join("\n", lines);
        var html = new StringBuilder("<!doctype html><html><body style=\"font-family:Arial,sans-serif;line-height:1.5\">");
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                html.Append("<br>");
            }
            else if (link is not null && line == link)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(line)}\">{WebUtility.HtmlEncode(line)}</a></p>");
            }
            else
            {
                html.Append(CultureInfo.InvariantCulture, $"<p>{WebUtility.HtmlEncode(line)}</p>");
            }
        }

        html.Append("</body></html>");
        return (subject, text, html.ToString());
    }

    private static (Text Subject, List<Text> Paragraphs) Content(NotificationKind kind, NoticeModel m)
    {
        var area = "mail." + Wire.Name(kind);
        var subject = Texts.Text(area + ".subject");
        var body = Say(area + ".body", m);
        List<Text> paragraphs = kind switch
        {
            NotificationKind.DocumentRejected => [Hello(m), body, .. Rejection(m)],
            NotificationKind.EmployerRequest => [Texts.Text("mail.hello.employer"), Texts.Text("mail.operator-basis"), body, Same(m.Link)],
            NotificationKind.ReminderEmployerNoAnswer => [Texts.Text("mail.hello.employer"), body, Same(m.Link)],
            NotificationKind.DefaultDeclared => [Hello(m), body, Say(area + ".formula", m), Texts.Text(area + ".how-to-pay"), Texts.Text(area + ".how-to-object")],
            NotificationKind.FeedNotCredited => [Hello(m), body, .. Bullets(m), Texts.Text(area + ".next-step")],
            NotificationKind.FeedCredited or NotificationKind.FeedStopped => [Hello(m), body, Texts.Text(area + ".next-step")],
            NotificationKind.ObligationCorrected => [Hello(m), body, Say(area + (m.Date is null ? ".no-projection" : ".projection"), m), Texts.Text(area + ".how-to-object")],
            NotificationKind.DocumentReceived or NotificationKind.AwaitingEmployer or NotificationKind.DocumentInReview or NotificationKind.DocumentAccepted
                or NotificationKind.ObligationCompleted or NotificationKind.ReminderNoEmploymentProof or NotificationKind.ReminderEmployerSilent
                or NotificationKind.ReminderReconfirmation or NotificationKind.ReminderDeferralEnding or NotificationKind.ReminderAtRisk => [Hello(m), body],
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A notification kind with no template."),
        };
        return (subject, paragraphs);
    }

    private static Text Hello(NoticeModel m) => Say(m.GraduateSex switch
    {
        Sex.Male => "mail.hello.male",
        Sex.Female => "mail.hello.female",
        _ => "mail.hello.unknown",
    }, m);

    private static IEnumerable<Text> Bullets(NoticeModel m) => (m.Reasons ?? []).Select(reason => new Text("• " + reason.Kk, "• " + reason.Ru, "• " + reason.En));

    private static IEnumerable<Text> Rejection(NoticeModel m)
    {
        foreach (var reason in m.Reasons ?? [])
        {
            yield return new Text("• " + reason.Kk, "• " + reason.Ru, "• " + reason.En);
        }

        if (m.OperatorNote is { Length: > 0 } operatorNote)
        {
            yield return Texts.Text("mail.document-rejected.operator-note", ("note", operatorNote));
        }

        if (m.EmployerNote is { Length: > 0 } employerNote)
        {
            yield return Texts.Text("mail.document-rejected.employer-note", ("note", employerNote));
        }

        yield return Texts.Text(m.ByEmployer ? "mail.document-rejected.next-step-employer"
            : m.CanContest ? "mail.document-rejected.next-step" : "mail.document-rejected.next-step-contested");
    }

    private static Text Same(string? value) => new(value ?? "", value ?? "", value ?? "");

    /// <summary>A text filled with the model's values as each language writes them (names, dates, money).</summary>
    private static Text Say(string key, NoticeModel m) =>
        new(Texts.Format(key, Language.Kk, Values(key, m, Language.Kk)), Texts.Format(key, Language.Ru, Values(key, m, Language.Ru)), Texts.Format(key, Language.En, Values(key, m, Language.En)));

    private static Dictionary<string, string> Values(string key, NoticeModel m, Language language)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = m.GraduateName ?? "",
            ["document"] = m.Document is { } document ? Names.Of(document).In(language) : Texts.Get("mail.document", language),
            ["date"] = m.Date is { } date ? date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : "",
            ["employer"] = m.EmployerName ?? "",
            ["position"] = m.Position ?? "",
            ["amount"] = Money.Format(m.Amount ?? 0m, language),
            ["cost"] = Money.Format(m.BudgetCost ?? 0m, language),
            ["required"] = Number(m.RequiredDays ?? 0),
            ["credited"] = Number(m.CreditedDays ?? 0),
        };
        if (key.StartsWith("mail.employer-request.", StringComparison.Ordinal))
        {
            values["days"] = Number(m.LinkDays ?? throw new InvalidOperationException("An employer request needs the link's lifetime."));
        }
        else if (key.StartsWith("mail.reminder-employer-silent.", StringComparison.Ordinal))
        {
            values["days"] = Number(ReminderPolicy.EmployerSilentOffset);
        }
        else if (key.StartsWith("mail.reminder-at-risk.", StringComparison.Ordinal))
        {
            values["days"] = Number(m.AtRiskGapDays ?? RuleTable.Default.Versions[^1].AtRiskGapDays);
        }
        else if (key.StartsWith("mail.reminder-reconfirmation.", StringComparison.Ordinal))
        {
            values["months"] = Number(m.ReconfirmationMonths ?? RuleTable.Default.Versions[^1].ReconfirmationMonths);
        }

        return values;
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
