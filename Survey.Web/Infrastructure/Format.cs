using System.Globalization;

namespace Survey.Web.Infrastructure;

/// <summary>Numbers as users read them: id-ID (decimal comma, dot for thousands), whatever the UI language.</summary>
public static class Format
{
    /// <summary>A number with up to <paramref name="decimals"/> decimals, e.g. <c>1.234,5</c>.</summary>
    public static string Number(decimal value, int decimals = 4) =>
        value.ToString("#,0." + new string('#', decimals), ServiceRegistration.FormatCulture);

    /// <summary>
    /// An indicator value as people read it: two decimals at most from 1 up (<c>12,35</c>, <c>1.234,5</c>), three
    /// significant digits below 1 so that small rates keep their meaning (<c>0,0123</c>), never more than four decimals.
    /// </summary>
    public static string Value(decimal value)
    {
        var magnitude = Math.Abs(value);
        var decimals = magnitude >= 1 || magnitude == 0 ? 2 : Math.Min(4, 2 - (int)Math.Floor(Math.Log10((double)magnitude)));
        return Number(Math.Round(value, decimals, MidpointRounding.AwayFromZero), decimals);
    }

    /// <summary>A share 0-1 as a percentage, e.g. 0.5 as <c>50 %</c>.</summary>
    public static string Percent(decimal fraction) =>
        (fraction * 100).ToString("#,0.##", ServiceRegistration.FormatCulture) + " %";

    /// <summary>A number with exactly two decimals, the display precision of scores (e.g. <c>3,42</c>).</summary>
    public static string Score(decimal value) => value.ToString("#,0.00", ServiceRegistration.FormatCulture);

    /// <summary>The culture-neutral form for attributes and machine-readable places.</summary>
    /// <summary>A moment in Western Indonesian Time (as the other pages show it until regions carry their zone), id-ID.</summary>
    public static string DateTime(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(7)).ToString("d MMM yyyy HH.mm", ServiceRegistration.FormatCulture) + " WIB";

    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
