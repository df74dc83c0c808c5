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
    /// records 1, notes' removal 1. A change that adds calls must raise this with a reason.
    /// </summary>
    public const int MaxCallsPerMultipartUpload = 16;

    private readonly Api api = new(host);

    [Fact]
    public async Task One_multipart_upload_up_to_the_employer_email_stays_within_its_storage_call_budget()
    {
        var (graduateId, _, token) = await api.RegisterAsync(graduationDate: "2027-06-20");
        var employer = $"hr-{Guid.NewGuid():N}@employer.example.kz";
        await QuietAsync();
        var counter = host.Storage.Counter;
        var before = counter.Total;

        await api.SubmitAsync(token, "employment-confirmation", Api.Employment(start: "2027-08-15", email: employer), Api.Pdf());
        await api.EmployerTokenAsync(employer);
        Assert.True(await LocalHostFixture.Eventually(() => NothingPendingAsync(graduateId), TimeSpan.FromSeconds(30)), "outbox rows were left pending");
        await QuietAsync();

        var calls = counter.Total - before;
        output.WriteLine($"storage calls for one multipart upload: {calls}");
        foreach (var call in counter.Recent.TakeLast((int)calls))
        {
            output.WriteLine(call);
        }

        Assert.InRange(calls, 1, MaxCallsPerMultipartUpload);
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
