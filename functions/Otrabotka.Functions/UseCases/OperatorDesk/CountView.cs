namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One line of a dashboard table: the wire name counted (absent for "not known yet"), its name in the caller's language, the count.</summary>
public sealed record CountView(string? Code, string Name, long Count);
