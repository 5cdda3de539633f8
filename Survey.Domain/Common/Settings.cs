using System.Globalization;

namespace Survey.Domain.Common;

/// <summary>A settings class that can say what is wrong with its values, in one sentence naming the setting.</summary>
public interface ISettings
{
    /// <summary>The first invalid value as one sentence, or <c>null</c> when all are valid.</summary>
    string? Problem();
}

/// <summary>The plausibility checks of the submit checklist (<c>Survey:Plausibility</c>).</summary>
public sealed class PlausibilitySettings : ISettings
{
    public const string Section = "Survey:Plausibility";

    /// <summary>A change against the previous period above this share is flagged (0.5: 50 %).</summary>
    public decimal RelativeChange { get; set; } = 0.5m;

    /// <summary>The fewest peer regions for the comparison with the median.</summary>
    public int MinimumRegions { get; set; } = 8;

    /// <summary>How many median absolute deviations from the peers' median are flagged.</summary>
    public decimal MadFactor { get; set; } = 3m;

    public Submissions.PlausibilityOptions ToOptions() => new(RelativeChange, MinimumRegions, MadFactor);

    public string? Problem() =>
        RelativeChange <= 0 ? $"{Section}:RelativeChange must be greater than 0 (it is {RelativeChange.ToString(CultureInfo.InvariantCulture)})."
        : MinimumRegions < 2 ? $"{Section}:MinimumRegions must be at least 2 (it is {MinimumRegions})."
        : MadFactor <= 0 ? $"{Section}:MadFactor must be greater than 0 (it is {MadFactor.ToString(CultureInfo.InvariantCulture)})."
        : null;
}

/// <summary>The score read model (<c>Survey:Scores</c>).</summary>
public sealed class ScoreSettings : ISettings
{
    public const string Section = "Survey:Scores";

    /// <summary>Whether the open periods' scores are computed at start.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>How long the live comparison groups are served before they are recomputed (0: never cached).</summary>
    public int ComparisonCacheSeconds { get; set; } = 60;

    public string? Problem() =>
        ComparisonCacheSeconds is < 0 or > 86_400 ? $"{Section}:ComparisonCacheSeconds must lie between 0 and 86400 (it is {ComparisonCacheSeconds})." : null;
}
