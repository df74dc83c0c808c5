using System.Text;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The storage scan: after an end-to-end run (registration, upload, validation, employer e-mail and
/// confirmation, search by IIN) — and whatever this collection's other tests wrote — no registered
/// graduate's IIN or name is in any table's PartitionKey or RowKey, any blob's name (the WebJobs receipts
/// included), any queue message still waiting (poison queues included), or any link in an e-mail the app sent.
/// Storage request logs (Azure diagnostic settings) record exactly these: keys, blob names and URLs.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed partial class StorageScanTests(LocalHostFixture host)
{
    private readonly Api api = new(host);

    [Fact]
    public async Task No_IIN_or_name_of_a_registered_graduate_is_in_a_key_blob_name_queue_message_or_link()
    {
        var (graduateId, iin, token) = await api.RegisterAsync();
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        var id = await api.SubmitAsync(token, "employment-confirmation", Api.Employment(email: employer), Api.Pdf());
        await api.SettledAsync(token, id);
        var link = await api.EmployerTokenAsync(employer);
        using (await api.SendAsync(HttpMethod.Post, "/api/confirmations/decision", null, new { token = link, decision = "confirm", confirmerName = "Б. Омаров", confirmerPosition = "HR" }))
        using (await api.SendAsync(HttpMethod.Post, "/api/graduates/search", api.OperatorToken, new { iin }))
        using (await api.SendAsync(HttpMethod.Get, $"/api/graduates/{graduateId}/documents", api.OperatorToken))
        {
        }

        var (iins, names) = await RegisteredAsync();
        Assert.Contains(iin, iins);
        var places = new List<string>();
        places.AddRange(await TableKeysAsync());
        places.AddRange(await BlobNamesAsync());
        places.AddRange(await QueueMessagesAsync());
        places.AddRange(host.Mail.Newest(null).SelectMany(m => Links().Matches(m.Html + " " + m.Text).Select(x => "link " + x.Value)));
        Assert.Contains(places, p => p.StartsWith("table ", StringComparison.Ordinal));
        Assert.Contains(places, p => p.StartsWith("blob ", StringComparison.Ordinal));
        Assert.Contains(places, p => p.StartsWith("link ", StringComparison.Ordinal));

        var leaks = places.Where(p => iins.Any(i => p.Contains(i, StringComparison.Ordinal)) || names.Any(n => p.Contains(n, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} of {places.Count} keys, names, messages or links hold an IIN or a name: {string.Join("\n", leaks.Take(10))}");
    }

    /// <summary>Every registered graduate's IIN and full name, from their profiles.</summary>
    private async Task<(HashSet<string> Iins, HashSet<string> Names)> RegisteredAsync()
    {
        var iins = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var profiles = host.Storage.Table(StorageNames.GraduatesTable).QueryAsync<TableEntity>(GraduateStore.ProfileFilter, select: ["Iin", "FullName"]);
        await foreach (var profile in profiles)
        {
            iins.Add(profile.GetString("Iin")!);
            names.Add(profile.GetString("FullName")!);
        }

        return (iins, names);
    }

    private async Task<List<string>> TableKeysAsync()
    {
        var keys = new List<string>();
        await foreach (var table in host.Storage.Tables.QueryAsync())
        {
            await foreach (var row in host.Storage.Table(table.Name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                keys.Add($"table {table.Name}: {row.PartitionKey} / {row.RowKey}");
            }
        }

        return keys;
    }

    private async Task<List<string>> BlobNamesAsync()
    {
        var names = new List<string>();
        await foreach (var container in host.Storage.Blobs.GetBlobContainersAsync())
        {
            await foreach (var blob in host.Storage.Container(container.Name).GetBlobsAsync())
            {
                names.Add($"blob {container.Name}/{blob.Name}");
            }
        }

        return names;
    }

    private async Task<List<string>> QueueMessagesAsync()
    {
        var messages = new List<string>();
        await foreach (var queue in host.Storage.Queues.GetQueuesAsync())
        {
            foreach (var message in (await host.Storage.Queue(queue.Name).PeekMessagesAsync(32)).Value)
            {
                var text = message.Body.ToString();
                messages.Add($"queue {queue.Name}: {text} {Decoded(text)}");
            }
        }

        return messages;
    }

    private static string Decoded(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : "";
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex Links();
}
