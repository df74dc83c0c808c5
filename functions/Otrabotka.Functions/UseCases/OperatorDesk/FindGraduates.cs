namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>GET /api/operator/graduates: an operator finds graduates by an IIN or name words and filters (see <see cref="OperatorSearch"/>).</summary>
public sealed class FindGraduates(OperatorSearch search)
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>GET /api/operator/graduates: q (an IIN or name words), category, region, status, pageSize, continuationToken.</summary>
    public Task<Outcome<Paged<SearchHit>>> RunAsync(Fields query, CancellationToken cancellationToken)
    {
        var text = query.Optional("q", OperatorSearch.MaxQueryLength);
        var size = query.OptionalInt("pageSize", 1, MaxPageSize) ?? DefaultPageSize;
        return search.AnswerAsync(query, OperatorSearch.IsIin(text) ? text : null, OperatorSearch.IsIin(text) ? null : text, size, requireCriterion: true, cancellationToken);
    }
}
