using System.Text.Json;
using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

public sealed record DocumentView(
    string Id, DocumentKind Kind, string KindName, DocumentStatus Status, string StatusName, bool Contested, JsonElement Metadata,
    IReadOnlyList<ReasonView> Reasons, IReadOnlyList<ReasonView> Warnings, string? DuplicateOf,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, IReadOnlyList<HistoryView> History, Uri? ReadUrl = null);
