using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>One history entry; <see cref="ActorId"/> (an operator's subject) is shown on operator routes only.</summary>
public sealed record HistoryView(DocumentStatus Status, DateTimeOffset At, string Actor, string? Reason, string? ActorId = null);
