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
/// most <see cref="IntakeSettings.EmployerAddressesPerDay"/> distinct addresses. One counter row per
/// graduate and day (ETag-conditional, so concurrent requests cannot overshoot); addresses are kept
/// only as hashes.
/// </summary>
public sealed class EmployerMailQuota(StorageClients storage, IOptions<IntakeSettings> settings, TimeProvider time)
{
    private const int Attempts = 20;

    private TableClient Table => storage.Table(StorageNames.EmployerMailTable);

    /// <summary>
    /// Counts one employer e-mail to <paramref name="address"/>, or refuses it with the time until the next
    /// Almaty day. A retry of a request already counted (same <paramref name="requestKey"/>, e.g. its
    /// Idempotency-Key) is not counted again.
    /// </summary>
    public async Task<QuotaDecision> TryReserveAsync(string graduateId, string address, string? requestKey, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var day = Almaty.DateOf(now);
        var rowKey = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var addressKey = Hash(address.Trim().ToLowerInvariant());
        var request = requestKey is null ? null : Hash(requestKey);
        var reservation = new Reservation(now, day, rowKey, addressKey, request);
        var first = true;
        return await RetryPolicy.RunAsync(
            token =>
            {
                var tryInsert = first;
                first = false;
                return ReserveOnceAsync(graduateId, reservation, tryInsert, token);
            },
            () => new QuotaDecision(false, TimeSpan.FromSeconds(1)),
            cancellationToken,
            Attempts);
    }

    private sealed record Reservation(DateTimeOffset Now, DateOnly Day, string RowKey, string AddressKey, string? Request);

    private async Task<QuotaDecision> ReserveOnceAsync(string graduateId, Reservation reservation, bool tryInsert, CancellationToken cancellationToken)
    {
        if (tryInsert && await FirstOfTheDayAsync(graduateId, reservation, cancellationToken))
        {
            return QuotaDecision.Yes;
        }

        var found = await Table.GetEntityIfExistsAsync<TableEntity>(graduateId, reservation.RowKey, cancellationToken: cancellationToken);
        var existing = found.HasValue ? found.Value : null;
        var count = existing?.GetInt32("Count") ?? 0;
        var addresses = (existing?.GetString("Addresses") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        var requests = (existing?.GetString("Requests") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (reservation.Request is { } request && requests.Contains(request, StringComparer.Ordinal))
        {
            return QuotaDecision.Yes;
        }

        var isNew = !addresses.Contains(reservation.AddressKey, StringComparer.Ordinal);
        if (count >= settings.Value.EmployerMailsPerDay || (isNew && addresses.Count >= settings.Value.EmployerAddressesPerDay))
        {
            return new QuotaDecision(false, UntilNextDay(reservation.Now, reservation.Day));
        }

        if (isNew)
        {
            addresses.Add(reservation.AddressKey);
        }

        if (reservation.Request is { } added)
        {
            requests.Add(added);
        }

        var entity = new TableEntity(graduateId, reservation.RowKey) { ["Count"] = count + 1, ["Addresses"] = string.Join(',', addresses), ["Requests"] = string.Join(',', requests) };
        try
        {
            await (existing is null
                ? Table.AddEntityAsync(entity, cancellationToken)
                : Table.UpdateEntityAsync(entity, existing.ETag, TableUpdateMode.Replace, cancellationToken));
            return QuotaDecision.Yes;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Another request counted first: the retry policy reads again, a little later.
            throw new ConcurrentChangeException("The employer-mail counter changed concurrently.", ex);
        }
    }

    /// <summary>
    /// The graduate's first employer e-mail of the day inserts the day's counter at once (one call instead of a read
    /// that finds nothing and then the insert); when the row exists the insert fails and the counter is read as before.
    /// A limit below one refuses everything, so it never takes this path.
    /// </summary>
    private async Task<bool> FirstOfTheDayAsync(string graduateId, Reservation reservation, CancellationToken cancellationToken)
    {
        if (settings.Value.EmployerMailsPerDay < 1 || settings.Value.EmployerAddressesPerDay < 1)
        {
            return false;
        }

        var entity = new TableEntity(graduateId, reservation.RowKey) { ["Count"] = 1, ["Addresses"] = reservation.AddressKey, ["Requests"] = reservation.Request ?? "" };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
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
