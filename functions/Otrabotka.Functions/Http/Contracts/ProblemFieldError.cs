namespace Otrabotka.Functions.Http.Contracts;

/// <summary>A field that failed validation, with its code and a text in the caller's language.</summary>
public sealed record ProblemFieldError(string Field, string Code, string Detail);
