namespace Otrabotka.Domain;

/// <summary>A message a document's move causes: what, to whom, and the reasons a rejection gives.</summary>
public sealed record DocumentNotice(NoticeKind Kind, Recipient To, IReadOnlyList<Text> Reasons);
