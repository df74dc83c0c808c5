using System.Globalization;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.Texts;

namespace Otrabotka.Functions.UseCases.OperatorDesk;

/// <summary>
/// The search both operators' routes share (<see cref="FindGraduates"/>, <see cref="SearchGraduates"/>; functions
/// do not call it). It finds graduates for operators from the operators' index, never from the profiles (ADR 0015): an
/// IIN through the IIN index; name words (case and Kazakh letters folded) through a key range of the
/// longest word, the other words checked on the same rows; status, category and region from their
/// partitions. A search by several words reads further pages of the longest word's range while a page
/// has no hit (at most <see cref="MaxRowsPerRequest"/> index rows a call), so an empty page comes back
/// only with nothing more to read or the budget spent, and then with the token where to go on.
/// </summary>
public sealed class OperatorSearch(GraduateLookup graduates, OperatorIndexReader index)
{
    public const int MaxWords = 6;
    public const int MaxQueryLength = 200;

    /// <summary>The index rows one call may read looking for a page with hits (a bound, never a scan).</summary>
    public const int MaxRowsPerRequest = 500;

    /// <summary>The answer of both routes: an IIN through the IIN index, else the operators' index by the criteria.</summary>
    public async Task<Outcome<Paged<SearchHit>>> AnswerAsync(Fields fields, string? iin, string? name, int size, bool requireCriterion, CancellationToken cancellationToken)
    {
        var status = fields.OptionalEnum<ObligationStatus>("status");
        var category = fields.OptionalEnum<Category>("category");
        var region = fields.OptionalEnum<Region>("region");
        var token = fields.Optional("continuationToken", 4096);
        var words = name is null ? [] : QueryWords(fields, name);
        if (fields.Errors.Count > 0)
        {
            return Problem.Invalid(fields.Errors);
        }

        if (iin is not null)
        {
            var found = await graduates.FindByIinAsync(iin.Trim(), cancellationToken);
            return Outcome<Paged<SearchHit>>.Ok(new Paged<SearchHit>(found is null ? [] : [SearchHit.Of(found)], null));
        }

        if (requireCriterion && words.Count == 0 && status is null && category is null && region is null)
        {
            return Problem.Invalid([new FieldError("q", "search-needs-criteria", TextCatalog.Default.Text("operator.search-needs-criteria"))]);
        }

        var seek = words.Count == 0 ? null : words.OrderByDescending(w => w.Length).First();
        var answer = await ReadAsync(new IndexQuery(seek, category, region, status), words, token, size, cancellationToken);
        return answer is { } page ? Outcome<Paged<SearchHit>>.Ok(new Paged<SearchHit>(page.Hits, page.ContinuationToken)) : Problem.BadContinuationToken;
    }

    /// <summary>
    /// Index pages of the query until one has hits, the index ends or <see cref="MaxRowsPerRequest"/> rows were
    /// read; null for a token that does not decode.
    /// </summary>
    public async Task<FoundPage?> ReadAsync(IndexQuery query, IReadOnlyList<string> words, string? token, int size, CancellationToken cancellationToken)
    {
        var read = 0;
        while (true)
        {
            var (page, badToken) = await index.PageAsync(query, token, size, cancellationToken);
            if (badToken)
            {
                return null;
            }

            read += page!.EntitiesRead;
            token = page.ContinuationToken;
            var hits = page.Rows.Where(row => NameTokens.Matches(row.Words, words)).Select(Hit).ToList();
            if (hits.Count > 0 || token is null || read + size > MaxRowsPerRequest)
            {
                return new FoundPage(hits, token, read);
            }
        }
    }

    /// <summary>The query's words (each cut like the index's), or field errors for none, a short one, or too many.</summary>
    private static IReadOnlyList<string> QueryWords(Fields fields, string text)
    {
        var words = NameTokens.QueryWords(text).Select(w => w.Length > NameTokens.MaxTokenLength ? w[..NameTokens.MaxTokenLength] : w).Distinct(StringComparer.Ordinal).ToList();
        var field = fields.Has("q") ? "q" : "name";
        if (words.Count == 0)
        {
            fields.Add(field, "search-no-words", TextCatalog.Default.Text("operator.search-no-words"));
        }
        else if (words.Any(w => w.Length < NameTokens.MinTokenLength))
        {
            fields.Add(field, "search-word-too-short", TextCatalog.Default.Text("operator.search-word-too-short", ("min", NameTokens.MinTokenLength.ToString(CultureInfo.InvariantCulture))));
        }
        else if (words.Count > MaxWords)
        {
            fields.Add(field, "search-too-many-words", TextCatalog.Default.Text("operator.search-too-many-words", ("max", MaxWords.ToString(CultureInfo.InvariantCulture))));
        }

        return words;
    }

    public static bool IsIin(string? text) => text is { Length: 12 } && text.All(char.IsAsciiDigit);

    private static SearchHit Hit(IndexedGraduate row) => new(row.GraduateId, row.FullName, row.Category, row.Status, row.Region, row.GraduationDate, row.University);
}
