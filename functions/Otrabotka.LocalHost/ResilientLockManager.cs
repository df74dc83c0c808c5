using System.Net.Sockets;
using Microsoft.Azure.WebJobs.Host;

// The SDK marks its lock-manager seam "not ready for public consumption"; it is the one place to stand.
#pragma warning disable CS0618

namespace Otrabotka.LocalHost;

/// <summary>
/// L5: wraps the WebJobs SDK's blob-lease lock manager so that storage being unreachable is a failed
/// attempt, not a crash. The SDK's singleton renewal treats any non-5xx failure — a refused connection
/// included — as a lost lease and throws on a background loop, whose exception handler ends the process
/// about 30 s into an outage. Here an unreachable store makes a renewal "not yet" (retried sooner), an
/// acquisition "not acquired" (retried on the listener's schedule) and a release a no-op (the lease
/// expires by itself). When storage returns, the renewal of the same lease goes through. A real answer
/// from storage (409 lease lost, 403) still propagates as before.
/// </summary>
internal sealed partial class ResilientLockManager(IDistributedLockManager inner, ILogger<ResilientLockManager> logger) : IDistributedLockManager
{
    /// <summary>Wraps the lock manager the WebJobs storage services registered.</summary>
    public static void WrapRegistered(IServiceCollection services)
    {
        var original = services.Last(d => d.ServiceType == typeof(IDistributedLockManager));
        services.Remove(original);
        services.Add(new ServiceDescriptor(
            typeof(IDistributedLockManager),
            provider => new ResilientLockManager(Create(original, provider), provider.GetRequiredService<ILogger<ResilientLockManager>>()),
            original.Lifetime));
    }

    private static IDistributedLockManager Create(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (IDistributedLockManager)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));

    public async Task<IDistributedLock> TryLockAsync(string account, string lockId, string lockOwnerId, string proposedLeaseId, TimeSpan lockPeriod, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.TryLockAsync(account, lockId, lockOwnerId, proposedLeaseId, lockPeriod, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsUnreachable(exception))
        {
            LockUnreachable(logger, "acquire", lockId);
            return null!;
        }
    }

    public async Task<bool> RenewAsync(IDistributedLock lockHandle, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.RenewAsync(lockHandle, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested && IsUnreachable(exception))
        {
            LockUnreachable(logger, "renew", lockHandle.LockId);
            return false;
        }
    }

    public async Task ReleaseLockAsync(IDistributedLock lockHandle, CancellationToken cancellationToken)
    {
        try
        {
            await inner.ReleaseLockAsync(lockHandle, cancellationToken);
        }
        catch (Exception exception) when (IsUnreachable(exception))
        {
            LockUnreachable(logger, "release", lockHandle.LockId);
        }
    }

    public Task<string> GetLockOwnerAsync(string account, string lockId, CancellationToken cancellationToken) =>
        inner.GetLockOwnerAsync(account, lockId, cancellationToken);

    /// <summary>No answer from storage at all: a refused or dropped connection, a timeout, a DNS failure.</summary>
    internal static bool IsUnreachable(Exception exception) => exception switch
    {
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        Azure.RequestFailedException { Status: 0 } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(IsUnreachable),
        _ => exception.InnerException is { } inner && IsUnreachable(inner),
    };

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Storage unreachable: could not {Operation} the singleton lock {LockId}; retrying")]
    private static partial void LockUnreachable(ILogger logger, string operation, string lockId);
}
