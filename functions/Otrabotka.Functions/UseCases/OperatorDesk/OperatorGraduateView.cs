namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>GET/PATCH /api/operator/graduates/{graduateId}: the graduate, the ETag to send back as If-Match, the newest corrections.</summary>
public sealed record OperatorGraduateView(GraduateView Graduate, string Etag, IReadOnlyList<CorrectionView> Corrections);
