using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Otrabotka.Domain;
using Otrabotka.Functions.Configuration;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.Notifications;

/// <summary>
/// The Center's sender cannot be aimed at anyone: per graduate and Almaty day, at most
/// <see cref="IntakeSettings.EmployerMailsPerDay"/> employer e-mails (uploads, re-issues, reminders) to at
/// most <see cref="IntakeSettings.EmployerAddressesPerDay"/> distinct addresses. The count is one row in the
/// graduate's partition (<see cref="EmployerMailRow"/>), written ETag-conditionally so concurrent requests cannot
/// overshoot: a multipart upload counts in its own transaction (<see cref="Decide"/>), the other senders with
/// <see cref="TryReserveAsync"/>. Addresses and request keys are kept only as hashes.
/// </summary>
public sealed class EmployerMailQuota(StorageClients storage, IOptions<IntakeSettings> settings, TimeProvider time)
{
    private const int Attempts = 20;

    private TableClient Table => storage.Table(StorageNames.GraduatesTable);

    /// <summary>
    /// Counts one employer e-mail to <paramref name="address"/> on top of <paramref name="current"/> (the graduate's
    /// stored count, null when none): allowed with the count to store, or refused with the time until the next Almaty
    /// day. A request already counted (same <paramref name="requestKey"/>) is allowed and not counted again.
    /// </summary>
    public (QuotaDecision Decision, EmployerMailCount? Next) Decide(EmployerMailCount? current, string address, string? requestKey)
    {
        var now = time.GetUtcNow();
        var day = Almaty.DateOf(now);
        var count = current is { } stored && stored.Day == day ? stored : EmployerMailCount.None(day) with { ETag = current?.ETag };
        var addressKey = Hash(address.Trim().ToLowerInvariant());
        var request = requestKey is null ? null : Hash(requestKey);
        if (request is not null && count.Requests.Contains(request, StringComparer.Ordinal))
        {
            return (QuotaDecision.Yes, null);
        }

        var isNew = !count.Addresses.Contains(addressKey, StringComparer.Ordinal);
        if (count.Count >= settings.Value.EmployerMailsPerDay || (isNew && count.Addresses.Count >= settings.Value.EmployerAddressesPerDay))
        {
            return (new QuotaDecision(false, UntilNextDay(now, day)), null);
        }

        var next = count with
        {
            Count = count.Count + 1,
            Addresses = isNew ? [.. count.Addresses, addressKey] : count.Addresses,
            Requests = request is null ? count.Requests : [.. count.Requests, request],
        };
        return (QuotaDecision.Yes, next);
    }

    /// <summary>
    /// Counts one employer e-mail for a sender outside the graduate's own transaction (a re-issue, a direct upload's
    /// link, an employer reminder): the count's point read, then its conditional write, retried on a concurrent change.
    /// </summary>
    public Task<QuotaDecision> TryReserveAsync(string graduateId, string address, string? requestKey, CancellationToken cancellationToken) =>
        RetryPolicy.RunAsync(token => ReserveOnceAsync(graduateId, address, requestKey, token), () => new QuotaDecision(false, TimeSpan.FromSeconds(1)), cancellationToken, Attempts);

    private async Task<QuotaDecision> ReserveOnceAsync(string graduateId, string address, string? requestKey, CancellationToken cancellationToken)
    {
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(graduateId, EmployerMailRow.Key(graduateId), cancellationToken: cancellationToken);
        var (decision, next) = Decide(found.HasValue && found.Value is { } entity ? EmployerMailRow.Of(entity) : null, address, requestKey);
        if (next is null)
        {
            return decision;
        }

        var row = EmployerMailRow.ToEntity(graduateId, next);
        try
        {
            await (next.ETag is { } etag
                ? Table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, cancellationToken)
                : Table.AddEntityAsync(row, cancellationToken));
            return decision;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another request counted first: the retry policy reads again, a little later.
            throw new ConcurrentChangeException("The employer-mail counter changed concurrently.", ex);
        }
    }

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..20];

    private static TimeSpan UntilNextDay(DateTimeOffset now, DateOnly day)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var next = new DateTimeOffset(midnight, Almaty.Zone.GetUtcOffset(midnight));
        return next - now;
    }
}
