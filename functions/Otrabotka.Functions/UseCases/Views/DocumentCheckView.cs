namespace Otrabotka.Functions.UseCases;

/// <summary>One check of a document as an operator sees it: what was or was not verified, in the reader's language.</summary>
public sealed record DocumentCheckView(string Code, bool Verified, string Detail);
