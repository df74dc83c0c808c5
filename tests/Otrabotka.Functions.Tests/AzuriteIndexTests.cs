using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// Table Storage semantics through the operations where Azurite's partition index (scripts/azurite-key-lookup.cjs,
/// ADR 0027) can go wrong: writes of every kind, transactions that commit and ones rolled back, a partition read in
/// pages, filters of every shape, a table deleted and created again, concurrent writers and readers. Every answer is
/// compared with the set computed here, so the tests hold on stock Azurite too; under the test command the index also
/// checks each of its answers against Azurite's own (AZURITE_INDEX_VERIFY). Each test works in a table of its own.
/// </summary>
public sealed class AzuriteIndexTests
{
    private static readonly string[] Reserved = ["PartitionKey", "RowKey", "Timestamp", "odata.etag"];

    [Fact]
    public async Task Inserts_replaces_merges_updates_and_deletes_leave_exactly_the_live_entities()
    {
        await using var scratch = await Scratch.CreateAsync();
        var table = scratch.Table;
        var model = new Model();
        for (var number = 1; number <= 6; number++)
        {
            await AddAsync(table, model, "p", $"r{number}", ("Value", $"v0-r{number}"), ("N", number));
        }
        await AddAsync(table, model, "q", "r1", ("Value", "other partition"));
        await AddAsync(table, model, "pp", "r1", ("Value", "longer partition"));
        await AssertStateAsync(table, model, ["p", "q", "pp"]);

        // Upsert Replace of an existing entity: Azurite removes it and inserts the new one; its old properties go.
        await table.UpsertEntityAsync(Entity("p", "r1", ("Other", "x")), TableUpdateMode.Replace);
        model.Set("p", "r1", ("Other", "x"));
        // Upsert Replace and Merge of entities that do not exist insert them.
        await table.UpsertEntityAsync(Entity("p", "r7", ("Value", "v0-r7")), TableUpdateMode.Replace);
        model.Set("p", "r7", ("Value", "v0-r7"));
        await table.UpsertEntityAsync(Entity("p", "r8", ("Value", "v0-r8")), TableUpdateMode.Merge);
        model.Set("p", "r8", ("Value", "v0-r8"));
        // Upsert Merge keeps what the entity had and adds or overwrites the given properties.
        await table.UpsertEntityAsync(Entity("p", "r2", ("Extra", 1), ("N", 20)), TableUpdateMode.Merge);
        model.Merge("p", "r2", ("Extra", 1), ("N", 20));
        await AssertStateAsync(table, model, ["p", "q", "pp"]);

        // Update with the entity's ETag, then with the stale one: 412, nothing changed.
        var r3 = (await table.GetEntityAsync<TableEntity>("p", "r3")).Value;
        await table.UpdateEntityAsync(Entity("p", "r3", ("Value", "v1-r3")), r3.ETag, TableUpdateMode.Replace);
        model.Set("p", "r3", ("Value", "v1-r3"));
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(Entity("p", "r3", ("Value", "lost")), r3.ETag, TableUpdateMode.Replace));
        Assert.Equal(412, stale.Status);
        var r4 = (await table.GetEntityAsync<TableEntity>("p", "r4")).Value;
        await table.UpdateEntityAsync(Entity("p", "r4", ("Value", "v1-r4")), r4.ETag, TableUpdateMode.Merge);
        model.Merge("p", "r4", ("Value", "v1-r4"));
        var missing = await Assert.ThrowsAsync<RequestFailedException>(() =>
            table.UpdateEntityAsync(Entity("p", "r99", ("Value", "none")), ETag.All, TableUpdateMode.Merge));
        Assert.Equal(404, missing.Status);
        await AssertStateAsync(table, model, ["p", "q", "pp"]);

