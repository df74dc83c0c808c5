namespace Otrabotka.Domain;

/// <summary>A first-level unit: its KATO prefix (the first two digits of every KATO code in it) and names.</summary>
public sealed record RegionInfo(Region Region, string KatoPrefix, Text Name);

/// <summary>
/// The country's 17 regions and 3 cities of republican significance. KATO prefixes follow the
/// classifier as amended in 2022 for the new regions Abai (10), Jetisu (33) and Ulytau (62) [decision:
/// operator to confirm against the current КАТО edition; see docs/decisions/0002-rule-interpretations.md].
/// </summary>
public static class Regions
{
    public static readonly IReadOnlyList<RegionInfo> All =
    [
        new(Region.Abai, "10", new("Абай облысы", "Область Абай", "Abai Region")),
        new(Region.Akmola, "11", new("Ақмола облысы", "Акмолинская область", "Akmola Region")),
        new(Region.Aktobe, "15", new("Ақтөбе облысы", "Актюбинская область", "Aktobe Region")),
        new(Region.AlmatyRegion, "19", new("Алматы облысы", "Алматинская область", "Almaty Region")),
        new(Region.Atyrau, "23", new("Атырау облысы", "Атырауская область", "Atyrau Region")),
        new(Region.WestKazakhstan, "27", new("Батыс Қазақстан облысы", "Западно-Казахстанская область", "West Kazakhstan Region")),
        new(Region.Zhambyl, "31", new("Жамбыл облысы", "Жамбылская область", "Zhambyl Region")),
        new(Region.Jetisu, "33", new("Жетісу облысы", "Область Жетісу", "Zhetisu Region")),
        new(Region.Karaganda, "35", new("Қарағанды облысы", "Карагандинская область", "Karaganda Region")),
        new(Region.Kostanay, "39", new("Қостанай облысы", "Костанайская область", "Kostanay Region")),
        new(Region.Kyzylorda, "43", new("Қызылорда облысы", "Кызылординская область", "Kyzylorda Region")),
        new(Region.Mangystau, "47", new("Маңғыстау облысы", "Мангистауская область", "Mangystau Region")),
        new(Region.Pavlodar, "55", new("Павлодар облысы", "Павлодарская область", "Pavlodar Region")),
        new(Region.NorthKazakhstan, "59", new("Солтүстік Қазақстан облысы", "Северо-Казахстанская область", "North Kazakhstan Region")),
        new(Region.Turkestan, "61", new("Түркістан облысы", "Туркестанская область", "Turkestan Region")),
        new(Region.Ulytau, "62", new("Ұлытау облысы", "Область Ұлытау", "Ulytau Region")),
        new(Region.EastKazakhstan, "63", new("Шығыс Қазақстан облысы", "Восточно-Казахстанская область", "East Kazakhstan Region")),
        new(Region.Astana, "71", new("Астана қаласы", "Город Астана", "Astana")),
        new(Region.AlmatyCity, "75", new("Алматы қаласы", "Город Алматы", "Almaty")),
        new(Region.Shymkent, "79", new("Шымкент қаласы", "Город Шымкент", "Shymkent")),
    ];

    private static readonly RegionInfo[] ByRegion = BuildIndex();

    public static RegionInfo Of(Region region) => ByRegion[(int)region];

    private static RegionInfo[] BuildIndex()
    {
        var index = new RegionInfo[All.Count];
        foreach (var info in All)
        {
            index[(int)info.Region] = info;
        }

        return index;
    }
}
