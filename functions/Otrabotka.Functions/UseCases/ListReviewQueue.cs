using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>The operators' review queue, oldest first, filtered and paged.</summary>
public sealed class ListReviewQueue(ReviewQueue queue, TimeProvider time)
{
    public async Task<Outcome<Paged<ReviewItem>>> RunAsync(Fields query, CancellationToken cancellationToken)
    {
        var filter = new ReviewFilter(
            query.OptionalEnum<DocumentKind>("kind"), query.OptionalEnum<Category>("category"), query.OptionalEnum<Region>("region"), query.OptionalInt("waitingDays", 0, 3650));
        var token = query.Optional("continuationToken");
        if (query.Errors.Count > 0)
        {
            return Problem.Invalid(query.Errors);
        }

        var (page, bad) = await queue.PageAsync(filter, time.GetUtcNow(), token, cancellationToken);
        return bad ? Problem.BadContinuationToken : Outcome<Paged<ReviewItem>>.Ok(page!);
    }
}
