using Otrabotka.Domain;

namespace Otrabotka.Functions.Notifications;

/// <summary>A message to send with a change, written to the outbox in the same transaction.</summary>
public sealed record Notice(string To, NotificationKind Kind, Language Language, NoticeModel Model, bool Bilingual = false);
