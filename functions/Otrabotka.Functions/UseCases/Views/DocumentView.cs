using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>A document as its routes show it; <see cref="RejectionNote"/> is the rejecting operator's or employer's note as the graduate's e-mail words it.</summary>
public sealed record DocumentView(
    string Id, DocumentKind Kind, string KindName, DocumentStatus Status, string StatusName, bool Contested, JsonElement Metadata,
    IReadOnlyList<ReasonView> Reasons, IReadOnlyList<ReasonView> Warnings, string? DuplicateOf,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, IReadOnlyList<HistoryView> History, Uri? ReadUrl = null,
    string? RejectionNote = null);
