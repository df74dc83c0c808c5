using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate's record by opaque id (null when there is none).</summary>
public sealed class ReadGraduate(GraduateLookup graduates)
{
    public Task<GraduateRecord?> RunAsync(string graduateId, CancellationToken cancellationToken) => graduates.GetAsync(graduateId, cancellationToken);
}
