using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>An operator opens a graduate: the profile, the ETag a correction must name (If-Match), and the newest corrections.</summary>
public sealed class OpenGraduate(GraduateCorrections corrections)
{
    public async Task<Outcome<OperatorGraduateView>> RunAsync(GraduateRecord graduate, Language language, CancellationToken cancellationToken) =>
        Outcome<OperatorGraduateView>.Ok(new OperatorGraduateView(GraduateView.Of(graduate, language), RegistrationETag.Of(graduate), await corrections.NewestAsync(graduate.Id, cancellationToken)));
}
