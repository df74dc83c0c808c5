using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases;

/// <summary>How a document is shown: its view (claim, reasons with their laws, history) and its status route.</summary>
public static class DocumentViews
{
    public static string StatusUrl(string documentId) => $"/api/me/documents/{documentId}";

    public static DocumentView View(Document document, IReadOnlyList<StatusChange> history, Language language, bool forOperator = false) => new(
        document.Id, document.Kind, Names.Of(document.Kind).In(language), document.Status, Names.Of(document.Status).In(language), document.Contested,
        ClaimJson.Element(document.Claim),
        document.Reasons.Select(reason => ReasonView(reason, language)).ToList(),
        document.Warnings.Select(warning => ReasonView(warning, language)).ToList(),
        document.File.DuplicateOf, document.ReceivedAt, document.UpdatedAt,
        history.Select(h => new HistoryView(h.Status, h.At, h.Actor, h.Reason, forOperator ? h.ActorId : null)).ToList(),
        RejectionNote: RejectionNote(document, language));

    /// <summary>The rejecting note as the rejection e-mail shows it ("Operator's comment: …"), while the document stays rejected.</summary>
    private static string? RejectionNote(Document document, Language language) => document is { Status: DocumentStatus.Rejected, Note: { } note, NoteBy: { } by }
        ? TextCatalog.Default.Format(by == ActorRole.Employer ? "mail.document-rejected.employer-note" : "mail.document-rejected.operator-note", language, ("note", note))
        : null;

    private static ReasonView ReasonView(Reason reason, Language language) =>
        new(reason.Code, reason.Message.In(language), ReasonLaws.Of(reason.Code)?.In(language));
}
