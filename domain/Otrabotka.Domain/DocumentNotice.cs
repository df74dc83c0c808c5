namespace Otrabotka.Domain;

/// <summary>
/// A message a document's move causes: what, to whom, the reasons a rejection gives, who made the move
/// and the free note they wrote for the graduate (an operator's or employer's, shown as typed).
/// </summary>
public sealed record DocumentNotice(NoticeKind Kind, Recipient To, IReadOnlyList<Text> Reasons, ActorRole By = ActorRole.System, string? Note = null);
