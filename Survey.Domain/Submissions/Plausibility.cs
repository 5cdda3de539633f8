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
/// <param name="Rule"><c>change</c> (against the previous period), <c>outlier</c> (against the other regions) or
/// <c>beyond_goalposts</c> (more than ten times the larger goalpost: usually a rate typed with the wrong denominator).</param>
/// <param name="Value">The value flagged.</param>
/// <param name="Reference">The previous value, the median of the other regions, or the larger goalpost.</param>
/// <param name="Informational">The flag appeared on a value the coordinator may not change (a returned submission's
/// locked value, after other regions' data moved the median): it goes to the evaluator as information and demands
/// no justification.</param>
public sealed record PlausibilityFlag(string Key, string Rule, decimal Value, decimal Reference, bool Informational = false)
{
    /// <summary>The flag explained in the current UI language.</summary>
    public string Describe()
    {
        var id = CultureInfo.GetCultureInfo("id-ID");
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var value = Value.ToString("#,0.##", id);
        var reference = Reference.ToString("#,0.##", id);
        return Rule switch
        {
            PlausibilityRules.Change => english ? $"{value} differs strongly from the previous period ({reference})." : $"{value} jauh berbeda dari periode sebelumnya ({reference}).",
            PlausibilityRules.BeyondGoalposts => english
                ? $"{value} is more than ten times the methodology's goalpost ({reference}): check the unit and that the denominator is the count itself (e.g. the population, not the population / 100 000)."
                : $"{value} lebih dari sepuluh kali batas metodologi ({reference}): periksa satuannya dan pastikan penyebut adalah jumlahnya sendiri (misalnya jumlah penduduk, bukan jumlah penduduk / 100.000).",
            _ => english ? $"{value} lies far from the other regions (median {reference})." : $"{value} jauh dari nilai daerah lain (median {reference}).",
        };
    }
}

/// <summary>
/// The plausibility rules: a relative change from the previous period above the threshold, a value outside
/// median ± k·1.4826·MAD of the other regions once enough regions report, or a value more than ten times the
/// larger of the methodology's goalposts (a value no region plausibly has: most often a rate per 100 000 whose
/// denominator was typed already divided).
/// </summary>
public static class PlausibilityRules
{
    public const string Change = "change";
    public const string Outlier = "outlier";
    public const string BeyondGoalposts = "beyond_goalposts";

    /// <summary>How many times the larger goalpost a value may reach before it is flagged.</summary>
    public const decimal GoalpostFactor = 10m;

    /// <summary>The flags of one value; empty when it looks plausible.</summary>
    /// <param name="key">The indicator.</param>
    /// <param name="value">The value entered.</param>
    /// <param name="previous">The region's value of the previous period, if any.</param>
    /// <param name="peers">How the other regions reported the indicator, if known.</param>
    /// <param name="options">The thresholds.</param>
    /// <param name="goalposts">The indicator's mapping in the methodology, when it has one.</param>
    public static IReadOnlyList<PlausibilityFlag> Check(string key, decimal value, decimal? previous, PeerStatistics? peers, PlausibilityOptions options, Methodology.IndicatorMapping? goalposts = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var flags = new List<PlausibilityFlag>();
        if (goalposts is { } g && Math.Max(g.Best, g.Worst) is var bound and > 0 && value > GoalpostFactor * bound)
        {
            flags.Add(new PlausibilityFlag(key, BeyondGoalposts, value, bound));
        }

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
