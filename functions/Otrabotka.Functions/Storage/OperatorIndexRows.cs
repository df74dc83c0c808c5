using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.UseCases.OperatorDesk;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// What one graduate looks like in the operators' index (ADR 0015): a row per indexed name word
/// (partition <c>n|</c> + the word's first two letters, row <c>word|graduateId</c>), one under their status
/// (<c>s|status</c>), category (<c>c|category</c>) and region (<c>r|region</c>); the facets the dashboard
/// counts them under; the next day their status changes with the calendar alone (ADR 0019); and a
/// fingerprint that tells whether anything changed since the last sync.
/// </summary>
public sealed record OperatorIndexRows(IReadOnlyList<TableEntity> Rows, IReadOnlyList<string> Facets, string Fingerprint, DateOnly? StatusChangesOn = null)
{
    public const string NamePrefix = "n|";
    public const string StatusPrefix = "s|";
    public const string CategoryPrefix = "c|";
    public const string RegionPrefix = "r|";

    /// <summary>The value of a status or region not known yet.</summary>
    public const string None = "none";

    public static OperatorIndexRows Of(GraduateRecord g, DateOnly? statusChangesOn = null)
    {
        var words = NameTokens.Words(g.FullName);
        var rows = new List<TableEntity>();
        foreach (var key in NameTokens.IndexKeys(g.FullName))
        {
            rows.Add(Row(NamePartition(key), NameRow(key, g.Id), g, words, defaulted: false));
        }

        rows.Add(Row(StatusPrefix + StatusKey(g.Status), g.Id, g, words, defaulted: g.Status == ObligationStatus.Defaulted));
        rows.Add(Row(CategoryPrefix + Wire.Name(g.Obligation.Category), g.Id, g, words, defaulted: false));
        rows.Add(Row(RegionPrefix + RegionKey(g.Region), g.Id, g, words, defaulted: false));
        var facets = new[] { "category:" + Wire.Name(g.Obligation.Category), "region:" + RegionKey(g.Region), "status:" + StatusKey(g.Status) };
        // A graduate with no calendar change keeps the fingerprint they had before the date was kept.
        var fingerprint = statusChangesOn is { } day ? FingerprintOf(rows) + "|" + GraduateStore.Iso(day) : FingerprintOf(rows);
        return new OperatorIndexRows(rows, facets, fingerprint, statusChangesOn);
    }

    public static string NamePartition(string word) => NamePrefix + word[..NameTokens.MinTokenLength];

    public static string NameRow(string word, string graduateId) => word + "|" + graduateId;

    public static string StatusKey(ObligationStatus? status) => status is { } s ? Wire.Name(s) : None;

    public static string RegionKey(Region? region) => region is { } r ? Wire.Name(r) : None;

    /// <summary>A row's address as one string (partition and row key cannot hold a newline).</summary>
    public static string Address(TableEntity row) => row.PartitionKey + "\n" + row.RowKey;

    private static TableEntity Row(string partition, string rowKey, GraduateRecord g, IReadOnlyList<string> words, bool defaulted)
    {
        var row = new TableEntity(partition, rowKey)
        {
            ["GraduateId"] = g.Id,
            ["FullName"] = g.FullName,
            ["Words"] = string.Join(' ', words),
            ["Category"] = Wire.Name(g.Obligation.Category),
            ["Status"] = g.Status is { } s ? Wire.Name(s) : null,
            ["Region"] = g.Region is { } r ? Wire.Name(r) : null,
            ["GraduationDate"] = GraduateStore.Iso(g.Obligation.GraduationDate),
            ["University"] = g.University,
        };
        if (defaulted)
        {
            // The export of defaulted obligations reads these rows alone.
            row["Iin"] = g.Iin;
            row["DefaultAsOf"] = g.Default is { } declared ? GraduateStore.Iso(declared.AsOf) : null;
            row["DefaultAmount"] = g.DefaultAmount?.ToString(CultureInfo.InvariantCulture);
        }

        return row;
    }

    private static string FingerprintOf(IEnumerable<TableEntity> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows.OrderBy(Address, StringComparer.Ordinal))
        {
            text.Append(Address(row)).Append('\u001e');
            foreach (var (key, value) in row.Where(p => p.Key is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")).OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                text.Append(key).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\u001f');
            }
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
