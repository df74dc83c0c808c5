using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The app's own transaction writer (ADR 0029) against Azurite, beside the Azure SDK's: an entity of every property
/// type reads back exactly as the SDK's transaction stores it; keys with quotes, bars, spaces and Kazakh letters; every
/// action kind; the ETags answered are the stored ones; a failed action throws the SDK's exception with its status,
/// error code and index, and changes nothing; each transaction is one counted call.
/// </summary>
public sealed class TableTransactionsTests
{
    private static readonly string[] Reserved = ["odata.etag", "Timestamp", "PartitionKey"];

    [Fact]
    public async Task Every_property_type_and_awkward_keys_read_back_as_the_sdks_transaction_stores_them()
    {
        await using var scratch = await ScratchTable.CreateAsync();
        // Keys may hold anything but / \ # ? and control characters.
        string[] partitions = ["plain", "it's «Қазақ» | ә ү", "%20 & + = ; , ''"];
        foreach (var (partition, number) in partitions.Select((p, i) => (p, i)))
        {
            string[] rows = [$"r{number}|live|profile", $"quote ' and '' {number}", $"Ұлттық {number}"];
            await scratch.Storage.Transactions.SubmitAsync(scratch.Table, rows.Select(row => Add(Typed("ours " + partition, row))), CancellationToken.None);
            await scratch.Table.SubmitTransactionAsync(rows.Select(row => Add(Typed("sdk " + partition, row))));
            foreach (var row in rows)
            {
                var ours = (await scratch.Table.GetEntityAsync<TableEntity>("ours " + partition, row)).Value;
                var sdk = (await scratch.Table.GetEntityAsync<TableEntity>("sdk " + partition, row)).Value;
                Assert.Equal(Shape(sdk), Shape(ours));
                Assert.Equal(Shape(Typed("x", row)), Shape(ours));
            }
        }
    }

    [Fact]
    public async Task Each_action_kind_does_what_the_sdks_does_and_answers_the_stored_etags()
    {
        await using var scratch = await ScratchTable.CreateAsync();
        var transactions = scratch.Storage.Transactions;
        var before = scratch.Storage.Counter.Total;
        var added = await transactions.SubmitAsync(scratch.Table, [Add(Row("p", "a", ("V", 1), ("W", "w"))), Add(Row("p", "b", ("V", 2))), Add(Row("p", "c", ("V", 3))), Add(Row("p", "d", ("V", 4)))], CancellationToken.None);
        Assert.Equal(1, scratch.Storage.Counter.Total - before);
        Assert.Equal(4, added.Count);
        var stored = await ReadAsync(scratch.Table, "p");
        Assert.Equal(stored.Select(e => (ETag?)e.ETag), added);

        var changed = await transactions.SubmitAsync(
            scratch.Table,
            [
                new(TableTransactionActionType.UpdateMerge, Row("p", "a", ("V", 10)), stored[0].ETag),
                new(TableTransactionActionType.UpdateReplace, Row("p", "b", ("X", "x")), stored[1].ETag),
                new(TableTransactionActionType.Delete, Row("p", "c"), stored[2].ETag),
                new(TableTransactionActionType.UpsertMerge, Row("p", "d", ("Y", true))),
                new(TableTransactionActionType.UpsertReplace, Row("p", "e", ("Z", 5L))),
                Add(Row("p", "f", ("V", 6))),
            ],
            CancellationToken.None);
        var after = await ReadAsync(scratch.Table, "p");
        Assert.Equal(["a", "b", "d", "e", "f"], after.Select(e => e.RowKey));
        Assert.Equal(10, after[0].GetInt32("V"));
        Assert.Equal("w", after[0].GetString("W"));
        Assert.Null(after[1].GetInt32("V"));
        Assert.Equal("x", after[1].GetString("X"));
        Assert.Equal(4, after[2].GetInt32("V"));
        Assert.True(after[2].GetBoolean("Y"));
        Assert.Equal(5L, after[3].GetInt64("Z"));
        Assert.Equal(6, changed.Count);
        Assert.Null(changed[2]);
        Assert.Equal(after.Where(e => e.RowKey != "c").Select(e => (ETag?)e.ETag), changed.Where((_, i) => i != 2));
    }

