using Otrabotka.Domain;

namespace Otrabotka.Functions.UseCases;

/// <summary>The verdict; <see cref="Registry"/>: what the employer registry knows of the BIN given, if anything (issue 16).</summary>
public sealed record CheckView(bool Counts, string Verdict, CheckTermsView? Terms, IReadOnlyList<CheckReasonView> Reasons, IReadOnlyList<CheckReasonView> Warnings, Storage.EmployerRegistryView? Registry = null);
