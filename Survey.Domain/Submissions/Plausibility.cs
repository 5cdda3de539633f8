using System.Globalization;

namespace Survey.Domain.Submissions;

/// <summary>The thresholds of the plausibility rules (configurable: <c>Survey:Plausibility:*</c>).</summary>
/// <param name="RelativeChange">A change from the previous period larger than this share is flagged (0.5 = 50 %).</param>
/// <param name="MinimumRegions">The cross-region rule applies once this many other regions report the indicator.</param>
/// <param name="MadFactor">A value farther than this many scaled MADs from the median of the other regions is flagged.</param>
public sealed record PlausibilityOptions(decimal RelativeChange = 0.5m, int MinimumRegions = 8, decimal MadFactor = 3m);

/// <summary>How the other regions reported one indicator in the same period.</summary>
public sealed record PeerStatistics(int Count, decimal Median, decimal Mad);

/// <summary>A value that looks implausible and needs a justification before submit.</summary>
/// <param name="Key">The indicator.</param>
/// <param name="Rule"><c>change</c> (against the previous period) or <c>outlier</c> (against the other regions).</param>
/// <param name="Value">The value flagged.</param>
/// <param name="Reference">The previous value, or the median of the other regions.</param>
public sealed record PlausibilityFlag(string Key, string Rule, decimal Value, decimal Reference)
{
    /// <summary>The flag explained in the current UI language.</summary>
    public string Describe()
    {
        var id = CultureInfo.GetCultureInfo("id-ID");
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var value = Value.ToString("#,0.##", id);
        var reference = Reference.ToString("#,0.##", id);
        return Rule == PlausibilityRules.Change
            ? english ? $"{value} differs strongly from the previous period ({reference})." : $"{value} jauh berbeda dari periode sebelumnya ({reference})."
            : english ? $"{value} lies far from the other regions (median {reference})." : $"{value} jauh dari nilai daerah lain (median {reference}).";
    }
}

/// <summary>
/// The plausibility rules: a relative change from the previous period above the threshold, or a value
/// outside median ± k·1.4826·MAD of the other regions once enough regions report.
/// </summary>
public static class PlausibilityRules
{
    public const string Change = "change";
    public const string Outlier = "outlier";

    /// <summary>The flags of one value; empty when it looks plausible.</summary>
    public static IReadOnlyList<PlausibilityFlag> Check(string key, decimal value, decimal? previous, PeerStatistics? peers, PlausibilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flags = new List<PlausibilityFlag>();
        if (previous is { } p && (p == 0 ? value != 0 : Math.Abs(value - p) / Math.Abs(p) > options.RelativeChange))
        {
            flags.Add(new PlausibilityFlag(key, Change, value, p));
        }

        if (peers is { } s && s.Count >= options.MinimumRegions && s.Mad > 0 && Math.Abs(value - s.Median) > options.MadFactor * 1.4826m * s.Mad)
        {
            flags.Add(new PlausibilityFlag(key, Outlier, value, s.Median));
        }

        return flags;
    }
}

/// <summary>One thing that stops a submission, with where to fix it.</summary>
/// <param name="Key">The indicator key or programme id concerned.</param>
/// <param name="Dimension">The dimension whose page holds it.</param>
/// <param name="Message">What to do, in the current UI language.</param>
public sealed record BlockingItem(string Key, string Dimension, string Message);

/// <summary>The values a submission check needs about the other regions and the previous period, per indicator.</summary>
public sealed record PlausibilityContext(IReadOnlyDictionary<string, decimal> Previous, IReadOnlyDictionary<string, PeerStatistics> Peers);
