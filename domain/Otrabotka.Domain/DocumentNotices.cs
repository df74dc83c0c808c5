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

    /// <summary>
    /// The notices of moves made in one unit of work: a later message to the graduate replaces their
    /// "received" (a document validated in its upload request tells the graduate once, not twice in the
    /// same second — issue 12); messages to others are kept.
    /// </summary>
    public static IReadOnlyList<DocumentNotice> Merge(IReadOnlyList<DocumentNotice> pending, IReadOnlyList<DocumentNotice> next) =>
        next.Any(notice => notice.To == Recipient.Graduate) ? [.. pending.Where(notice => notice.Kind != NoticeKind.Received), .. next] : [.. pending, .. next];

    private static DocumentNotice ToGraduate(NoticeKind kind) => new(kind, Recipient.Graduate, []);
}
