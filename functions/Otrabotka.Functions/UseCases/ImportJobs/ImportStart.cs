namespace Otrabotka.Functions.UseCases;

/// <summary>What the import route answers: the result at once (small file), a job to follow (large file), or a refusal.</summary>
public sealed record ImportStart(ImportResult? Result, ImportStatus? Job, Problem? Refused);
