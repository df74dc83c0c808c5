using Microsoft.Extensions.Time.Testing;
using Otrabotka.Domain;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// ADR 0032: an upload's validation answers a registry entry (or its absence) read by this instance within the last
/// minute without a call; an edit made through this instance is seen at once, one made elsewhere within the minute.
/// On Azurite, through the store's own table; each instance of the store is an instance of the app.
/// </summary>
[Collection(LocalHostCollection.Name)]
public sealed class RegistryRecentReadTests(LocalHostFixture host)
{
    [Fact]
    public async Task An_entry_read_within_the_minute_is_answered_again_and_an_edit_elsewhere_is_seen_once_it_has_passed()
    {
        var clock = new FakeTimeProvider();
        var here = new EmployerRegistryStore(host.Storage, clock);
        var elsewhere = new EmployerRegistryStore(host.Storage);
        var bin = Bin.Parse(Api.ValidBin()).Value;

        Assert.Null(await here.FindRecentAsync(bin, CancellationToken.None));
        await elsewhere.PutAsync(Entry(bin, "Ауылдық мектеп"), "job-1", CancellationToken.None);

        // Not read again: the table has the entry, this instance still answers what it read.
        Assert.Null(await here.FindRecentAsync(bin, CancellationToken.None));
        Assert.NotNull(await elsewhere.FindAsync(bin, CancellationToken.None));

        clock.Advance(EmployerRegistryStore.RecentFor);
        Assert.Equal("Ауылдық мектеп", (await here.FindRecentAsync(bin, CancellationToken.None))?.Name);

        // The plain read never remembers: the operators' pages and the feed see the table as it is.
        await elsewhere.PutAsync(Entry(bin, "Қалалық банк"), "job-2", CancellationToken.None);
        Assert.Equal("Қалалық банк", (await here.FindAsync(bin, CancellationToken.None))?.Name);
        Assert.Equal("Ауылдық мектеп", (await here.FindRecentAsync(bin, CancellationToken.None))?.Name);
    }

    [Fact]
    public async Task This_instance_s_own_edit_replaces_what_it_remembers_at_once()
    {
        var clock = new FakeTimeProvider();
        var store = new EmployerRegistryStore(host.Storage, clock);
        var bin = Bin.Parse(Api.ValidBin()).Value;

        Assert.Null(await store.FindRecentAsync(bin, CancellationToken.None));
        await store.PutAsync(Entry(bin, "Ауылдық мектеп"), "job-1", CancellationToken.None);
        Assert.Equal("Ауылдық мектеп", (await store.FindRecentAsync(bin, CancellationToken.None))?.Name);

        await store.PutAsync(Entry(bin, "Қалалық банк"), "job-2", CancellationToken.None);
        Assert.Equal("Қалалық банк", (await store.FindRecentAsync(bin, CancellationToken.None))?.Name);
    }

    private static EmployerRegistryEntry Entry(Bin bin, string name) =>
        new(bin, name, [OrganisationKind.Education], Ownership.State, Region.Akmola, SettlementType.Village, null, [], "test", new DateOnly(2026, 11, 1));
}
