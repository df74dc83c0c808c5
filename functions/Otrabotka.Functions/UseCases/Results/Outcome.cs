namespace Otrabotka.Functions.UseCases;

/// <summary>A use case's answer: a value with its named success, or a problem.</summary>
public sealed record Outcome<T>(T? Value, Problem? Problem, Success Kind = Success.Ok)
{
    public static implicit operator Outcome<T>(Problem problem) => new(default, problem);

    public static Outcome<T> Ok(T value) => new(value, null);

    public static Outcome<T> Created(T value) => new(value, null, Success.Created);

    public static Outcome<T> Accepted(T value) => new(value, null, Success.Accepted);
}
