using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>One check of a document as an operator sees it: what was or was not verified, in the reader's language.</summary>
public sealed record DocumentCheckView(string Code, bool Verified, string Detail);

/// <summary>The operator's view of a document: the graduate's view plus what was and was not verified (e.g. employer-address-unverified).</summary>
public sealed record ReviewDocumentView(
    string Id, DocumentKind Kind, string KindName, DocumentStatus Status, string StatusName, bool Contested, JsonElement Metadata,
    IReadOnlyList<ReasonView> Reasons, IReadOnlyList<ReasonView> Warnings, string? DuplicateOf,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, IReadOnlyList<HistoryView> History, Uri? ReadUrl, IReadOnlyList<DocumentCheckView> Checks)
{
    public static ReviewDocumentView Of(DocumentView view, IEnumerable<DocumentCheck> checks, Language language) => new(
        view.Id, view.Kind, view.KindName, view.Status, view.StatusName, view.Contested, view.Metadata,
        view.Reasons, view.Warnings, view.DuplicateOf, view.ReceivedAt, view.UpdatedAt, view.History, view.ReadUrl,
        [.. checks.Select(check => new DocumentCheckView(check.Code, check.Verified, check.Detail.In(language)))]);
}
