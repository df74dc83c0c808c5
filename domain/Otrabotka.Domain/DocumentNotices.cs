namespace Otrabotka.Domain;

/// <summary>Which messages a document's arrival in a status causes: the one place this is decided.</summary>
public static class DocumentNotices
{
    public static IReadOnlyList<DocumentNotice> For(DocumentStatus status, IReadOnlyList<Text> reasons) => status switch
    {
        DocumentStatus.Received => [ToGraduate(NoticeKind.Received)],
        DocumentStatus.Validating => [],
        DocumentStatus.Rejected => [new DocumentNotice(NoticeKind.Rejected, Recipient.Graduate, reasons)],
        DocumentStatus.AwaitingEmployer => [ToGraduate(NoticeKind.AwaitingEmployer), new DocumentNotice(NoticeKind.EmployerRequest, Recipient.Employer, [])],
        DocumentStatus.AwaitingReview => [ToGraduate(NoticeKind.InReview)],
        DocumentStatus.Accepted => [ToGraduate(NoticeKind.Accepted)],
        DocumentStatus.Withdrawn => [],
    };

    private static DocumentNotice ToGraduate(NoticeKind kind) => new(kind, Recipient.Graduate, []);
}
