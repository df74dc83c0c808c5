using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// Entity group transactions written by the app (ADR 0029). The Azure SDK's <see cref="TableClient.SubmitTransactionAsync"/>
/// builds every action as a whole HTTP request object, writes the multipart body twice (once to learn its length) and
/// reads the answer line by line through streams: ≈ 28 KB allocated per entity, most of an import's CPU. This writes the
/// same body once, straight to UTF-8, sends it through a pipeline built from the table client's own options (retries
/// and the call counter included) and answers each action's ETag. A failed action throws the SDK's
/// <see cref="TableTransactionFailedException"/> with the status, error code and
/// <see cref="TableTransactionFailedException.FailedTransactionActionIndex"/> the service gave, as the SDK does.
/// Entities other than <see cref="TableEntity"/>, and connections this cannot sign (a SAS), go through the SDK.
/// </summary>
public sealed class TableTransactions
{
    private const string Version = "2019-02-02";
    private const string JsonAccept = "application/json;odata=minimalmetadata";
    private const int MaxActions = 100;

    private readonly HttpPipeline? pipeline;
    private readonly string serviceUri;

    private TableTransactions(HttpPipeline? pipeline, Uri serviceUri)
    {
        this.pipeline = pipeline;
        this.serviceUri = serviceUri.AbsoluteUri.TrimEnd('/');
    }

    /// <summary>Signed with the account key of a connection string; one without a key (a SAS) leaves transactions to the SDK.</summary>
    public static TableTransactions ForConnectionString(string connectionString, Uri serviceUri, string accountName, TableClientOptions options)
    {
        var key = TableSharedKeyLite.AccountKey(connectionString);
        return key is not null
            ? new TableTransactions(HttpPipelineBuilder.Build(options, [], [new TableSharedKeyLite(accountName, key, writer: true)], new ResponseClassifier()), serviceUri)
            : new TableTransactions(null, serviceUri);
    }

