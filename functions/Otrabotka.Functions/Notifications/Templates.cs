using System.Globalization;
using System.Net;
using System.Text;
using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;

namespace Otrabotka.Functions.Notifications;

public enum NotificationKind
{
    DocumentReceived,
    DocumentRejected,
    AwaitingEmployer,
    EmployerRequest,
    DocumentInReview,
    DocumentAccepted,
    ObligationCompleted,
    DefaultDeclared,
    ReminderNoEmploymentProof,
    ReminderEmployerNoAnswer,
    ReminderEmployerSilent,
    ReminderReconfirmation,
    ReminderDeferralEnding,
    ReminderAtRisk,
}

/// <summary>What a message may say: only the personal data each message needs.</summary>
public sealed record NoticeModel(
    string? GraduateName = null,
    DocumentKind? Document = null,
    IReadOnlyList<Text>? Reasons = null,
    string? Link = null,
    string? EmployerName = null,
    string? Position = null,
    DateOnly? Date = null,
    decimal? Amount = null,
    decimal? BudgetCost = null,
    int? RequiredDays = null,
    int? CreditedDays = null);

/// <summary>
/// The e-mail templates: HTML and plain text from one set of paragraphs, in Kazakh, Russian or English;
/// an employer gets Kazakh and Russian in one message. Every message ends with the operator's contacts.
/// </summary>
public static class Templates
{
    public static (string Subject, string Text, string Html) Render(NotificationKind kind, Language language, NoticeModel m, bool bilingualKkRu = false)
    {
        var (subject, paragraphs) = Content(kind, m);
        if (bilingualKkRu)
        {
            var kk = paragraphs.Select(p => p.Kk).ToList();
            var ru = paragraphs.Select(p => p.Ru).ToList();
            return Compose($"{subject.Kk} / {subject.Ru}", [.. kk, .. Contacts.Lines(Language.Kk), "", "———", "", .. ru, .. Contacts.Lines(Language.Ru)]);
        }

        return Compose(subject.In(language), [.. paragraphs.Select(p => p.In(language)), "", .. Contacts.Lines(language)]);
    }

