using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Storage;

/// <summary>What registering a stretch of rows came to.</summary>
public sealed record RegisterTally(int Registered, int Unchanged, int Conflicts, IReadOnlyList<ImportProblem> Problems, int Writes);
