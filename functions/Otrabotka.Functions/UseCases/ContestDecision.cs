using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>A graduate contests the decision on a document, with a note.</summary>
public sealed class ContestDecision(DocumentMoves moves, TimeProvider time)
{
    public Task<Outcome<DocumentView>> RunAsync(GraduateRecord graduate, string documentId, Fields body, Language language, CancellationToken cancellationToken)
    {
        var note = body.Required("note", 2000);
        if (body.Errors.Count > 0)
        {
            return Task.FromResult<Outcome<DocumentView>>(Problem.Invalid(body.Errors));
        }

        return moves.MoveAsync(graduate.Id, documentId, document => document.Contest(time.GetUtcNow(), note), language, false, cancellationToken);
    }
}