    /// <summary>Signed with a token of the identity (Microsoft Entra ID, the storage audience), as the SDK's table client is.</summary>
    public static TableTransactions ForCredential(TokenCredential credential, Uri serviceUri, TableClientOptions options) =>
        new(HttpPipelineBuilder.Build(options, [], [new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default")], new ResponseClassifier()), serviceUri);

    /// <summary>Submits the actions (one partition, at most 100) as one transaction; answers each action's new ETag (none for a delete).</summary>
    public async Task<IReadOnlyList<ETag?>> SubmitAsync(TableClient table, IEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var list = actions as IReadOnlyList<TableTransactionAction> ?? actions.ToList();
        if (list.Count == 0)
        {
            throw new InvalidOperationException("The batch contains no entity operations.");
        }

        if (pipeline is null || list.Any(action => action.Entity is not TableEntity) || !table.Uri.AbsoluteUri.StartsWith(serviceUri + "/", StringComparison.Ordinal))
        {
            var answers = await table.SubmitTransactionAsync(list, cancellationToken);
            return answers.Value.Select(answer => answer.Headers.ETag).ToList();
        }

        if (list.Count > MaxActions)
        {
            throw new InvalidOperationException($"A transaction holds at most {MaxActions} actions; this one has {list.Count}.");
        }

        var batch = "batch_" + Guid.NewGuid().ToString("N");
        using var message = pipeline.CreateMessage();
        var request = message.Request;
        request.Method = RequestMethod.Post;
        request.Uri.Reset(new Uri(serviceUri + "/$batch"));
        request.Headers.Add("x-ms-version", Version);
        request.Headers.Add("DataServiceVersion", "3.0");
        request.Headers.Add("MaxDataServiceVersion", "3.0;NetFx");
        request.Headers.Add("Accept", JsonAccept);
        request.Headers.Add("Content-Type", "multipart/mixed; boundary=" + batch);
        request.Content = RequestContent.Create(Body(table.Name, list, batch));
        await pipeline.SendAsync(message, cancellationToken);
        var response = message.Response;
        if (response.Status != 202)
        {
            throw new RequestFailedException(response);
        }

        var etags = Answers(response.Content.ToString());
        return etags.Count == list.Count ? etags : throw new RequestFailedException(response.Status, $"The transaction's answer held {etags.Count} answers for {list.Count} actions.");
    }

    /// <summary>The multipart/mixed body: one changeset holding one HTTP request per action.</summary>
    private ReadOnlyMemory<byte> Body(string tableName, IReadOnlyList<TableTransactionAction> actions, string batch)
    {
        var changeset = "changeset_" + Guid.NewGuid().ToString("N");
        var buffer = new ArrayBufferWriter<byte>(1024 + (actions.Count * 768));
        using var json = new Utf8JsonWriter(buffer);
        Ascii(buffer, $"--{batch}\r\nContent-Type: multipart/mixed; boundary={changeset}\r\n\r\n");
        foreach (var action in actions)
        {
            var entity = (TableEntity)action.Entity;
            var address = $"{serviceUri}/{tableName}(PartitionKey='{Key(entity.PartitionKey)}',RowKey='{Key(entity.RowKey)}')";
            var (line, ifMatch, content) = action.ActionType switch
            {
                TableTransactionActionType.Add => ($"POST {serviceUri}/{tableName}", null, true),
                // An update without an ETag sends no If-Match, as the SDK does (the service then inserts or updates).
                TableTransactionActionType.UpdateMerge => ($"MERGE {address}", action.ETag == default ? null : Match(action.ETag), true),
                TableTransactionActionType.UpdateReplace => ($"PUT {address}", action.ETag == default ? null : Match(action.ETag), true),
                TableTransactionActionType.Delete => ($"DELETE {address}", Match(action.ETag), false),
                TableTransactionActionType.UpsertMerge => ($"MERGE {address}", null, true),
                TableTransactionActionType.UpsertReplace => ($"PUT {address}", null, true),
                _ => throw new NotSupportedException($"Transaction action {action.ActionType}."),
            };
            Ascii(buffer, $"--{changeset}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n{line} HTTP/1.1\r\nAccept: {JsonAccept}\r\n");
            if (ifMatch is not null)
            {
                Ascii(buffer, $"If-Match: {ifMatch}\r\n");
            }

            if (!content)
            {
                Ascii(buffer, "DataServiceVersion: 3.0\r\n\r\n");
                continue;
            }

            Ascii(buffer, "Content-Type: application/json\r\nPrefer: return-no-content\r\nDataServiceVersion: 3.0\r\n\r\n");
            WriteEntity(json, entity);
            json.Flush();
            json.Reset();
            Ascii(buffer, "\r\n");
        }

        Ascii(buffer, $"--{changeset}--\r\n--{batch}--\r\n");
        return buffer.WrittenMemory;
    }

    /// <summary>A key as the OData address writes it: quotes doubled, then escaped for the URL.</summary>
    private static string Key(string key) => Uri.EscapeDataString(key.Replace("'", "''", StringComparison.Ordinal));

    private static string Match(ETag etag) =>
        etag == default ? "*" : etag.ToString() is var value && value.AsSpan().IndexOfAny('\r', '\n') < 0 ? value : throw new ArgumentException("An ETag holds no line break.", nameof(etag));

    private static void Ascii(ArrayBufferWriter<byte> buffer, string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        Encoding.UTF8.GetBytes(text, buffer.GetSpan(count));
        buffer.Advance(count);
    }

    /// <summary>The entity's JSON with the OData type notes the service needs to keep each property's type.</summary>
    private static void WriteEntity(Utf8JsonWriter json, TableEntity entity)
    {
        json.WriteStartObject();
        json.WriteString("PartitionKey", entity.PartitionKey);
        json.WriteString("RowKey", entity.RowKey);
        foreach (var (name, value) in entity)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || name.Contains("@odata.", StringComparison.Ordinal))
            {
                continue;
            }

            WriteProperty(json, name, value);
        }

        json.WriteEndObject();
    }

    private static void WriteProperty(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                json.WriteString(name, text);
                return;
            case bool flag:
                json.WriteBoolean(name, flag);
                return;
            case int number:
                json.WriteNumber(name, number);
                return;
            case long number:
                Typed(json, name, "Edm.Int64");
                json.WriteString(name, number.ToString(CultureInfo.InvariantCulture));
                return;
            case double number:
                Typed(json, name, "Edm.Double");
                if (double.IsFinite(number))
                {
                    json.WriteNumber(name, number);
                }
                else
                {
                    json.WriteString(name, double.IsNaN(number) ? "NaN" : number > 0 ? "Infinity" : "-Infinity");
                }

                return;
            case DateTimeOffset moment:
                Typed(json, name, "Edm.DateTime");
                json.WriteString(name, moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                return;
            case DateTime moment when moment.Kind != DateTimeKind.Unspecified:
                Typed(json, name, "Edm.DateTime");
                json.WriteString(name, moment.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
                return;
            case Guid id:
                Typed(json, name, "Edm.Guid");
                json.WriteString(name, id.ToString());
                return;
            case byte[] bytes:
                Typed(json, name, "Edm.Binary");
                json.WriteBase64String(name, bytes);
                return;
            case BinaryData data:
                Typed(json, name, "Edm.Binary");
                json.WriteBase64String(name, data.ToMemory().Span);
                return;
            case Enum choice:
                json.WriteString(name, choice.ToString());
                return;
            default:
                throw new NotSupportedException($"Property '{name}' of type {value.GetType().Name} cannot be stored in a table.");
        }
    }

    private static void Typed(Utf8JsonWriter json, string name, string type) => json.WriteString(name + "@odata.type", type);

    /// <summary>
    /// Each action's answer in order. The service answers a failed transaction with the one failed action's answer: its
    /// status, and an error whose message starts with the action's index ("3:The specified entity already exists.").
    /// </summary>
    private static List<ETag?> Answers(string body)
    {
        var etags = new List<ETag?>();
        var lines = body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (!line.StartsWith("HTTP/1.1 ", StringComparison.Ordinal) || line.Length < 12 || !int.TryParse(line.AsSpan(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var status))
            {
                continue;
            }

            ETag? etag = null;
            for (i++; i < lines.Length && lines[i].TrimEnd('\r').Length > 0; i++)
            {
                var header = lines[i].TrimEnd('\r');
                if (header.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))
                {
                    etag = new ETag(header[5..].Trim());
                }
            }

            if (status >= 400)
            {
                var content = new StringBuilder();
                for (i++; i < lines.Length && !lines[i].StartsWith("--", StringComparison.Ordinal); i++)
                {
                    content.Append(lines[i]).Append('\n');
                }

                throw Failure(status, content.ToString().Trim());
            }

            etags.Add(etag);
        }

        return etags;
    }

    private static TableTransactionFailedException Failure(int status, string content)
    {
        string? code = null;
        var text = content;
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.TryGetProperty("odata.error", out var error))
            {
                code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                text = error.TryGetProperty("message", out var m) && m.TryGetProperty("value", out var v) ? v.GetString() ?? content : content;
            }
        }
#pragma warning disable CA1031 // An error body of any shape still gives the status and the text: the caller's catch must see the transaction's failure.
        catch (Exception)
#pragma warning restore CA1031
        {
            (code, text) = (null, content);
        }

        var failed = new RequestFailedException(status, $"Table transaction failed: {status} {code}\n{text}", code, null);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            // The key the SDK's exception reads its FailedTransactionActionIndex from.
            failed.Data["FailedEntity"] = index.ToString(CultureInfo.InvariantCulture);
        }

        return new TableTransactionFailedException(failed);
    }
}
