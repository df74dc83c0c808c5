using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>Finds a graduate by IIN (through the IIN index) or by id.</summary>
public sealed class GraduateLookup(GraduateRegistry registry)
{
    public async Task<GraduateRecord?> FindByIinAsync(string iin, CancellationToken cancellationToken)
    {
        var graduate = Iin.Parse(iin).IsValid && await registry.IdOfAsync(iin, cancellationToken) is { } id ? await registry.GetAsync(id, cancellationToken) : null;
        if (graduate is not null && graduate.Iin == iin)
        {
            registry.Confirmed(graduate);
        }

        return graduate;
    }

    /// <summary>The id the IIN index gives a valid IIN (its profile not read).</summary>
    public async Task<string?> IdByIinAsync(string iin, CancellationToken cancellationToken) =>
        Iin.Parse(iin).IsValid ? await registry.IdOfAsync(iin, cancellationToken) : null;

    public Task<GraduateRecord?> GetAsync(string graduateId, CancellationToken cancellationToken) => registry.GetAsync(graduateId, cancellationToken);
}
