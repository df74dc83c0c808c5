using Azure.Data.Tables;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// ADR 0022 for the feed: months and registry entries get row keys of their own (the graduate's id appended, the BIN
/// repeated); rows an older store holds under the shared keys of before are still read and are updated where they are.
/// </summary>
[Collection(FeedHostCollection.Name)]
public sealed class FeedStoredKeyTests(FeedHostFixture host)
{
    private readonly FeedApi feed = new(host);

    private TableClient Graduates => host.Storage.Table(StorageNames.GraduatesTable);

    [Fact]
    public async Task Months_stored_under_the_shared_keys_of_before_are_read_and_updated_in_place()
    {
        var (graduateId, iin, _) = await feed.Api.RegisterAsync();
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        var file = File([Row(iin, bin, "2025-09"), Row(iin, bin, "2025-10"), Row(iin, bin, "2025-11")]);
        Assert.Equal(3, Int(await feed.ImportAsync(file), "applied"));
        var months = await MonthRowsAsync(graduateId);
        Assert.Equal([$"feed|{bin}|2025-09|{graduateId}", $"feed|{bin}|2025-10|{graduateId}", $"feed|{bin}|2025-11|{graduateId}"], months.Select(r => r.RowKey));
        var obligation = (await feed.ObligationAsync(graduateId)).ToJsonString();

        await ToSharedKeysAsync(graduateId, months);

        // Read under the old keys: the same file again changes nothing, and the employer is still known (no review).
        var again = await feed.ImportAsync(file);
        Assert.Equal((0, 3), (Int(again, "applied"), Int(again, "unchanged")));
        Assert.Equal(obligation, (await feed.ObligationAsync(graduateId)).ToJsonString());
        Assert.Empty(await feed.ReviewsAsync(graduateId));

        // A later file reporting November unpaid: the month is rewritten where it is, no second row for it.
        var later = await feed.ImportAsync(File([Row(iin, bin, "2025-11", paid: false)]));
        Assert.Equal(1, Int(later, "applied"));
        var rows = await MonthRowsAsync(graduateId);
        Assert.Equal([$"feed|{bin}|2025-09", $"feed|{bin}|2025-10", $"feed|{bin}|2025-11"], rows.Select(r => r.RowKey));
        Assert.False(rows[^1].GetBoolean("Paid"));
        var period = Assert.Single((await feed.ObligationAsync(graduateId))["periods"]!.AsArray())!;
        Assert.Equal(["2025-09", "2025-10"], period["months"]!.AsArray().Select(m => m!.GetValue<string>()));
    }

    [Fact]
    public void A_month_row_of_either_form_is_read_with_the_key_it_has_and_a_new_month_gets_its_own()
    {
        var bin = Bin.Parse(Api.ValidBin()).Value;
        var month = FeedMonth.Of(new DateOnly(2025, 9, 1));
        var shared = StoredFeedMonth.From(new TableEntity("g1", StoredFeedMonth.KeyOf(bin, month)) { ["Paid"] = true })!;
        var own = StoredFeedMonth.From(new TableEntity("g1", StoredFeedMonth.RowKeyOf(bin, month, "g1")) { ["Paid"] = true })!;
        Assert.Equal((StoredFeedMonth.KeyOf(bin, month), StoredFeedMonth.KeyOf(bin, month)), (shared.Key, own.Key));
        Assert.Equal(StoredFeedMonth.KeyOf(bin, month), shared.ToEntity("g1").RowKey);
        Assert.Equal($"feed|{bin.Value}|2025-09|g1", own.ToEntity("g1").RowKey);
        Assert.Equal($"feed|{bin.Value}|2025-09|g2", (own with { StoredKey = null }).ToEntity("g2").RowKey);
        Assert.Null(StoredFeedMonth.From(new TableEntity("g1", StoredFeedMonth.RowKeyOf(bin, month, "g2"))));
    }

    private async Task<List<TableEntity>> MonthRowsAsync(string graduateId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Graduates.QueryAsync<TableEntity>($"PartitionKey eq '{graduateId}' and RowKey ge 'feed|' and RowKey lt 'feed}}'"))
        {
            rows.Add(row);
        }

        return [.. rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)];
    }

    /// <summary>Moves the graduate's months to the row keys shared before, as an older store holds them.</summary>
    private async Task ToSharedKeysAsync(string graduateId, IReadOnlyList<TableEntity> months)
    {
        var actions = new List<TableTransactionAction>();
        foreach (var row in months)
        {
            actions.Add(new(TableTransactionActionType.Delete, row, row.ETag));
            actions.Add(new(TableTransactionActionType.Add, new TableEntity(row) { RowKey = row.RowKey[..row.RowKey.LastIndexOf('|')] }));
        }

        await Graduates.SubmitTransactionAsync(actions);
        Assert.Equal(3, (await MonthRowsAsync(graduateId)).Count(r => r.RowKey.Split('|').Length == 3));
    }
}
