using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A registry answer: the entry, or the reasons it was refused (each a named rule of the registry).</summary>
public sealed record RegistryResult(RegistryOutcome Outcome, EmployerRegistryView? Entry, IReadOnlyList<Reason> Reasons);
