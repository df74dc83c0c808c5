namespace Otrabotka.Domain;

/// <summary>
/// An opened import file: either refused whole (<see cref="Refusal"/>, with the columns that are missing),
/// or its lines, streamed. Enumerate <see cref="Lines"/> once: it reads the underlying reader.
/// </summary>
public sealed record FileShape<TLine>(Reason? Refusal, IReadOnlyList<string> MissingColumns, IEnumerable<TLine> Lines)
{
    public bool IsValid => Refusal is null;

    public static FileShape<TLine> Refused(Reason reason, IReadOnlyList<string>? missing = null) => new(reason, missing ?? [], []);
}
