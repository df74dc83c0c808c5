namespace Otrabotka.Domain;

/// <summary>The end of a job: the date, and the employment document it closes if the graduate names one.</summary>
public sealed record EmploymentEndClaim(DateOnly EndDate, string? EmploymentDocumentId) : IDocumentClaim
{
    DocumentKind IDocumentClaim.Kind => DocumentKind.EmploymentEnd;
}
