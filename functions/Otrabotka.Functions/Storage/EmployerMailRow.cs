using System.Globalization;
using Azure.Data.Tables;
using Otrabotka.Functions.Notifications;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// The day's employer-mail count of a graduate: the row <c>live|mail|{graduateId}</c> in their partition (a row key
/// of its own, ADR 0022), replaced when a new day starts counting.
/// </summary>
public static class EmployerMailRow
{
    public const string Prefix = GraduateStore.LivePrefix + "mail|";

    public static string Key(string graduateId) => Prefix + graduateId;

    public static EmployerMailCount Of(TableEntity entity) => new(
        DateOnly.TryParseExact(entity.GetString("Day"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : DateOnly.MinValue,
        entity.GetInt32("Count") ?? 0,
        Split(entity.GetString("Addresses")),
        Split(entity.GetString("Requests")),
        entity.ETag);

    public static TableEntity ToEntity(string graduateId, EmployerMailCount count) => new(graduateId, Key(graduateId))
    {
        ["Day"] = GraduateStore.Iso(count.Day),
        ["Count"] = count.Count,
        ["Addresses"] = string.Join(',', count.Addresses),
        ["Requests"] = string.Join(',', count.Requests),
    };

    private static string[] Split(string? list) => (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
}
