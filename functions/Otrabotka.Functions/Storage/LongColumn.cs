using Azure.Data.Tables;

namespace Otrabotka.Functions.Storage;

/// <summary>
/// A string column that may outgrow one table property (64 KB: 32,768 UTF-16 characters), e.g. the reminders of a
/// graduate with many documents waiting for their employers: stored as <c>Name</c>, <c>Name_2</c>, … of at most
/// <see cref="PartLength"/> characters each, with their count in <c>NameParts</c> (so a merge that writes fewer
/// parts than were stored is read correctly). A row written before this (no count) has one part. The whole entity
/// stays under Table Storage's 1 MB.
/// </summary>
public static class LongColumn
{
    public const int PartLength = 30_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        var parts = Math.Max(1, (text.Length + PartLength - 1) / PartLength);
        for (var part = 0; part < parts; part++)
        {
            var start = part * PartLength;
            entity[PartName(name, part)] = text.Substring(start, Math.Min(PartLength, text.Length - start));
        }

        entity[name + "Parts"] = parts;
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        var parts = entity.GetInt32(name + "Parts") ?? 1;
        return parts <= 1 ? first : first + string.Concat(Enumerable.Range(1, parts - 1).Select(part => entity.GetString(PartName(name, part)) ?? ""));
    }

    private static string PartName(string name, int part) => part == 0 ? name : $"{name}_{part + 1}";
}
