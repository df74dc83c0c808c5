using Azure.Data.Tables;
using Otrabotka.Domain;

namespace Otrabotka.Functions.Storage;

/// <summary>One page of a table query from a caller's continuation token; a token that is not ours is reported, never thrown.</summary>
public static class TablePages
{
    public static async Task<(Azure.Page<TableEntity>? Page, bool BadToken)> FirstAsync(TableClient table, string filter, string? continuationToken, int size, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: size, cancellationToken: cancellationToken).AsPages(continuationToken, size))
            {
                return (page, false);
            }

            return (null, false);
        }
        catch (Exception ex) when (continuationToken is not null && ex is Azure.RequestFailedException { Status: 400 } or FormatException or ArgumentException or IndexOutOfRangeException)
        {
            return (null, true);
        }
    }
}
