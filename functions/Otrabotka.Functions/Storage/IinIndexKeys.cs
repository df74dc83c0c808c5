using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The IIN index's keys: RowKey = hex HMAC-SHA256(IinIndex:Key, IIN), PartitionKey = "h" + its first hex
/// digit (16 partitions, so an import's index rows still go 100 to a transaction). No IIN, no birth-date
/// prefix and no bare hash reaches a key; storage request logs show only the MAC.
/// </summary>
public sealed class IinIndexKeys(IOptions<IinIndexSettings> options)
{
    public const string PartitionPrefix = "h";

    private readonly Lazy<byte[]> key = new(() => Encoding.UTF8.GetBytes(options.Value.Key!));

    public (string Partition, string Row) For(string iin)
    {
        var mac = Convert.ToHexStringLower(HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(iin)));
        return (PartitionPrefix + mac[..1], mac);
    }

    /// <summary>The keys rows had before (partition "iin" + the first two digits, the IIN as row key); only the migration reads them.</summary>
    public static (string Partition, string Row) Legacy(string iin) => ("iin" + iin[..2], iin);

    /// <summary>An OData filter for every legacy row: their partitions are "iin00" … "iin99".</summary>
    public const string LegacyFilter = "PartitionKey ge 'iin' and PartitionKey lt 'iio'";
}
