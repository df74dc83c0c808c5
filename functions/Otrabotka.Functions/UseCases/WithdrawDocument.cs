using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate withdraws a document.</summary>
public sealed class WithdrawDocument(DocumentMoves moves, TimeProvider time)
{
    public Task<Outcome<DocumentView>> RunAsync(GraduateRecord graduate, string documentId, Language language, CancellationToken cancellationToken) =>
        moves.MoveAsync(graduate.Id, documentId, document => document.Withdraw(time.GetUtcNow()), language, false, cancellationToken);
}
