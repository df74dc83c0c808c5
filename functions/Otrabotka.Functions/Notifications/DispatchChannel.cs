using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;
using Otrabotka.Functions.UseCases;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// A commit's dispatch message handed to the process that committed it (ADR 0031): while <see cref="DispatchWorkers"/>
/// run, <see cref="Outbox.DispatchAsync"/> puts an undelayed message here instead of on the dispatch queue, saving the
/// queue's send, receive and delete. Bounded (<see cref="Capacity"/>): a full channel, or none open (no workers, or the
/// host stopping), answers false and the caller queues the message as before.
/// </summary>
public sealed class DispatchChannel
{
    public const int Capacity = 1024;

    private readonly Channel<string> channel = Channel.CreateBounded<string>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });
    private volatile bool open;

    /// <summary>Hands the message over; false when it must go to the queue.</summary>
    public bool TryHand(string message) => open && channel.Writer.TryWrite(message);

    internal ChannelReader<string> Reader => channel.Reader;

    internal void Open() => open = true;

    /// <summary>No message is taken any more; the ones taken are still read.</summary>
    internal void Close()
    {
        open = false;
        channel.Writer.TryComplete();
    }
}

/// <summary>
/// Runs the dispatch messages handed to <see cref="DispatchChannel"/> (Notifications:DispatchWorkers at a time) with the
/// queue trigger's own use case, so each e-mail is still sent once (ADR 0003's check and conditional record). A message
/// whose dispatch throws goes to the dispatch queue, whose retries and poison queue then apply as for any message. On
/// stop, the channel closes and the workers take nothing more; the messages not yet begun go to the queue at once, and
/// the ones begun are left to finish (never cancelled between an e-mail's send and its record) while the host's
/// shutdown allows. Should the process die first, the rows' pending notes bring them back through the outbox sweep.
/// </summary>
public sealed partial class DispatchWorkers(DispatchChannel channel, DispatchNotification dispatch, StorageClients storage, IOptions<NotificationSettings> settings, ILogger<DispatchWorkers> logger) : IHostedService
{
    private Task[] workers = [];
    private volatile bool draining;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var count = settings.Value.DispatchWorkers;
        if (count > 0)
        {
            channel.Open();
            workers = [.. Enumerable.Range(0, count).Select(_ => Task.Run(RunAsync, CancellationToken.None))];
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        draining = true;
        channel.Close();
        var left = new List<string>();
        while (channel.Reader.TryRead(out var message))
        {
            left.Add(message);
        }

        await Task.WhenAll(left.Select(message => QueueAsync(message, cancellationToken))).ConfigureAwait(false);
        await Task.WhenAny(Task.WhenAll(workers), Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var reader = channel.Reader;
        while (!draining && await reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (!draining && reader.TryRead(out var message))
            {
                try
                {
                    // Not cancelled by the stop: a dispatch begun ends with its record, or an e-mail could go twice.
                    await dispatch.RunAsync(message, CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // Whatever failed, the message goes to the queue and its retries.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogQueued(logger, ex);
                    await QueueAsync(message, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task QueueAsync(string message, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Queue(StorageNames.DispatchQueue).SendMessageAsync(message, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The rows' pending notes are the last net: the outbox sweep queues them again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogLeftToSweep(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An in-process dispatch failed; its message goes to the dispatch queue")]
    private static partial void LogQueued(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A dispatch message could not be queued; the outbox sweep sends its rows")]
    private static partial void LogLeftToSweep(ILogger logger, Exception exception);
}
