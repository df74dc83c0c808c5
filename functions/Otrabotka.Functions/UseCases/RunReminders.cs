using Azure;
using Azure.Data.Tables;
using Otrabotka.Functions.Storage;

namespace Otrabotka.Functions.UseCases;

/// <summary>
/// The daily reminder run for one Almaty date. A run is recorded by inserting a row keyed by the date:
/// a second firing for the same date (a retried or overlapping timer) finds the row and does nothing.
/// </summary>
public sealed class RunReminders(StorageClients storage, TimeProvider time)
{
    public static readonly TimeZoneInfo Almaty = TimeZoneInfo.FindSystemTimeZoneById("Asia/Almaty");

    public DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Almaty).DateTime);

    public async Task<bool> RunAsync(DateOnly date, string trigger, CancellationToken cancellationToken)
    {
        var table = storage.Table(StorageNames.ReminderRunsTable);
        var row = new TableEntity("run", date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
        {
            ["Trigger"] = trigger,
            ["StartedAt"] = time.GetUtcNow(),
        };
        try
        {
            await table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        return true;
    }
}
