namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>POST /api/graduates/search, the older route: pages of <see cref="LegacyPageSize"/> (see <see cref="OperatorSearch"/>).</summary>
public sealed class SearchGraduates(OperatorSearch search)
{
    /// <summary>The page size of the older route (POST /api/graduates/search), which has none in its body.</summary>
    public const int LegacyPageSize = 50;

    /// <summary>POST /api/graduates/search: iin, name, status, category, region, continuationToken (pages of 50).</summary>
    public Task<Outcome<Paged<SearchHit>>> RunAsync(Fields body, CancellationToken cancellationToken) =>
        search.AnswerAsync(body, body.Optional("iin"), body.Optional("name", OperatorSearch.MaxQueryLength), LegacyPageSize, requireCriterion: false, cancellationToken);
}
