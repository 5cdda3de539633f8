namespace Survey.Domain.Regions;

/// <summary>One of Indonesia's three time zones.</summary>
/// <param name="Name">WIB, WITA or WIT.</param>
/// <param name="Offset">UTC+7, +8 or +9 (Indonesia keeps no daylight saving time).</param>
public sealed record IndonesianTimeZone(string Name, TimeSpan Offset)
{
    public static readonly IndonesianTimeZone Wib = new("WIB", TimeSpan.FromHours(7));
    public static readonly IndonesianTimeZone Wita = new("WITA", TimeSpan.FromHours(8));
    public static readonly IndonesianTimeZone Wit = new("WIT", TimeSpan.FromHours(9));

    /// <summary>The moment in this zone.</summary>
    public DateTimeOffset Local(DateTimeOffset moment) => moment.ToOffset(Offset);

    /// <summary>The last minute of a day in this zone (a period's entry closes at 23.59 local time).</summary>
    public DateTimeOffset EndOf(DateOnly day) => new(day.ToDateTime(new TimeOnly(23, 59)), Offset);
}

/// <summary>
/// A region's time zone from its province (the first two digits of its Kemendagri code): WITA for Bali, the
/// Nusa Tenggara, South, East and North Kalimantan and Sulawesi; WIT for Maluku and Papua; WIB elsewhere
/// (Sumatra, Java, West and Central Kalimantan), as Keppres 41/1987 divides the country.
/// </summary>
public static class RegionTime
{
    // The table ships inside the assembly (Regions/time-zones.csv): province code, name, zone.
    private static readonly Dictionary<string, IndonesianTimeZone> ByProvince = Load();

    public static IndonesianTimeZone Of(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        var province = regionCode.Length >= 2 ? regionCode[..2] : regionCode;
        return ByProvince.GetValueOrDefault(province) ?? IndonesianTimeZone.Wib;
    }

    /// <summary>The zone of each province code, as the data file lists them.</summary>
    public static IReadOnlyDictionary<string, IndonesianTimeZone> Provinces => ByProvince;

    private static Dictionary<string, IndonesianTimeZone> Load()
    {
        using var stream = typeof(RegionTime).Assembly.GetManifestResourceStream("Survey.Domain.Regions.time-zones.csv")
            ?? throw new InvalidOperationException("The time-zone table is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var zones = new[] { IndonesianTimeZone.Wib, IndonesianTimeZone.Wita, IndonesianTimeZone.Wit }.ToDictionary(z => z.Name, StringComparer.Ordinal);
        var table = new Dictionary<string, IndonesianTimeZone>(StringComparer.Ordinal);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var fields = line.Split(',');
            if (fields.Length == 3)
            {
                table[fields[0]] = zones[fields[2].Trim()];
            }
        }

        return table;
    }
}
