namespace Otrabotka.Functions.UseCases;

/// <summary>A document as an operator reviews it, with what was and was not verified about it.</summary>
public sealed record CheckedDocument(DocumentView View, IReadOnlyList<DocumentCheck> Checks);
