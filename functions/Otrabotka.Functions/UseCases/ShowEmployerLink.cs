using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// Employers confirm or decline a hire through the signed link: no account. Viewing never consumes the
/// token (mail scanners open links).
/// </summary>
public sealed class ShowEmployerLink(EmployerLinkLookup links, EmployerRegistryStore registry)
{
    public async Task<Outcome<ConfirmationView>> RunAsync(string? token, Language language, CancellationToken cancellationToken)
    {
        var (unit, document, problem) = await links.ResolveAsync(token, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var job = (EmploymentClaim)document!.Claim;
        return Outcome<ConfirmationView>.Ok(new ConfirmationView(
            unit!.Graduate.FullName, job.EmployerName, job.EmployerBin, job.Position, job.StartDate, job.EndDate, job.Workplace.Kind, Names.Of(job.Workplace.Kind).In(language),
            job.Workplace.Region, Names.Of(job.Workplace.Region).In(language), job.Workplace.Settlement, document.Status,
            job.Workplace.AllKinds, job.Workplace.AllKinds.Select(kind => Names.Of(kind).In(language)).ToList(),
            Bin.Parse(job.EmployerBin) is { IsValid: true } bin && await registry.FindAsync(bin.Value, cancellationToken) is { } entry ? EmployerRegistryView.Of(entry) : null));
    }
}