        // Delete with the entity's ETag, with a stale one (412, kept), of a key that is not there (404).
        var r5 = (await table.GetEntityAsync<TableEntity>("p", "r5")).Value;
        await table.DeleteEntityAsync("p", "r5", r5.ETag);
        model.Remove("p", "r5");
        var staleDelete = await Assert.ThrowsAsync<RequestFailedException>(() => table.DeleteEntityAsync("p", "r4", r4.ETag));
        Assert.Equal(412, staleDelete.Status);
        // The client does not throw on a delete of what is not there; the answer is 404.
        Assert.Equal(404, (await table.DeleteEntityAsync("p", "r5", ETag.All)).Status);
        // Deleted and added again under the same key: the new entity, once.
        await table.DeleteEntityAsync("p", "r6", ETag.All);
        model.Remove("p", "r6");
        await AssertStateAsync(table, model, ["p", "q", "pp"], absent: [("p", "r5"), ("p", "r6")]);
        await AddAsync(table, model, "p", "r6", ("Value", "v2-r6"));
        var duplicate = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(Entity("p", "r6", ("Value", "again"))));
        Assert.Equal(409, duplicate.Status);
        // Every entity of a partition gone: the partition reads as empty, then fills again.
        await table.DeleteEntityAsync("q", "r1", ETag.All);
        model.Remove("q", "r1");
        await AssertStateAsync(table, model, ["p", "q", "pp"], absent: [("p", "r5"), ("q", "r1")]);
        await AddAsync(table, model, "q", "r2", ("Value", "back"));
        await AssertStateAsync(table, model, ["p", "q", "pp"], absent: [("p", "r5"), ("q", "r1")]);

        await AssertQueryAsync(table, model, "PartitionKey eq 'p' and Value eq 'v1-r3'", (pk, _, props) => pk == "p" && Equals(props.GetValueOrDefault("Value"), "v1-r3"));
        await AssertQueryAsync(table, model, "PartitionKey eq 'p' and N ge 3", (pk, _, props) => pk == "p" && props.GetValueOrDefault("N") is int n && n >= 3);
    }

    [Fact]
    public async Task A_transaction_that_fails_midway_leaves_the_partition_as_it_was_before_it()
    {
        await using var scratch = await Scratch.CreateAsync();
        var table = scratch.Table;
        var model = new Model();
        await table.SubmitTransactionAsync(Enumerable.Range(1, 4).Select(number => Add(model, "t", $"a{number}", ("Value", $"v0-a{number}"))).ToList());
        await AddAsync(table, model, "u", "a1", ("Value", "neighbour"));
        await AssertStateAsync(table, model, ["t", "u"]);

        // A transaction that commits: add, replace, merge, upsert of both kinds, delete.
        await table.SubmitTransactionAsync(
        [
            Add(model, "t", "a5", ("Value", "v0-a5")),
            new(TableTransactionActionType.UpdateReplace, Entity("t", "a1", ("Other", "r")), ETag.All),
            new(TableTransactionActionType.UpsertMerge, Entity("t", "a2", ("Extra", 2))),
            new(TableTransactionActionType.UpsertReplace, Entity("t", "a6", ("Value", "v0-a6"))),
            new(TableTransactionActionType.Delete, Entity("t", "a3"), ETag.All),
        ]);
        model.Set("t", "a1", ("Other", "r"));
        model.Merge("t", "a2", ("Extra", 2));
        model.Set("t", "a6", ("Value", "v0-a6"));
        model.Remove("t", "a3");
        await AssertStateAsync(table, model, ["t", "u"], absent: [("t", "a3")]);
        var a5 = (await table.GetEntityAsync<TableEntity>("t", "a5")).Value;

        // Each of these fails at its last action; the ones before it (an add, a replace that Azurite does as remove
        // and insert, a merge, a delete) are rolled back.
        IReadOnlyList<TableTransactionAction>[] failing =
        [
            [
                new(TableTransactionActionType.UpsertReplace, Entity("t", "a1", ("Other", "lost"))),
                new(TableTransactionActionType.Add, Entity("t", "a4", ("Value", "exists already"))),
            ],
            [
                new(TableTransactionActionType.Add, Entity("t", "a7", ("Value", "lost"))),
                new(TableTransactionActionType.Delete, Entity("t", "a2"), ETag.All),
                new(TableTransactionActionType.UpdateMerge, Entity("t", "a5", ("Value", "lost")), ETag.All),
                new(TableTransactionActionType.UpsertReplace, Entity("t", "a6", ("Value", "lost"))),
                new(TableTransactionActionType.Add, Entity("t", "a4", ("Value", "exists already"))),
            ],
            [
                new(TableTransactionActionType.Delete, Entity("t", "a4"), ETag.All),
                new(TableTransactionActionType.Delete, Entity("t", "a9"), ETag.All),
            ],
            [
                new(TableTransactionActionType.UpsertMerge, Entity("t", "a8", ("Value", "lost"))),
                new(TableTransactionActionType.Delete, Entity("t", "a1"), ETag.All),
                new(TableTransactionActionType.UpdateReplace, Entity("t", "a5", ("Value", "lost")), new ETag("W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"")),
            ],
        ];
        foreach (var actions in failing)
        {
            var failed = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync(actions));
            Assert.Equal(actions.Count - 1, failed.FailedTransactionActionIndex);
            await AssertStateAsync(table, model, ["t", "u"], absent: [("t", "a3"), ("t", "a7"), ("t", "a8"), ("t", "a9")]);
        }
        Assert.Equal(a5.ETag, (await table.GetEntityAsync<TableEntity>("t", "a5")).Value.ETag);

        // After the rollbacks the partition takes writes as before: the rolled-back keys can be added, the others not.
        await table.SubmitTransactionAsync([Add(model, "t", "a7", ("Value", "v0-a7")), Add(model, "t", "a8", ("Value", "v0-a8"))]);
        var again = await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.SubmitTransactionAsync([new(TableTransactionActionType.Add, Entity("t", "a6"))]));
        Assert.Equal(409, again.Status);
        await AssertStateAsync(table, model, ["t", "u"], absent: [("t", "a3"), ("t", "a9")]);
    }

    [Fact]
    public async Task A_partition_of_more_than_a_thousand_entities_is_read_in_pages_each_entity_once_in_key_order()
    {
        await using var scratch = await Scratch.CreateAsync();
        var table = scratch.Table;
        var model = new Model();
        var shuffle = new Random(1_200);
        // Inserted out of key order, so the order answers come in is the sort's, not the insertion's.
        var keys = Enumerable.Range(0, 1_200).Select(number => $"r{number:D5}").OrderBy(_ => shuffle.Next()).ToList();
        foreach (var chunk in keys.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(key => Add(model, "big", key, ("N", int.Parse(key[1..], CultureInfo.InvariantCulture)))).ToList());
        }
        // Neighbours whose keys sort right before and after it, and one that starts with it.
        foreach (var partition in new[] { "bif", "bih", "bigger", "big " })
        {
            await table.SubmitTransactionAsync(Enumerable.Range(0, 30).Select(number => Add(model, partition, $"r{number:D5}", ("N", number))).ToList());
        }

        var whole = await AssertQueryAsync(table, model, "PartitionKey eq 'big'", (pk, _, _) => pk == "big");
        Assert.True(whole.Pages >= 2, $"{whole.Pages} page(s) for 1,200 entities");
        var small = await AssertQueryAsync(table, model, "PartitionKey eq 'big'", (pk, _, _) => pk == "big", perPage: 7);
        Assert.True(small.Pages >= 172, $"{small.Pages} pages of at most 7 for 1,200 entities");
        await AssertQueryAsync(table, model, "PartitionKey eq 'big' and RowKey ge 'r00990' and RowKey lt 'r01105'",
            (pk, rk, _) => pk == "big" && Between(rk, "r00990", "r01105"));
        await AssertQueryAsync(table, model, "PartitionKey eq 'big' and RowKey ge 'r00990' and RowKey lt 'r01105'",
            (pk, rk, _) => pk == "big" && Between(rk, "r00990", "r01105"), perPage: 7);
        await AssertQueryAsync(table, model, "RowKey ge 'r01190' and PartitionKey eq 'big'",
            (pk, rk, _) => pk == "big" && string.CompareOrdinal(rk, "r01190") >= 0, perPage: 3);
        await AssertQueryAsync(table, model, "PartitionKey eq 'big' and N lt 10", (pk, _, props) => pk == "big" && (int)props["N"] < 10, perPage: 4);
        await AssertQueryAsync(table, model, "PartitionKey ge 'bif' and PartitionKey le 'bigger'",
            (pk, _, _) => Between(pk, "bif", "bigger~"));

        // A hundred of them deleted in one transaction, others replaced: read again, in pages.
        var deleted = keys.Take(100).ToList();
        await table.SubmitTransactionAsync(deleted.Select(key => new TableTransactionAction(TableTransactionActionType.Delete, Entity("big", key), ETag.All)).ToList());
        deleted.ForEach(key => model.Remove("big", key));
        var replaced = keys.Skip(100).Take(100).ToList();
        await table.SubmitTransactionAsync(replaced.Select(key => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Entity("big", key, ("N", -1)))).ToList());
        replaced.ForEach(key => model.Set("big", key, ("N", -1)));
        await AssertQueryAsync(table, model, "PartitionKey eq 'big'", (pk, _, _) => pk == "big");
        await AssertQueryAsync(table, model, "PartitionKey eq 'big'", (pk, _, _) => pk == "big", perPage: 7);
        await AssertQueryAsync(table, model, "PartitionKey eq 'big' and N eq -1", (pk, _, props) => pk == "big" && (int)props["N"] == -1, perPage: 9);
        foreach (var key in deleted.Take(10).Concat(replaced.Take(10)).Concat(keys.TakeLast(10)))
        {
            await AssertPointAsync(table, model, "big", key);
        }
    }

    [Fact]
    public async Task Filters_of_every_shape_answer_the_entities_they_select()
    {
        await using var scratch = await Scratch.CreateAsync();
        var table = scratch.Table;
        var model = new Model();
        // Numeric-looking keys: LokiJS orders strings that parse as numbers by their value ('10' = '1e1' = '0xA'),
        // Table Storage by their characters.
        string[] numeric = ["10", "9", "1a", "2", "0x1A", "1e3", "10.0", "1e1", "0xA", "26", "1000", "010"];
        string[] partitions = [.. numeric, "a", "b", "A", "ab", "O'Brien", "O", "Әлем", "қала", "Ы", "", " ", "a b", "50%"];
        string[] rows = [.. numeric, "k", "x", "y", "a", "K", "қ", "😀", "", " 10", "x y"];
        var count = 0;
        foreach (var partition in partitions)
        {
            var actions = rows.Select(row => Add(model, partition, row, ("N", count++ % 7), ("Tag", count % 3 == 0 ? "red" : "blue"))).ToList();
            await table.SubmitTransactionAsync(actions);
        }

        foreach (var partition in partitions)
        {
            await AssertQueryAsync(table, model, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), (pk, _, _) => pk == partition);
        }
        await AssertQueryAsync(table, model, "PartitionKey eq 'O''Brien'", (pk, _, _) => pk == "O'Brien");
        await AssertQueryAsync(table, model, "PartitionKey eq 'a' and RowKey ge 'x'", (pk, rk, _) => pk == "a" && string.CompareOrdinal(rk, "x") >= 0);
        await AssertQueryAsync(table, model, "PartitionKey eq '10' and RowKey ge '2'", (pk, rk, _) => pk == "10" && string.CompareOrdinal(rk, "2") >= 0);
        await AssertQueryAsync(table, model, "PartitionKey eq '0x1A' and RowKey lt '1e3'", (pk, rk, _) => pk == "0x1A" && string.CompareOrdinal(rk, "1e3") < 0);
        await AssertQueryAsync(table, model, "(PartitionKey eq 'a') and (RowKey ge 'x')", (pk, rk, _) => pk == "a" && string.CompareOrdinal(rk, "x") >= 0);
        await AssertQueryAsync(table, model, "'a' eq PartitionKey and RowKey lt 'a'", (pk, rk, _) => pk == "a" && string.CompareOrdinal(rk, "a") < 0);
        await AssertQueryAsync(table, model, "PartitionKey eq '' and RowKey ne ''", (pk, rk, _) => pk.Length == 0 && rk.Length > 0);
        await AssertQueryAsync(table, model, "PartitionKey eq 'a' and RowKey eq ''", (pk, rk, _) => pk == "a" && rk.Length == 0);
        await AssertQueryAsync(table, model, "PartitionKey eq 'a' or PartitionKey eq 'b'", (pk, _, _) => pk is "a" or "b");
        await AssertQueryAsync(table, model, "not (PartitionKey eq 'a')", (pk, _, _) => pk != "a");
        await AssertQueryAsync(table, model, "PartitionKey ne 'a'", (pk, _, _) => pk != "a");
        await AssertQueryAsync(table, model, "RowKey eq 'k'", (_, rk, _) => rk == "k");
        await AssertQueryAsync(table, model, "RowKey eq '10'", (_, rk, _) => rk == "10");
        await AssertQueryAsync(table, model, "Tag eq 'red'", (_, _, props) => Equals(props["Tag"], "red"));
        await AssertQueryAsync(table, model, "PartitionKey eq 'a' and N ge 3", (pk, _, props) => pk == "a" && (int)props["N"] >= 3);
        await AssertQueryAsync(table, model, "N eq 2 and PartitionKey eq '1e3' and Tag eq 'blue'",
            (pk, _, props) => pk == "1e3" && (int)props["N"] == 2 && Equals(props["Tag"], "blue"));
        await AssertQueryAsync(table, model, "PartitionKey eq 'a' and not (RowKey eq 'k')", (pk, rk, _) => pk == "a" && rk != "k");
        await AssertQueryAsync(table, model, "PartitionKey eq 'a' and (RowKey eq 'k' or RowKey eq 'x')", (pk, rk, _) => pk == "a" && rk is "k" or "x");
        await AssertQueryAsync(table, model, "(PartitionKey eq 'a' and RowKey eq 'k') or (PartitionKey eq '10' and RowKey eq '10')",
            (pk, rk, _) => (pk, rk) is ("a", "k") or ("10", "10"));
        await AssertQueryAsync(table, model, "PartitionKey gt '1' and PartitionKey lt '9'", (pk, _, _) => string.CompareOrdinal(pk, "1") > 0 && string.CompareOrdinal(pk, "9") < 0);
        await AssertQueryAsync(table, model, "PartitionKey eq 'Әлем' and RowKey gt 'y'", (pk, rk, _) => pk == "Әлем" && string.CompareOrdinal(rk, "y") > 0);
        // Nothing: an unknown partition, a key that is not there, two partitions at once, a case that differs.
        foreach (var filter in new[] { "PartitionKey eq 'none'", "PartitionKey eq '100'", "PartitionKey eq 'a' and RowKey eq 'missing'", "PartitionKey eq 'a' and PartitionKey eq 'b'", "PartitionKey eq 'AB'" })
        {
            Assert.Empty(await table.QueryAsync<TableEntity>(filter).ToListAsync());
        }

        foreach (var partition in partitions)
        {
            foreach (var row in rows)
            {
                await AssertPointAsync(table, model, partition, row);
            }
        }
        foreach (var (partition, row) in new[] { ("10", "10.00"), ("100", "10"), ("1e1", "01e1"), ("0xa", "k"), ("a", "1e2"), ("O'Brien", "K "), ("Әлем", "Қ") })
        {
            await AssertPointAsync(table, model, partition, row);
        }
        // Adding a key that is numerically equal to one there is a new entity, not a conflict.
        await AddAsync(table, model, "10", "10.00", ("N", 100), ("Tag", "new"));
        await AssertQueryAsync(table, model, "PartitionKey eq '10'", (pk, _, _) => pk == "10");
        await AssertPointAsync(table, model, "10", "10.00");
    }

    [Fact]
    public async Task A_table_deleted_and_created_again_under_its_name_is_empty_and_other_tables_keep_their_entities()
    {
        await using var scratch = await Scratch.CreateAsync();
        await using var twin = await Scratch.CreateAsync();
        var model = new Model();
        var twinModel = new Model();
        foreach (var number in Enumerable.Range(1, 3))
        {
            await AddAsync(scratch.Table, model, "p", $"r{number}", ("Value", $"first-{number}"));
            await AddAsync(twin.Table, twinModel, "p", $"r{number}", ("Value", $"twin-{number}"));
        }
        await AssertStateAsync(scratch.Table, model, ["p"]);
        await AssertStateAsync(twin.Table, twinModel, ["p"]);

        await scratch.Table.DeleteAsync();
        await scratch.Table.CreateAsync();
        model = new Model();
        await AssertStateAsync(scratch.Table, model, ["p"], absent: [("p", "r1"), ("p", "r2"), ("p", "r3")]);

        await AddAsync(scratch.Table, model, "p", "r2", ("Value", "second-2"));
        await AddAsync(scratch.Table, model, "p", "r9", ("Value", "second-9"));
        await AssertStateAsync(scratch.Table, model, ["p"], absent: [("p", "r1"), ("p", "r3")]);
        await AssertStateAsync(twin.Table, twinModel, ["p"]);
    }

    [Fact]
    public async Task Concurrent_writers_and_readers_on_a_few_partitions_end_in_the_state_their_writes_make()
    {
        await using var scratch = await Scratch.CreateAsync();
        var table = scratch.Table;
        var model = new Model();
        string[] partitions = ["c0", "c1", "c2", "c3"];
        foreach (var partition in partitions)
        {
            var seed = Enumerable.Range(0, 10).Select(number => Add(model, partition, $"s{number:D2}", ("V", number)))
                .Concat(Enumerable.Range(0, 5).Select(number => Add(model, partition, $"rp{number}", ("V", -1), ("W", -1))))
                .Concat(Enumerable.Range(0, 10).Select(number => Add(model, partition, $"d{number:D2}", ("V", number))))
                .Append(Add(model, partition, "m", ("V", 0)));
            await table.SubmitTransactionAsync(seed.ToList());
        }
        var stable = model.Keys.Where(key => key.Row.StartsWith('s') || key.Row.StartsWith("rp", StringComparison.Ordinal) || key.Row == "m").ToList();

        // 200 operations at once: 40 adds, 40 replaces (remove and insert in Azurite), 40 merges into one entity per
        // partition, 40 deletes, 40 reads (a partition query and point reads that must always see the kept entities).
        var replacedValues = new Dictionary<(string, string), List<int>>();
        var operations = new List<Task>();
        for (var op = 0; op < 200; op++)
        {
            var step = op / 5;
            var partition = partitions[op % 4];
            switch (op % 5)
            {
                case 0:
                    operations.Add(table.AddEntityAsync(Entity(partition, $"n{op:D3}", ("V", op))));
                    model.Set(partition, $"n{op:D3}", ("V", op));
                    break;
                case 1:
                    var target = $"rp{step % 5}";
                    operations.Add(table.UpsertEntityAsync(Entity(partition, target, ("V", op), ("W", op)), TableUpdateMode.Replace));
                    (replacedValues.TryGetValue((partition, target), out var values) ? values : replacedValues[(partition, target)] = []).Add(op);
                    break;
                case 2:
                    operations.Add(table.UpsertEntityAsync(Entity(partition, "m", ($"P{op:D3}", op)), TableUpdateMode.Merge));
                    model.Merge(partition, "m", ($"P{op:D3}", op));
                    break;
                case 3:
                    operations.Add(table.DeleteEntityAsync(partition, $"d{step / 4:D2}", ETag.All));
                    model.Remove(partition, $"d{step / 4:D2}");
                    break;
                default:
                    operations.Add(ReadWhileWritingAsync(table, partition, stable));
                    break;
            }
        }
        await Task.WhenAll(operations);

        foreach (var ((partition, row), values) in replacedValues)
        {
            var written = (await table.GetEntityAsync<TableEntity>(partition, row)).Value;
            var value = written.GetInt32("V")!.Value;
            Assert.Contains(value, values);
            model.Set(partition, row, ("V", value), ("W", value));
        }
        // Per partition: 10 kept, 5 replaced, the merged one, 10 added; the 10 deleted are gone.
        Assert.Equal(4 * (10 + 5 + 1 + 10), model.Keys.Count);
        var deleted = partitions.SelectMany(partition => Enumerable.Range(0, 10).Select(number => (partition, $"d{number:D2}"))).ToArray();
        await AssertStateAsync(table, model, partitions, absent: deleted);
        await AssertQueryAsync(table, model, "PartitionKey eq 'c0' or PartitionKey eq 'c3'", (pk, _, _) => pk is "c0" or "c3", perPage: 11);
    }

    private static async Task ReadWhileWritingAsync(TableClient table, string partition, IReadOnlyList<(string Partition, string Row)> stable)
    {
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}")).ToListAsync();
        var keys = rows.Select(row => row.RowKey).ToList();
        Assert.All(rows, row => Assert.Equal(partition, row.PartitionKey));
        Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
        var kept = stable.Where(key => key.Partition == partition).Select(key => key.Row).ToList();
        Assert.Empty(kept.Except(keys, StringComparer.Ordinal));
        foreach (var row in kept.Where(row => row.StartsWith("rp", StringComparison.Ordinal)))
        {
            var found = (await table.GetEntityAsync<TableEntity>(partition, row)).Value;
            Assert.Equal(found.GetInt32("V"), found.GetInt32("W"));
        }
    }

    private static bool Between(string value, string low, string high) =>
        string.CompareOrdinal(value, low) >= 0 && string.CompareOrdinal(value, high) < 0;

    private static TableEntity Entity(string partition, string row, params (string Name, object Value)[] properties)
    {
        var entity = new TableEntity(partition, row);
        foreach (var (name, value) in properties)
        {
            entity[name] = value;
        }
        return entity;
    }

    private static TableTransactionAction Add(Model model, string partition, string row, params (string Name, object Value)[] properties)
    {
        model.Set(partition, row, properties);
        return new TableTransactionAction(TableTransactionActionType.Add, Entity(partition, row, properties));
    }

    private static async Task AddAsync(TableClient table, Model model, string partition, string row, params (string Name, object Value)[] properties)
    {
        await table.AddEntityAsync(Entity(partition, row, properties));
        model.Set(partition, row, properties);
    }

    /// <summary>Each partition's query and each entity's point read answer what the model holds; the absent keys are not found.</summary>
    private static async Task AssertStateAsync(TableClient table, Model model, string[] partitions, (string Partition, string Row)[]? absent = null)
    {
        foreach (var partition in partitions)
        {
            await AssertQueryAsync(table, model, TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), (pk, _, _) => pk == partition);
        }
        foreach (var (partition, row) in model.Keys.Where(key => partitions.Contains(key.Partition)).Concat(absent ?? []))
        {
            await AssertPointAsync(table, model, partition, row);
        }
    }

    private static async Task AssertPointAsync(TableClient table, Model model, string partition, string row)
    {
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, row);
        var expected = model.Describe(partition, row);
        Assert.Equal(expected, found.HasValue ? Describe(found.Value!) : $"{partition}/{row} absent");
    }

    private static async Task<(int Count, int Pages)> AssertQueryAsync(
        TableClient table, Model model, string filter, Func<string, string, IReadOnlyDictionary<string, object>, bool> selects, int? perPage = null)
    {
        var rows = new List<TableEntity>();
        var pages = 0;
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: perPage).AsPages())
        {
            pages++;
            Assert.True(page.Values.Count <= (perPage ?? 1_000), $"{page.Values.Count} entities in a page of {perPage}");
            rows.AddRange(page.Values);
        }
        Assert.Equal(model.Select(selects), rows.Select(Describe).ToList());
        return (rows.Count, pages);
    }

    private static string Describe(TableEntity entity) =>
        Model.Describe(entity.PartitionKey, entity.RowKey, entity.Where(property => !Reserved.Contains(property.Key)));

    /// <summary>
    /// The preload's queue receive (the first n visible messages found in one walk): FIFO among visible messages, a
    /// message hidden by its initial visibility delay or by an earlier receive not given out, each message given once
    /// with a dequeue count of 1, other queues' messages never — with a backlog larger than a receive.
    /// </summary>
    [Fact]
    public async Task Queue_receives_give_the_oldest_visible_messages_first_and_never_a_hidden_one_or_another_queues()
    {
        await using var queues = await ScratchQueues.CreateAsync(LocalHostFixture.StorageConnectionString);
        var (queue, other) = (queues.Queue, queues.Other);
        for (var i = 0; i < 120; i++)
        {
            // Every tenth message is hidden for ten minutes from the start; the other queue gets one of each in between.
            await queue.SendMessageAsync($"m{i:D3}", visibilityTimeout: i % 10 == 9 ? TimeSpan.FromMinutes(10) : null);
            await other.SendMessageAsync($"o{i:D3}");
        }

        var received = new List<string>();
        while (true)
        {
            var batch = (await queue.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(5))).Value;
            if (batch.Length == 0)
            {
                break;
            }

            Assert.True(batch.Length <= 16);
            Assert.All(batch, m => Assert.Equal(1, m.DequeueCount));
            received.AddRange(batch.Select(m => m.Body.ToString()));
        }

        var expected = Enumerable.Range(0, 120).Where(i => i % 10 != 9).Select(i => $"m{i:D3}").ToList();
        Assert.Equal(expected, received);
        var fromOther = new List<string>();
        for (var batch = (await other.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value; batch.Length > 0; batch = (await other.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value)
        {
            fromOther.AddRange(batch.Select(m => m.Body.ToString()));
        }

        Assert.Equal(Enumerable.Range(0, 120).Select(i => $"o{i:D3}"), fromOther);
    }

    /// <summary>
    /// The preload looks for a queue's expired messages only once its earliest expiry has passed: a message put with a
    /// short time to live after the queue's earliest expiry was known (a long-lived message, a receive) must still
    /// expire on time, as must one put before; the long-lived ones stay, and another queue's are untouched.
    /// </summary>
    [Fact]
    public async Task Queue_messages_expire_on_time_after_the_queues_earliest_expiry_was_known()
    {
        await using var queues = await ScratchQueues.CreateAsync(LocalHostFixture.StorageConnectionString);
        var (queue, other) = (queues.Queue, queues.Other);
        await queue.SendMessageAsync("long-1");
        await other.SendMessageAsync("other-short", timeToLive: TimeSpan.FromSeconds(2));
        Assert.Single((await queue.PeekMessagesAsync(32)).Value); // the queue's earliest expiry is now known: 7 days away
        await queue.SendMessageAsync("short-1", timeToLive: TimeSpan.FromSeconds(2));
        await queue.SendMessageAsync("long-2");
        await queue.SendMessageAsync("short-2", timeToLive: TimeSpan.FromSeconds(2));
        Assert.Equal(["long-1", "short-1", "long-2", "short-2"], (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()));

        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(["long-1", "long-2"], (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString()));
        await queue.SendMessageAsync("short-3", timeToLive: TimeSpan.FromSeconds(2));
        Assert.Equal(["long-1", "long-2", "short-3"], (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value.Select(m => m.Body.ToString()));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(["long-1", "long-2"], (await queue.ReceiveMessagesAsync(32)).Value.Select(m => m.Body.ToString()));
        Assert.Empty((await other.PeekMessagesAsync(32)).Value);
    }

    /// <summary>
    /// The preload's messages by id and per-queue heap (scripts/azurite-queue-index.cjs): a message made visible again by
    /// an update comes after the ones visible before it, with its new text; a delete or an update with a stale pop
    /// receipt is refused as stock refuses it, a deleted message is not found; more expired messages than one short
    /// removal holds are removed together and the rest still come in order; another queue is untouched. Under the test
    /// command (each answer compared with stock's) and on an Azurite of its own with the preloads as they run elsewhere.
    /// </summary>
    [Fact]
    public async Task Queue_updates_and_deletes_by_id_keep_receives_in_order_under_the_test_command() =>
        await QueueUpdatesAndDeletesAsync(LocalHostFixture.StorageConnectionString);

    /// <inheritdoc cref="Queue_updates_and_deletes_by_id_keep_receives_in_order_under_the_test_command"/>
    [Fact]
    public async Task Queue_updates_and_deletes_by_id_keep_receives_in_order_with_the_preloads_as_they_run_outside_tests()
    {
        await using var azurite = await AzuriteProcess.StartAsync(onDisk: false, preloads: true);
        await QueueUpdatesAndDeletesAsync(azurite.ConnectionString);
    }

    private static async Task QueueUpdatesAndDeletesAsync(string connection)
    {
        await using var queues = await ScratchQueues.CreateAsync(connection);
        var (queue, other) = (queues.Queue, queues.Other);
        for (var i = 0; i < 40; i++)
        {
            await queue.SendMessageAsync($"m{i:D2}");
        }

        await other.SendMessageAsync("o00");
        var first = (await queue.ReceiveMessagesAsync(10, TimeSpan.FromMinutes(5))).Value;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"m{i:D2}"), first.Select(m => m.Body.ToString()));

        // m03 visible again as it was, then m05 with a new text; m01's update leaves its old pop receipt stale.
        await queue.UpdateMessageAsync(first[3].MessageId, first[3].PopReceipt, visibilityTimeout: TimeSpan.Zero);
        await Task.Delay(20);
        await queue.UpdateMessageAsync(first[5].MessageId, first[5].PopReceipt, "m05-updated", TimeSpan.Zero);
        var m01 = (await queue.UpdateMessageAsync(first[1].MessageId, first[1].PopReceipt, visibilityTimeout: TimeSpan.FromMinutes(5))).Value;
        var stale = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first[1].MessageId, first[1].PopReceipt));
        Assert.Equal(400, stale.Status);
        await Assert.ThrowsAsync<RequestFailedException>(() => queue.UpdateMessageAsync(first[1].MessageId, first[1].PopReceipt, "x", TimeSpan.Zero));
        await queue.DeleteMessageAsync(first[1].MessageId, m01.PopReceipt);
        var gone = await Assert.ThrowsAsync<RequestFailedException>(() => queue.DeleteMessageAsync(first[1].MessageId, m01.PopReceipt));
        Assert.Equal(404, gone.Status);

        // Twenty messages that expire, more than one short removal takes; the rest must come in order after them.
        for (var i = 0; i < 20; i++)
        {
            await queue.SendMessageAsync($"x{i:D2}", timeToLive: TimeSpan.FromSeconds(2));
        }

        await queue.SendMessageAsync("m40");
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rest = new List<(string Body, long DequeueCount)>();
        for (var batch = (await queue.ReceiveMessagesAsync(7, TimeSpan.FromMinutes(5))).Value; batch.Length > 0;
             batch = (await queue.ReceiveMessagesAsync(7, TimeSpan.FromMinutes(5))).Value)
        {
            rest.AddRange(batch.Select(m => (m.Body.ToString(), m.DequeueCount)));
            foreach (var message in batch)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        var expected = Enumerable.Range(10, 30).Select(i => ($"m{i:D2}", 1L)).Append(("m03", 2L)).Append(("m05-updated", 2L)).Append(("m40", 1L));
        Assert.Equal(expected, rest);
        Assert.Equal(["o00"], (await other.ReceiveMessagesAsync(32)).Value.Select(m => m.Body.ToString()));
    }

    /// <summary>The entities the table should hold, in Table Storage's order (PartitionKey, then RowKey, by character).</summary>
    private sealed class Model
    {
        private readonly SortedDictionary<(string Partition, string Row), Dictionary<string, object>> entities = new(new KeyOrder());

        public IReadOnlyList<(string Partition, string Row)> Keys => [.. entities.Keys];

        public void Set(string partition, string row, params (string Name, object Value)[] properties) =>
            entities[(partition, row)] = properties.ToDictionary(property => property.Name, property => property.Value);

        public void Merge(string partition, string row, params (string Name, object Value)[] properties)
        {
            var entity = entities[(partition, row)];
            foreach (var (name, value) in properties)
            {
                entity[name] = value;
            }
        }

        public void Remove(string partition, string row) => Assert.True(entities.Remove((partition, row)));

        public List<string> Select(Func<string, string, IReadOnlyDictionary<string, object>, bool> selects) =>
            entities.Where(entity => selects(entity.Key.Partition, entity.Key.Row, entity.Value))
                .Select(entity => Describe(entity.Key.Partition, entity.Key.Row, entity.Value)).ToList();

        public string Describe(string partition, string row) =>
            entities.TryGetValue((partition, row), out var properties) ? Describe(partition, row, properties) : $"{partition}/{row} absent";

        public static string Describe(string partition, string row, IEnumerable<KeyValuePair<string, object>> properties) =>
            $"{partition}/{row} {{{string.Join(", ", properties.OrderBy(property => property.Key, StringComparer.Ordinal)
                .Select(property => $"{property.Key}={Convert.ToString(property.Value, CultureInfo.InvariantCulture)}"))}}}";

        private sealed class KeyOrder : IComparer<(string Partition, string Row)>
        {
            public int Compare((string Partition, string Row) x, (string Partition, string Row) y)
            {
                var partition = string.CompareOrdinal(x.Partition, y.Partition);
                return partition != 0 ? partition : string.CompareOrdinal(x.Row, y.Row);
            }
        }
    }

    /// <summary>
    /// Two queues of the test's own, deleted at the end. Their messages are Base64-encoded as the host's are, so another
    /// test reading every queue meanwhile (StorageScanTests) can decode them.
    /// </summary>
    private sealed class ScratchQueues : IAsyncDisposable
    {
        private ScratchQueues(QueueClient queue, QueueClient other) => (Queue, Other) = (queue, other);

        public QueueClient Queue { get; }

        public QueueClient Other { get; }

        public static async Task<ScratchQueues> CreateAsync(string connection)
        {
            var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
            var queues = new ScratchQueues(new QueueClient(connection, "idx" + Guid.NewGuid().ToString("N"), options),
                new QueueClient(connection, "idx" + Guid.NewGuid().ToString("N"), options));
            await queues.Queue.CreateAsync();
            await queues.Other.CreateAsync();
            return queues;
        }

        public async ValueTask DisposeAsync()
        {
            await Queue.DeleteAsync();
            await Other.DeleteAsync();
        }
    }

    /// <summary>A table of the test's own on the Azurite the tests run against, deleted at the end.</summary>
    private sealed class Scratch : IAsyncDisposable
    {
        private Scratch(TableClient table) => Table = table;

        public TableClient Table { get; }

        public static async Task<Scratch> CreateAsync()
        {
            var table = new TableClient(LocalHostFixture.StorageConnectionString, "idx" + Guid.NewGuid().ToString("N"));
            await table.CreateAsync();
            return new Scratch(table);
        }

        public async ValueTask DisposeAsync() => await Table.DeleteAsync();
    }
}
