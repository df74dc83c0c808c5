using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Shared Key Lite for the Table service, signed with the static <see cref="HMACSHA256.HashData(byte[], byte[])"/>
/// (ADR 0033). The Azure SDK's table client signs each request with a new, never disposed <see cref="HMACSHA256"/>, so
/// every table call leaves an OpenSSL context for the finalizer thread. For a connection string with an account key the
/// app's table client is therefore built with a stand-in SAS (<see cref="Marker"/>) that the SDK appends to each request;
/// this policy, last before the transport, takes it off and signs the request as the SDK would have (the date and the
/// canonical resource: the account, the escaped path, and <c>?comp=</c> when present). It signs every request that the
/// transaction writer's own copy has not signed in this try — whether or not the SDK appended the marker, which it
/// leaves out when the query already contains the marker's text somewhere (a filter's or a continuation token's value).
/// </summary>
public sealed class TableSharedKeyLite : HttpPipelineSynchronousPolicy
{
    /// <summary>The stand-in query the SDK appends to a request this policy is to sign; never sent.</summary>
    public const string Marker = "otrabotka-shared-key-lite";

    private const string SignedByWriter = "otrabotka-signed-by-transaction-writer";
    private readonly string account;
    private readonly byte[] key;
    private readonly bool writer;

    /// <param name="writer">The transaction writer's copy (a per-try policy of its own pipeline): it marks what it
    /// signs, so the table client's copy, which the writer's pipeline shares through the options, leaves it alone.</param>
    public TableSharedKeyLite(string account, byte[] key, bool writer)
    {
        this.account = account;
        this.key = key;
        this.writer = writer;
    }

    /// <summary>The account key of a connection string, or null when it has none (a SAS, or <c>UseDevelopmentStorage</c>).</summary>
    public static byte[]? AccountKey(string connectionString)
    {
        var value = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .FirstOrDefault(pair => pair.Length == 2 && pair[0].Trim().Equals("AccountKey", StringComparison.OrdinalIgnoreCase))?[1].Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The app's table client for a connection string: signed by this policy when the string carries an account key
    /// and the endpoint is HTTPS or loopback (where the SDK accepts a SAS); otherwise the SDK's own client.
    /// </summary>
    public static TableServiceClient Client(string connectionString, TableClientOptions options)
    {
        var parsed = new TableServiceClient(connectionString);
        var key = AccountKey(connectionString);
        if (key is null || !(parsed.Uri.Scheme == Uri.UriSchemeHttps || parsed.Uri.IsLoopback))
        {
            return new TableServiceClient(connectionString, options);
        }

        options.AddPolicy(new TableSharedKeyLite(parsed.AccountName, key, writer: false), HttpPipelinePosition.BeforeTransport);
        return new TableServiceClient(parsed.Uri, new AzureSasCredential(Marker), options);
    }

    public override void OnSendingRequest(HttpMessage message)
    {
        var uri = message.Request.Uri;
        var query = uri.Query;
        string? comp = null;
        var marked = false;
        if (query.Length > 1)
        {
            var kept = new List<string>();
            foreach (var part in query.AsSpan(1).ToString().Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                if (part == Marker)
                {
                    marked = true;
                    continue;
                }

                if (part.StartsWith("comp=", StringComparison.Ordinal))
                {
                    comp = Uri.UnescapeDataString(part["comp=".Length..]);
                }

                kept.Add(part);
            }

            if (marked)
            {
                uri.Query = kept.Count == 0 ? string.Empty : "?" + string.Join('&', kept);
            }
        }

        if (!writer && message.TryGetProperty(SignedByWriter, out var signed) && signed is true)
        {
            return;
        }

        var date = TimeProvider.System.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        message.Request.Headers.SetValue("x-ms-date", date);
        var path = uri.ToUri().AbsolutePath;
        var resource = comp is null ? $"/{account}{path}" : $"/{account}{path}?comp={comp}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{date}\n{resource}")));
        message.Request.Headers.SetValue("Authorization", $"SharedKeyLite {account}:{signature}");
        if (writer)
        {
            message.SetProperty(SignedByWriter, true);
        }
    }
}
