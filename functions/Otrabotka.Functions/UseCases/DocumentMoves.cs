using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.UseCases.DocumentViews;

namespace Otrabotka.Functions.UseCases;

/// <summary>Moves a document decides itself (a refusal is a conflict), committed; reloaded and retried on a concurrent change.</summary>
public sealed class DocumentMoves(GraduateRepository repository, DocumentChanges changes)
{
    /// <summary>A move the document itself decides (a refusal is a conflict), committed; reloaded and retried on a concurrent change.</summary>
    public Task<Outcome<DocumentView>> MoveAsync(string graduateId, string documentId, Func<Document, Reason?> move, Language language, bool forOperator, CancellationToken cancellationToken) =>
        MoveAsync(graduateId, documentId, (document, _) => Task.FromResult(move(document)), language, forOperator, cancellationToken);

    /// <summary>As above, for a move that must first learn something (e.g. the file's malware verdict).</summary>
    public Task<Outcome<DocumentView>> MoveAsync(
        string graduateId, string documentId, Func<Document, CancellationToken, Task<Reason?>> move, Language language, bool forOperator, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(
            async token =>
            {
                var unit = await repository.LoadAsync(graduateId, token);
                if (unit?.Find(documentId) is not { } document)
                {
                    return Problem.NotFound;
                }

                if (await move(document, token) is { } refusal)
                {
                    return Problem.Refused(refusal);
                }

                await changes.CommitAsync(unit, token);
                return Outcome<DocumentView>.Ok(View(document, await repository.HistoryAsync(graduateId, documentId, token), language, forOperator));
            },
            () => Problem.ConcurrentUpdate,
            cancellationToken);
}
