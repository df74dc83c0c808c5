using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.UseCases.GraduateFields;

namespace Otrabotka.Functions.UseCases;

/// <summary>An operator registers one graduate: registered (201), the same registration again (200), or a changed one refused (409).</summary>
public sealed class RegisterGraduate(GraduateRegistrations registration, TimeProvider time)
{
    /// <summary>Registers, or recognises the same graduate registered before (unchanged), or refuses a changed one (409).</summary>
    public async Task<Outcome<RegistrationResult>> RunAsync(Fields fields, CancellationToken cancellationToken)
    {
        var (record, errors) = Parse(fields, time.GetUtcNow());
        if (record is null)
        {
            return Problem.Invalid(errors);
        }

        return await registration.RegisterAsync(record, cancellationToken);
    }
}
