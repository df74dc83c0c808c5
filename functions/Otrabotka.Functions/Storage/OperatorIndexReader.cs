using System.Globalization;
using System.Text;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>One bounded page of operators' index rows, the next page's token and how many rows were read.</summary>
public sealed record IndexPage(IReadOnlyList<IndexedGraduate> Rows, string? ContinuationToken, int EntitiesRead);

/// <summary>
/// Reads the operators' index a page at a time over one or more partition filters, in order (a search
/// with no criterion walks the category partitions). The continuation token is the filter's position
/// and the table's own token; a token that does not decode is refused (BadToken), never a scan from the start.
/// </summary>
public sealed class OperatorIndexReader(StorageClients storage)
{
    private TableClient Index => storage.Table(StorageNames.OperatorIndexTable);

    public async Task<(IndexPage? Page, bool BadToken)> PageAsync(IndexQuery query, string? token, int size, CancellationToken cancellationToken)
    {
        var filters = query.Filters();
        if (Decode(token, filters.Count) is not { } decoded)
        {
            return (null, true);
        }

        var (position, tableToken) = decoded;
        var (page, bad) = await TablePages.FirstAsync(Index, filters[position], tableToken, size, cancellationToken);
        if (bad)
        {
            return (null, true);
        }

        var rows = page?.Values ?? [];
        var next = page?.ContinuationToken is { } more ? Encode(position, more) : position + 1 < filters.Count ? Encode(position + 1, null) : null;
        return (new IndexPage(rows.Select(IndexedGraduate.Of).ToList(), next, rows.Count), false);
    }

    /// <summary>Every graduate of one status (e.g. defaulted), streamed from its partition in pages of <paramref name="pageSize"/>.</summary>
    public async IAsyncEnumerable<IndexedGraduate> WithStatusAsync(Domain.ObligationStatus status, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = "PartitionKey eq " + Literal(OperatorIndexRows.StatusPrefix + Domain.Wire.Name(status));
        await foreach (var row in Index.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken))
        {
            yield return IndexedGraduate.Of(row);
        }
    }

    /// <summary>An OData string literal (quotes doubled).</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string Encode(int position, string? tableToken) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position.ToString(CultureInfo.InvariantCulture) + ":" + tableToken)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (int Position, string? TableToken)? Decode(string? token, int filters)
    {
        if (token is null)
        {
            return (0, null);
        }

        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=')));
            var parts = text.Split(':', 2);
            return parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position) && position < filters
                ? (position, parts[1].Length == 0 ? null : parts[1])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
