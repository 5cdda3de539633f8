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

    /// <summary>A moment in the viewer's time zone (<see cref="ViewerTime"/>), id-ID, e.g. <c>3 Des 2026 14.05 WITA</c>.</summary>
    public static string DateTime(DateTimeOffset at) => Local(at, "d MMM yyyy HH.mm");

    /// <summary>A moment with seconds, for logs of events (sign-ins).</summary>
    public static string DateTimeSeconds(DateTimeOffset at) => Local(at, "d MMM yyyy HH.mm.ss");

    /// <summary>The time of day only, e.g. <c>14.05 WIB</c> (for "saved at").</summary>
    public static string Time(DateTimeOffset at) => Local(at, "HH.mm");

    /// <summary>The culture-neutral form for attributes and machine-readable places.</summary>
    public static string Invariant(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A calendar day as people read it (<c>31 Okt 2026</c>), in the UI language.</summary>
    public static string Date(DateOnly day) =>
        day.ToString("d MMM yyyy", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? CultureInfo.GetCultureInfo("en-GB") : ServiceRegistration.FormatCulture);

    /// <summary>An amount of money in rupiah (<c>Rp 35.000.000</c>).</summary>
    public static string Rupiah(decimal amount) => "Rp " + amount.ToString("#,0.##", ServiceRegistration.FormatCulture);

    private static string Local(DateTimeOffset at, string format) =>
        ViewerTime.Zone.Local(at).ToString(format, ServiceRegistration.FormatCulture) + " " + ViewerTime.Zone.Name;
}
