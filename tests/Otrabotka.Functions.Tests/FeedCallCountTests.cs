using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Otrabotka.Functions.Composition;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;
using Xunit.Abstractions;
using static Otrabotka.Functions.Tests.FeedApi;

namespace Otrabotka.Functions.Tests;

/// <summary>
/// The storage calls a feed chunk makes per row, counted by a pipeline policy on every client (blob, queue, table):
/// pinned, so a change that adds calls fails here and must raise the bound with a reason (BENCHMARKS.md).
/// </summary>
[Collection(FeedHostCollection.Name)]
public sealed class FeedCallCountTests(FeedHostFixture host, ITestOutputHelper output)
{
    /// <summary>
    /// A first import, per graduate: the IIN index, one query of the partition (profile, documents, months), the
    /// registry (once per chunk and BIN), the outbox's pending note, the one transaction, the dispatch message, and
    /// the reminder plan's refresh (profile, documents, plan read and write, the due rows it moves) — over 2 rows each;
    /// since the stop watch (ADR 0009) also the feed's coverage once per chunk, and per graduate either the watched
    /// employer's row or, when other tests' files already cover later months, the stop e-mail's dispatch message.
    /// </summary>
    public const double FirstImportCallsPerRow = 8.0;

    /// <summary>A re-import reads and writes nothing it does not need: the IIN index and the partition per graduate.</summary>
    public const double ReimportCallsPerRow = 1.1;

    [Fact]
    public async Task Storage_calls_per_feed_row_stay_within_the_pinned_bounds()
    {
        var feed = new FeedApi(host);
        var bin = Api.ValidBin();
        await feed.PutEmployerAsync(bin);
        var rows = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var (_, iin, _) = await feed.Api.RegisterAsync();
            rows.Add(Row(iin, bin, "2025-09"));
            rows.Add(Row(iin, bin, "2025-10"));
        }

        var counter = new StorageCallCounter();
        using var services = Services(counter);
        var chunk = services.GetRequiredService<ImportFeedChunk>();
        var text = File(rows);
        var received = TimeProvider.System.GetUtcNow();
        var fileId = Guid.NewGuid().ToString("N");

        var first = await chunk.RunAsync(new FeedFile("f" + Guid.NewGuid().ToString("N"), fileId, received), new StringReader(text), 2, CancellationToken.None);
        var firstCalls = counter.Total;
        var again = await chunk.RunAsync(new FeedFile("f" + Guid.NewGuid().ToString("N"), fileId, received), new StringReader(text), 2, CancellationToken.None);
        var againCalls = counter.Total - firstCalls;

        output.WriteLine($"first import: {(double)firstCalls / rows.Count:N2} calls per row; re-import: {(double)againCalls / rows.Count:N2}");
        Assert.Equal((20, 0), (first.Applied, first.Problems.Count));
        Assert.Equal((0, 20), (again.Applied, again.Unchanged));
        Assert.True((double)firstCalls / rows.Count <= FirstImportCallsPerRow, $"{firstCalls} calls for {rows.Count} rows");
        Assert.True((double)againCalls / rows.Count <= ReimportCallsPerRow, $"{againCalls} calls for {rows.Count} rows on re-import");
    }

    private static ServiceProvider Services(StorageCallCounter counter)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = FeedHostFixture.FeedConnectionString,
            ["SendGrid:ApiKey"] = "count",
            ["SendGrid:FromEmail"] = "count@otrabotka.test",
            ["Otrabotka:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Auth:SigningKey"] = "count-signing-key-0123456789abcdef0123",
            ["Intake:EmployerLinkKey"] = "count-employer-key-0123456789abcdef01",
            ["Feed:Parallelism"] = "4",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddOtrabotka(configuration);
        services.AddSingleton(sp => new StorageClients(sp.GetRequiredService<StorageConnection>(), counter: counter));
        services.AddDevelopmentEnvironment();
        return services.BuildServiceProvider();
    }
}
