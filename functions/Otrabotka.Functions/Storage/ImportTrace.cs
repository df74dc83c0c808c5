using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The phases of an import chunk and of a feed chunk (feed-chunk: feed-read, feed-graduates, feed-sync, feed-record) as <see cref="Activity"/> spans (source <see cref="SourceName"/>): free when nothing
/// listens, so production logs stay as they are. A listener (the import benchmark) that puts a <see cref="StrongBox{T}"/>
/// of long under <see cref="CallsProperty"/> on a span gets the storage calls made inside it counted there by
/// <see cref="StorageCallCounter"/>.
/// </summary>
public static class ImportTrace
{
    public const string SourceName = "Otrabotka.Import";
    public const string CallsProperty = "otrabotka.storage-calls";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a phase span (null when nothing listens); dispose it to end the phase.</summary>
    public static Activity? Phase(string name) => Source.StartActivity(name);

    /// <summary>Counts one storage call on the innermost listened span that carries a call counter.</summary>
    internal static void CountCall()
    {
        for (var span = Activity.Current; span is not null; span = span.Parent)
        {
            if (span.GetCustomProperty(CallsProperty) is StrongBox<long> calls)
            {
                Interlocked.Increment(ref calls.Value);
                return;
            }
        }
    }
}
