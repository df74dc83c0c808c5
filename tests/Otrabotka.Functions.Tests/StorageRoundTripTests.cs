using Azure.Data.Tables;
using Otrabotka.Functions.Storage;
using Xunit.Abstractions;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Storage round trips of one multipart upload, counted by the clients' pipeline policy: from the request
/// to the last of its e-mails recorded as sent (validation, index sync, reminder plan and dispatch included).
/// Runs on the isolated host, whose timers are idle, so nothing else uses its clients meanwhile.
/// </summary>
[Collection(IsolatedHostCollection.Name)]
public sealed class StorageRoundTripTests(IsolatedHostFixture host, ITestOutputHelper output)
{
    /// <summary>
    /// 62 measured before the graduate repository, 52 after it; 26 since the upload is validated in its own
    /// request (ADR 0017: one read of the live rows, the file written once to its final container, one
    /// transaction, one e-mail to the graduate, index sync from the committed unit with no re-read, the
    /// index-sync duty carried by an e-mail row). Of the 26: authentication 2, the employer-mail quota 2,
    /// live rows 1, file 1, registry 1, document index 1, pending notes 1, transaction 1, reminder due rows 7
    /// (four gone, three new), operators' membership check 1, two dispatch messages 2, and per e-mail its
    /// point read, its record and its note's removal 6. 16 since then: authentication reads the IIN index only
    /// (the profile comes with the live rows, −1); the graduate's first employer e-mail of the day inserts the
    /// quota counter without reading it first (−1); one dispatch message per commit (−1) whose rows' records
    /// share one transaction (−1) and whose pending notes go in one transaction (−1); the due index keeps one row
    /// a graduate at its next pending reminder (ADR 0020), so a plan change writes that row and removes the one at
    /// the old date (7 → 2). Of the 16: authentication 1, quota 1, live rows 1, file 1, registry 1, document index 1,
    /// pending notes 1, transaction 1, due row 2, operators' membership check 1, dispatch message 1, point reads 2,
    /// records 1, notes' removal 1. 12 since ADR 0024: the employer-mail count is a row of the graduate's partition,
    /// read with the live rows and written in the upload's transaction (−1); a new graduate's profile is stored with its
    /// status snapshot, so the first upload no longer rewrites it and re-checks the operators' index membership (−1);
    /// the dispatcher reads a commit's outbox rows with one query (−1); the IIN index's answer for a graduate whose
    /// profile this instance has seen (here: registered) is remembered (−1; a graduate's first request on an instance
    /// still reads the index, 13). Of the 12: live rows 1, file 1, registry 1, document index 1, pending notes 1,
    /// transaction 1, due row 2, dispatch message 1, outbox rows read 1, records 1, notes' removal 1.
    /// 10 since ADR 0031 and 0032: the commit's dispatch is run by the process that committed it, not sent through the
    /// dispatch queue (−1, and the queue's receive and delete, which the WebJobs SDK makes and this count leaves out); a
    /// new document's id carries its graduate's, so no document-index row is written (−1). Of the 10: live rows 1,
    /// file 1, registry 1, pending notes 1, transaction 1, due row 2, outbox rows read 1, records 1, notes' removal 1 —
    /// and 9 when the instance read the employer's registry entry within the last minute (ADR 0032).
    /// A change that adds calls must raise this with a reason.
    /// </summary>
    public const int MaxCallsPerMultipartUpload = 10;

    /// <summary>The same upload naming an employer whose registry entry this instance read within the last minute.</summary>
    public const int MaxCallsPerMultipartUploadKnownEmployer = 9;

    private readonly Api api = new(host);

    [Fact]
    public async Task One_multipart_upload_up_to_the_employer_email_stays_within_its_storage_call_budget()
    {
        var calls = await MeasureUploadAsync(coldInstance: false);

        Assert.InRange(calls.Count, 1, MaxCallsPerMultipartUpload);
        Assert.DoesNotContain(calls, call => call.Contains("/iinindex", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, call => call.Contains("/dispatch", StringComparison.Ordinal));
        Assert.DoesNotContain(calls, call => call.Contains("/documentindex", StringComparison.Ordinal));
        Assert.Single(calls, call => call.Contains("/employerregistry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_upload_naming_an_employer_read_within_the_minute_does_not_read_the_registry_again()
    {
        var bin = Api.ValidBin();
        var (_, _, other) = await api.RegisterAsync(graduationDate: "2027-06-20");
        await api.SubmitAsync(other, "employment-confirmation", Api.Employment(start: "2027-08-15", bin: bin, email: $"hr-{Guid.NewGuid():N}@employer.example.kz"), Api.Pdf());

        var calls = await MeasureUploadAsync(coldInstance: false, bin);

        Assert.InRange(calls.Count, 1, MaxCallsPerMultipartUploadKnownEmployer);
        Assert.DoesNotContain(calls, call => call.Contains("/employerregistry", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_an_instance_that_has_not_seen_the_graduate_the_upload_reads_the_IIN_index_once_more()
    {
        var calls = await MeasureUploadAsync(coldInstance: true);

        Assert.InRange(calls.Count, 1, MaxCallsPerMultipartUpload + 1);
        Assert.Single(calls, call => call.Contains("/iinindex", StringComparison.Ordinal));
    }

    /// <summary>The calls of one upload of a graduate just registered (on this instance, or as if on another one).</summary>
    private async Task<IReadOnlyList<string>> MeasureUploadAsync(bool coldInstance, string? bin = null)
    {
        var (graduateId, _, token) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        await QuietAsync();
        if (coldInstance)
        {
            host.Service<KnownGraduates>().Clear();
        }

        var counter = host.Storage.Counter;
        var before = counter.Total;

        await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: "2027-08-15", bin: bin, email: employer), Api.Pdf());
        await api.EmployerTokenAsync(employer);
        Assert.True(await LocalHostFixture.Eventually(() => NothingPendingAsync(graduateId), TimeSpan.FromSeconds(30)), "outbox rows were left pending");
        await QuietAsync();

        var total = counter.Total - before;
        var calls = counter.Recent.TakeLast((int)total).ToList();
        output.WriteLine($"storage calls for one multipart upload: {total}");
        foreach (var call in calls)
        {
            output.WriteLine(call);
        }

        return calls;
    }

    /// <summary>Waits until the app's clients have made no call for a second (a dispatch still in flight would).</summary>
    private async Task QuietAsync()
    {
        var last = -1L;
        while (host.Storage.Counter.Total != last)
        {
            last = host.Storage.Counter.Total;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<bool> NothingPendingAsync(string graduateId)
    {
        // Read with a client of the test's own, so the check is not counted.
        var table = new TableClient(IsolatedHostFixture.IsolatedConnectionString, StorageNames.GraduatesTable);
        await foreach (var row in table.QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey ge 'ntf|' and RowKey lt 'ntf}}'"))
        {
            if (row.GetString("Status") == "pending")
            {
                return false;
            }
        }

        return true;
    }
}