    private static (string Subject, string Text, string Html) Compose(string subject, IReadOnlyList<string> lines)
    {
        var text = string.Join("\n", lines);
        var html = new StringBuilder("<!doctype html><html><body style=\"font-family:Arial,sans-serif;line-height:1.5\">");
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                html.Append("<br>");
            }
            else if (line.StartsWith("http", StringComparison.Ordinal))
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
        var name = m.GraduateName ?? "";
        var doc = m.Document is { } d ? Names.Of(d) : new Text("құжат", "документ", "document");
        var date = m.Date is { } dt ? dt.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) : "";
        var hello = new Text($"Құрметті {name}!", $"Уважаемый(ая) {name}!", $"Dear {name},");
        switch (kind)
        {
            case NotificationKind.DocumentReceived:
                return (new("Құжат алынды", "Документ получен", "Document received"),
                    [hello, new($"«{doc.Kk}» құжатыңыз алынды және тексерілуде.", $"Ваш документ «{doc.Ru}» получен и проверяется.", $"Your document \"{doc.En}\" was received and is being checked.")]);
            case NotificationKind.DocumentRejected:
                var reasons = (m.Reasons ?? []).Select(r => new Text("• " + r.Kk, "• " + r.Ru, "• " + r.En));
                return (new("Құжат қабылданбады", "Документ отклонён", "Document rejected"),
                    [hello, new($"«{doc.Kk}» құжатыңыз қабылданбады. Себептері:", $"Ваш документ «{doc.Ru}» отклонён. Причины:", $"Your document \"{doc.En}\" was rejected. Reasons:"), .. reasons,
                     new("Қателерді түзетіп, құжатты қайта жүктеңіз немесе шешімге бір рет шағымданыңыз.", "Исправьте ошибки и загрузите документ снова или оспорьте решение один раз.", "Correct the errors and upload again, or contest the decision once.")]);
            case NotificationKind.AwaitingEmployer:
                return (new("Жұмыс берушінің растауы күтілуде", "Ожидается подтверждение работодателя", "Awaiting your employer's confirmation"),
                    [hello, new($"«{doc.Kk}» тексеруден өтті. {m.EmployerName} жұмыс берушісіне растау сұрауы жіберілді.", $"Документ «{doc.Ru}» прошёл проверку. Работодателю {m.EmployerName} отправлен запрос на подтверждение.", $"\"{doc.En}\" passed the checks. A confirmation request was sent to {m.EmployerName}.")]);
            case NotificationKind.EmployerRequest:
                return (new("Жұмысқа қабылдауды растау", "Подтверждение трудоустройства", "Confirm an employment"),
                    [new($"{m.EmployerName} ұйымының құрметті басшылығы!", $"Уважаемое руководство {m.EmployerName}!", $"Dear {m.EmployerName},"),
                     new($"Жас маман {name} {date} бастап «{m.Position}» лауазымында жұмыс істейтінін хабарлады. Сілтеме бойынша растаңыз немесе бас тартыңыз (14 күн жарамды):", $"Молодой специалист {name} сообщил(а), что работает у вас в должности «{m.Position}» с {date}. Подтвердите или отклоните по ссылке (действует 14 дней):", $"The graduate {name} states they work for you as \"{m.Position}\" since {date}. Confirm or decline via the link (valid 14 days):"),
                     new(m.Link ?? "", m.Link ?? "", m.Link ?? "")]);
            case NotificationKind.DocumentInReview:
                return (new("Құжат оператордың тексеруінде", "Документ на проверке у оператора", "Document under review"),
                    [hello, new($"«{doc.Kk}» құжатыңызды «Қаржы орталығы» АҚ операторы тексереді.", $"Ваш документ «{doc.Ru}» проверит оператор АО «Финансовый центр».", $"An operator of the Financial Center will review your document \"{doc.En}\".")]);
            case NotificationKind.DocumentAccepted:
                return (new("Құжат бекітілді", "Документ принят", "Document accepted"),
                    [hello, new($"«{doc.Kk}» құжатыңыз бекітілді; жұмыспен өтеу есебі жаңартылды.", $"Ваш документ «{doc.Ru}» принят; учёт отработки обновлён.", $"Your document \"{doc.En}\" was accepted; your work-off account is updated.")]);
            case NotificationKind.ObligationCompleted:
                return (new("Жұмыспен өтеу міндеті орындалды", "Обязательство по отработке выполнено", "Work-off obligation completed"),
                    [hello, new("Жұмыспен өтеу міндетіңіз толық орындалды. Рақмет!", "Ваше обязательство по отработке выполнено полностью. Спасибо!", "Your work-off obligation is fulfilled. Thank you!")]);
            case NotificationKind.DefaultDeclared:
                var amount = (m.Amount ?? 0m).ToString("N2", CultureInfo.InvariantCulture);
                var cost = (m.BudgetCost ?? 0m).ToString("N2", CultureInfo.InvariantCulture);
                var formula = $"{cost} × ({m.RequiredDays} − {m.CreditedDays}) / {m.RequiredDays} = {amount} ₸";
                return (new("Жұмыспен өтеу міндеті орындалмады", "Обязательство по отработке не исполнено", "Work-off obligation not fulfilled"),
                    [hello, new($"{date} жағдай бойынша міндет орындалмады деп танылды. Бюджетке өтелетін сома: {amount} ₸ (п.17-1 ст.47).", $"По состоянию на {date} обязательство признано неисполненным. Сумма возмещения в бюджет: {amount} ₸ (п.17-1 ст.47).", $"As of {date} the obligation is declared unfulfilled. Amount to reimburse: {amount} ₸ (art.47 p.17-1)."),
                     new($"Есептеу: {formula}", $"Расчёт: {formula}", $"Computed as: {formula}")]);
            case NotificationKind.ReminderNoEmploymentProof:
                return (new("Еске салу: жұмысқа орналасуды растаңыз", "Напоминание: подтвердите трудоустройство", "Reminder: prove your employment"),
                    [hello, new("Жұмыспен өтеу мерзімі басталды, бірақ жұмысқа орналасуды растайтын құжат әлі жоқ. Құжатты жүктеңіз немесе босату/кейінге қалдыру туралы құжатты ұсыныңыз.", "Срок отработки начался, но документа о трудоустройстве пока нет. Загрузите документ или подтверждение освобождения/отсрочки.", "Your work-off period has begun but no employment proof is on file. Upload one, or proof of an exemption or deferral.")]);
            case NotificationKind.ReminderEmployerNoAnswer:
                return (new("Еске салу: жұмысқа қабылдауды растаңыз", "Напоминание: подтвердите трудоустройство", "Reminder: confirm an employment"),
                    [new($"{m.EmployerName} ұйымының құрметті басшылығы!", $"Уважаемое руководство {m.EmployerName}!", $"Dear {m.EmployerName},"),
                     new($"{name} жұмысқа қабылдануын растау сұрауы әлі жауапсыз. Сілтеме:", $"Запрос на подтверждение трудоустройства {name} пока без ответа. Ссылка:", $"The request to confirm {name}'s employment is still unanswered. Link:"),
                     new(m.Link ?? "", m.Link ?? "", m.Link ?? "")]);
            case NotificationKind.ReminderEmployerSilent:
                return (new("Жұмыс беруші жауап бермеді", "Работодатель не ответил", "Your employer has not answered"),
                    [hello, new("Жұмыс беруші 10 күн ішінде растамады. Жұмыс берушімен байланысыңыз немесе басқа құжат (еңбек шарты, бұйрық) жүктеңіз.", "Работодатель не подтвердил за 10 дней. Свяжитесь с работодателем или загрузите другой документ (трудовой договор, приказ).", "The employer has not confirmed in 10 days. Contact them or upload another document (contract, order).")]);
            case NotificationKind.ReminderReconfirmation:
                return (new("Жұмысты қайта растау уақыты келді", "Пора подтвердить продолжение работы", "Time to re-confirm your employment"),
                    [hello, new("Жұмысты жалғастырып жатқаныңызды растайтын жаңа құжат жүктеңіз (әр 6 ай сайын).", "Загрузите новый документ о продолжении работы (раз в 6 месяцев).", "Upload a new document showing you still work there (every 6 months).")]);
            case NotificationKind.ReminderDeferralEnding:
                return (new("Кейінге қалдыру аяқталуда", "Отсрочка заканчивается", "Your deferral is ending"),
                    [hello, new($"Әскери қызмет бойынша кейінге қалдыру {date} аяқталады. Одан кейін жұмыспен өтеуді жалғастырыңыз.", $"Отсрочка по воинской службе заканчивается {date}. После неё продолжите отработку.", $"Your military-service deferral ends on {date}. Resume your work-off after it.")]);
            case NotificationKind.ReminderAtRisk:
                return (new("Жұмыспен өтеу қауіп астында", "Отработка под угрозой", "Your work-off is at risk"),
                    [hello, new("90 күннен астам уақыт бойы расталған жұмыс жоқ. Құжатты жүктеңіз, әйтпесе бюджет шығыстарын өтеу талап етілуі мүмкін.", "Более 90 дней нет подтверждённой работы. Загрузите документ, иначе может потребоваться возмещение бюджетных расходов.", "For over 90 days no work has been confirmed. Upload a document, or reimbursement may be required.")]);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    public static EmailMessage Message(string to, (string Subject, string Text, string Html) rendered) =>
        new(to, rendered.Subject, rendered.Text, rendered.Html, new Dictionary<string, string>());
}
