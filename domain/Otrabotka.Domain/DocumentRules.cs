namespace Otrabotka.Domain;

/// <summary>The rules each document kind's claim is checked against once its file is sane; every kind has its check.</summary>
public static class DocumentRules
{
    public static Eligibility Check(ObligationTerms terms, Document document, IReadOnlyList<Document> all, DateOnly today) => document.Kind switch
    {
        DocumentKind.EmploymentConfirmation => DocumentChecks.Employment(terms, (EmploymentClaim)document.Claim, today, DocumentPeriods.Jobs(all).Where(job => job.Source != document.Id)),
        DocumentKind.EmploymentEnd => new Eligibility(EmploymentEnd((EmploymentEndClaim)document.Claim, all), []),
        DocumentKind.UnemploymentRegistration => new Eligibility(DocumentChecks.Unemployment(terms, (UnemploymentClaim)document.Claim, today), []),
        DocumentKind.ExemptionProof => new Eligibility(ExemptionRules.Check(terms, (ExemptionClaim)document.Claim, today), []),
        DocumentKind.DeferralProof => new Eligibility(ExemptionRules.Check(terms, (DeferralClaim)document.Claim, today), []),
    };

    private static IReadOnlyList<Reason> EmploymentEnd(EmploymentEndClaim end, IReadOnlyList<Document> all) =>
        DocumentChecks.EmploymentEnd(DocumentPeriods.Jobs(all), end.EmploymentDocumentId, end.EndDate);
}
