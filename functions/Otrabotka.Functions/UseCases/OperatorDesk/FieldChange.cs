namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>One field of a correction: its wire name, the value before and after, as the API writes them (absent: no value).</summary>
public sealed record FieldChange(string Field, string? Old = null, string? New = null);
