using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>The operators' check list: accepted confirmations from employer domains not yet verified for the BIN, a page at a time.</summary>
public sealed class ListUnverifiedConfirmations(EmployerDomains domains)
{
    /// <summary>The operators' check list: accepted confirmations from employer domains not yet verified, a page at a time.</summary>
    public async Task<Outcome<Paged<UnverifiedConfirmation>>> RunAsync(string? continuationToken, CancellationToken cancellationToken) =>
        await domains.FlaggedPageAsync(continuationToken, cancellationToken) is { } page
            ? Outcome<Paged<UnverifiedConfirmation>>.Ok(new Paged<UnverifiedConfirmation>(page.Items, page.ContinuationToken))
            : Problem.BadContinuationToken;
}
