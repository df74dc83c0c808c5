namespace Otrabotka.Domain;

/// <summary>
/// Which job an employment-end closes: one rule, used by validation and by the ledger alike, so an end
/// that validation accepts is the end the ledger applies.
/// </summary>
public static class EmploymentEndRules
{
    /// <summary>
    /// The job the end names, if it names one; else the latest open job that started on or before the end
    /// date; none → <see cref="DomainReasons.NoEmploymentToEnd"/>. <paramref name="jobs"/> are the accepted
    /// employment periods (Source = the employment document's id), with the ends applied so far.
    /// </summary>
    public static Checked<Period> Closes(IEnumerable<Period> jobs, string? employmentDocumentId, DateOnly endDate)
    {
        var employments = jobs.Where(p => p.Kind == PeriodKind.Employment);
        var job = employmentDocumentId is not null
            ? employments.FirstOrDefault(p => p.Source == employmentDocumentId)
            : employments.Where(p => p.To is null && p.From <= endDate).MaxBy(p => p.From);
        return job is null ? Checked<Period>.Fail(DomainReasons.NoEmploymentToEnd) : Checked<Period>.Ok(job);
    }
}
