using Otrabotka.Domain;
using Otrabotka.Functions.Adapters;
using Otrabotka.Functions.Notifications;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>Turns the messages a document's moves cause (the domain's notices) into e-mails: to whom, which template, what it may say.</summary>
public sealed class NoticeComposer(EmployerLinks links, EmployerTokens tokens)
{
    public IReadOnlyList<Notice> For(GraduateRecord graduate, Document document) =>
        document.Notices.Select(notice => Compose(graduate, document, notice)).ToList();

    private Notice Compose(GraduateRecord graduate, Document document, DocumentNotice notice) => notice.Kind switch
    {
        NoticeKind.Received => ToGraduate(graduate, document, NotificationKind.DocumentReceived, notice),
        NoticeKind.Rejected => ToGraduate(graduate, document, NotificationKind.DocumentRejected, notice),
        NoticeKind.InReview => ToGraduate(graduate, document, NotificationKind.DocumentInReview, notice),
        NoticeKind.Accepted => ToGraduate(graduate, document, NotificationKind.DocumentAccepted, notice),
        NoticeKind.AwaitingEmployer => AwaitingEmployer(graduate, document, notice),
        NoticeKind.EmployerRequest => ToEmployer(graduate, document),
    };

    /// <summary>
    /// To the graduate, in their language, addressed by the sex their IIN records; a rejection carries the
    /// reasons, the note of whoever rejected and whether the one contest is still open.
    /// </summary>
    private static Notice ToGraduate(GraduateRecord graduate, Document document, NotificationKind kind, DocumentNotice notice) =>
        new(graduate.Email, kind, graduate.Language, new NoticeModel(GraduateName: graduate.FullName, Document: document.Kind, Reasons: notice.Reasons.Count > 0 ? notice.Reasons : null)
        {
            GraduateSex = NoticeModel.SexOf(graduate.Iin),
            CanContest = !document.Contested,
            ByEmployer = notice.By == ActorRole.Employer,
            EmployerNote = notice.By == ActorRole.Employer ? notice.Note : null,
            OperatorNote = notice.By == ActorRole.Operator ? notice.Note : null,
        });

    private static Notice AwaitingEmployer(GraduateRecord graduate, Document document, DocumentNotice notice)
    {
        var told = ToGraduate(graduate, document, NotificationKind.AwaitingEmployer, notice);
        return told with { Model = told.Model with { EmployerName = Job(document).EmployerName } };
    }

    /// <summary>The employer gets Kazakh and Russian in one message, with the signed link.</summary>
    private Notice ToEmployer(GraduateRecord graduate, Document document)
    {
        var job = Job(document);
        var link = links.For(graduate.Id, document.Id, document.Link!);
        return new Notice(job.EmployerEmail, NotificationKind.EmployerRequest, Language.Kk,
            new NoticeModel(GraduateName: graduate.FullName, EmployerName: job.EmployerName, Position: job.Position, Date: job.StartDate, Link: link) { LinkDays = tokens.LinkDays },
            Bilingual: true);
    }

    private static EmploymentClaim Job(Document document) => (EmploymentClaim)document.Claim;
}
