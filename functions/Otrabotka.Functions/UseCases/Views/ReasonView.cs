namespace Otrabotka.Functions.UseCases;

/// <summary>A reason or warning as shown: its code, its words, and the point of law behind it when the rules name one.</summary>
public sealed record ReasonView(string Code, string Message, string? Law = null);
