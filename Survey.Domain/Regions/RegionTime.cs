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
    private static readonly HashSet<string> WitaProvinces = ["51", "52", "53", "63", "64", "65", "71", "72", "73", "74", "75", "76"];

    public static IndonesianTimeZone Of(string regionCode)
    {
        ArgumentNullException.ThrowIfNull(regionCode);
        var province = regionCode.Length >= 2 ? regionCode[..2] : regionCode;
        return WitaProvinces.Contains(province) ? IndonesianTimeZone.Wita
            : province is ['8', _] or ['9', _] ? IndonesianTimeZone.Wit
            : IndonesianTimeZone.Wib;
    }
}