    [Fact]
    public async Task A_failed_action_throws_the_sdks_exception_with_its_index_and_changes_nothing()
    {
        await using var scratch = await ScratchTable.CreateAsync();
        var transactions = scratch.Storage.Transactions;
        await transactions.SubmitAsync(scratch.Table, [Add(Row("p", "a", ("V", 1))), Add(Row("p", "b", ("V", 2)))], CancellationToken.None);
        var stale = (await ReadAsync(scratch.Table, "p"))[1].ETag;
        await scratch.Table.UpsertEntityAsync(Row("p", "b", ("V", 3)), TableUpdateMode.Replace);

        // Each failure, ours beside the SDK's on the same table: 409 on an existing row, 412 on a stale ETag, 404 on a missing row.
        (string Name, TableTransactionAction[] Actions)[] failures =
        [
            ("exists", [Add(Row("p", "new1", ("V", 9))), Add(Row("p", "a", ("V", 9)))]),
            ("stale", [Add(Row("p", "new2", ("V", 9))), Add(Row("p", "new3", ("V", 9))), new(TableTransactionActionType.UpdateReplace, Row("p", "b", ("V", 9)), stale)]),
            ("missing", [new(TableTransactionActionType.Delete, Row("p", "nobody"), ETag.All), Add(Row("p", "new4", ("V", 9)))]),
        ];
        foreach (var (name, actions) in failures)
        {
            var ours = await Assert.ThrowsAsync<TableTransactionFailedException>(() => transactions.SubmitAsync(scratch.Table, actions, CancellationToken.None));
            var sdk = await Assert.ThrowsAsync<TableTransactionFailedException>(() => scratch.Table.SubmitTransactionAsync(actions));
            Assert.True(sdk.Status == ours.Status, $"{name}: status {ours.Status}, the SDK's {sdk.Status}");
            Assert.True(sdk.ErrorCode == ours.ErrorCode, $"{name}: code {ours.ErrorCode}, the SDK's {sdk.ErrorCode}");
            Assert.True(sdk.FailedTransactionActionIndex == ours.FailedTransactionActionIndex, $"{name}: index {ours.FailedTransactionActionIndex}, the SDK's {sdk.FailedTransactionActionIndex}");
            Assert.Equal(actions.Length - (name == "missing" ? 2 : 1), ours.FailedTransactionActionIndex);
        }

        var left = await ReadAsync(scratch.Table, "p");
        Assert.Equal(["a", "b"], left.Select(e => e.RowKey));
        Assert.Equal([1, 3], left.Select(e => e.GetInt32("V")!.Value));
        await Assert.ThrowsAsync<InvalidOperationException>(() => transactions.SubmitAsync(scratch.Table, [], CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_of_a_hundred_goes_in_one_call_and_a_missing_table_is_a_request_failure()
    {
        await using var scratch = await ScratchTable.CreateAsync();
        var before = scratch.Storage.Counter.Total;
        var etags = await scratch.Storage.Transactions.SubmitAsync(scratch.Table, Enumerable.Range(0, 100).Select(i => Add(Row("big", $"r{i:D3}", ("V", i)))), CancellationToken.None);
        Assert.Equal(1, scratch.Storage.Counter.Total - before);
        Assert.Equal(100, etags.Count);
        Assert.Equal(100, (await ReadAsync(scratch.Table, "big")).Count);

        var missing = scratch.Storage.Table("nosuch" + Guid.NewGuid().ToString("N"));
        var failure = await Assert.ThrowsAnyAsync<RequestFailedException>(() => scratch.Storage.Transactions.SubmitAsync(missing, [Add(Row("p", "a"))], CancellationToken.None));
        Assert.Equal(404, failure.Status);
    }

    [Fact]
    public async Task An_update_without_an_etag_inserts_or_updates_as_the_sdks_does()
    {
        await using var scratch = await ScratchTable.CreateAsync();
        TableTransactionAction[] actions = [new(TableTransactionActionType.UpdateReplace, Row("p", "new", ("V", 1))), new(TableTransactionActionType.UpdateMerge, Row("p", "new2", ("V", 2)))];
        await scratch.Table.SubmitTransactionAsync(actions.Select(a => new TableTransactionAction(a.ActionType, Row("sdk", a.Entity.RowKey, ("V", 0)))));
        await scratch.Storage.Transactions.SubmitAsync(scratch.Table, actions, CancellationToken.None);
        Assert.Equal(["new", "new2"], (await ReadAsync(scratch.Table, "p")).Select(e => e.RowKey));
        Assert.Equal(["new", "new2"], (await ReadAsync(scratch.Table, "sdk")).Select(e => e.RowKey));
        await Assert.ThrowsAsync<ArgumentException>(() => scratch.Storage.Transactions.SubmitAsync(scratch.Table, [new(TableTransactionActionType.Delete, Row("p", "new"), new ETag("W/\"x\"\r\nIf-Match: *"))], CancellationToken.None));
    }

    private static TableTransactionAction Add(TableEntity entity) => new(TableTransactionActionType.Add, entity);

    private static TableEntity Row(string partition, string row, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(partition, row);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }

        return entity;
    }

    /// <summary>One property of every type Table Storage keeps, with values at their edges.</summary>
    private static TableEntity Typed(string partition, string row) => Row(
        partition,
        row,
        ("Text", "Қазақстан «жұмыспен өтеу» \"quoted\" \\ \r\n\t tab 🙂"),
        ("Empty", string.Empty),
        ("Flag", true),
        ("Off", false),
        ("Int", int.MinValue),
        ("Long", long.MaxValue),
        ("LongSmall", 5L),
        ("Double", 0.1 + 0.2),
        ("Whole", 3.0),
        ("When", new DateTimeOffset(2026, 11, 27, 3, 4, 5, 678, TimeSpan.FromHours(5)).AddTicks(9)),
        ("Utc", new DateTime(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc)),
        ("Id", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
        ("Bytes", new byte[] { 0, 1, 2, 254, 255 }));

    /// <summary>The entity as stored: each property's name, CLR type and value (the service's own columns and the partition, which differs by writer, left out).</summary>
    private static List<string> Shape(TableEntity entity) =>
        [.. entity.Where(p => !Reserved.Contains(p.Key)).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}:{Normal(p.Value)?.GetType().Name}:{Value(Normal(p.Value))}")];

    private static object? Normal(object? value) => value switch
    {
        DateTime moment => new DateTimeOffset(moment.ToUniversalTime()),
        BinaryData data => data.ToArray(),
        _ => value,
    };

    private static string? Value(object? value) => value switch
    {
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTimeOffset moment => moment.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double number => number.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static async Task<List<TableEntity>> ReadAsync(TableClient table, string partition)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A table of the test's own, with the app's storage clients (and their call counter) on the tests' Azurite.</summary>
    private sealed class ScratchTable : IAsyncDisposable
    {
        private ScratchTable(StorageClients storage, TableClient table) => (Storage, Table) = (storage, table);

        public StorageClients Storage { get; }

        public TableClient Table { get; }

        public static async Task<ScratchTable> CreateAsync()
        {
            var storage = new StorageClients(new StorageConnection(LocalHostFixture.StorageConnectionString, null, null, null, null));
            var table = storage.Table("tx" + Guid.NewGuid().ToString("N"));
            await table.CreateAsync();
            return new ScratchTable(storage, table);
        }

        public async ValueTask DisposeAsync() => await Table.DeleteAsync();
    }
}
