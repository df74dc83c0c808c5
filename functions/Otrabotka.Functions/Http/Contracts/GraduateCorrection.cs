namespace Otrabotka.Functions.Http.Contracts;

/// <summary>PATCH /api/operator/graduates/{graduateId}: the changes and why (kept in the graduate's history with the operator's subject).</summary>
public sealed record GraduateCorrection(GraduateChanges Changes, string Reason);
