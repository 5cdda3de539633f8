using Survey.Domain.Periods;
using Survey.Domain.Recommendations;

namespace Survey.Domain.Obstacles;

/// <summary>One obstacle of a participating region in a period, as the national inventory reads it.</summary>
public sealed record NationalObstacleRow(
    Guid Id, string Region, string RegionName, string Province, int? Cohort, bool IsDemo, string? Dimension, string? ProgrammeName,
    string? Category, string Description, string SupportNeededFrom, string? SupportBody, string Status, bool NeedsUpdate);

/// <summary>The obstacles of one period by status, for the trend across semesters.</summary>
public sealed record ObstacleTrend(string Period, int Open, int InProgress, int Resolved)
{
    public int Total => Open + InProgress + Resolved;
}

/// <summary>A recommendation due in or before a period, with its follow-up there, as the national inventory reads it.</summary>
public sealed record NationalRecommendationRow(
    Guid Id, string Region, string RegionName, string Province, int? Cohort, bool IsDemo, string Text, string Priority, string DuePeriod, string? ClosedPeriod,
    string? FollowUpStatus, string? Verdict);

/// <summary>Set-based reads of every participating region's obstacles and recommendations.</summary>
public interface INationalObstacleRepository
{
    Task<IReadOnlyList<NationalObstacleRow>> ListAsync(string period, CancellationToken cancellationToken);

    /// <summary>The counts by status of the last <paramref name="periods"/> periods up to <paramref name="period"/>, oldest first.</summary>
    Task<IReadOnlyList<ObstacleTrend>> TrendAsync(string period, int periods, CancellationToken cancellationToken);

    /// <summary>The recommendations due by <paramref name="period"/> (written before it), with the period's follow-up.</summary>
    Task<IReadOnlyList<NationalRecommendationRow>> RecommendationsAsync(string period, CancellationToken cancellationToken);
}

/// <summary>One group of the national summary: its key, its label in words, how many obstacles, and examples.</summary>
public sealed record ObstacleGroup(string Key, string Label, int Count, int Open, int Resolved, int Regions, IReadOnlyList<NationalObstacleRow> Examples);

/// <summary>The share of due recommendations followed up in time (verified done by their due period) in a group.</summary>
public sealed record FollowUpShare(string Key, string Label, int Due, int InTime, int Closed)
{
    /// <summary>The share in time, 0-1; <c>null</c> when nothing was due.</summary>
    public double? Share => Due == 0 ? null : (double)InTime / Due;
}

/// <summary>
/// The ministry's national inventory of problems: obstacles grouped by category, dimension, province, cohort or the
/// support they need (what regions ask of the province or of each ministry), the most common first with examples;
/// and the follow-up of the recommendations by status and the share followed up in time per region, province and cohort.
/// </summary>
public static class NationalObstacles
{
    public const string Support = "support";

    public static readonly IReadOnlyList<string> Dimensions = ["category", "dimension", "province", "cohort", Support];

    /// <param name="rows">The period's obstacles.</param>
    /// <param name="by">One of <see cref="Dimensions"/>.</param>
    /// <param name="label">The label of a key (category or dimension names, "no cohort", …).</param>
    /// <param name="examples">How many examples per group (open ones first).</param>
    public static IReadOnlyList<ObstacleGroup> GroupBy(IEnumerable<NationalObstacleRow> rows, string by, Func<string, string> label, int examples = 3)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(label);
        Func<NationalObstacleRow, string> key = by switch
        {
            "category" => r => r.Category ?? string.Empty,
            "dimension" => r => r.Dimension ?? string.Empty,
            "province" => r => r.Province,
            "cohort" => r => r.Cohort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
            Support => r => r.SupportNeededFrom == SupportLevels.Ministry ? $"{SupportLevels.Ministry}:{r.SupportBody?.Trim()}" : r.SupportNeededFrom,
            _ => throw new ArgumentOutOfRangeException(nameof(by), by, "Unknown grouping."),
        };
        return rows
            .Where(r => by != Support || r.Status != ObstacleStatuses.Resolved)
            .GroupBy(key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ObstacleGroup(
                g.Key,
                label(g.Key),
                g.Count(),
                g.Count(r => r.Status != ObstacleStatuses.Resolved),
                g.Count(r => r.Status == ObstacleStatuses.Resolved),
                g.Select(r => r.Region).Distinct(StringComparer.Ordinal).Count(),
                g.OrderBy(r => r.Status == ObstacleStatuses.Resolved).ThenBy(r => r.RegionName, StringComparer.Ordinal).Take(examples).ToList()))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The recommendations that owe a follow-up in <paramref name="period"/> (due by then, not closed before it) by
    /// their follow-up there: done, in progress, not started, cannot, or none reported.
    /// </summary>
    public static IReadOnlyList<(string Status, int Count)> ByFollowUp(IEnumerable<NationalRecommendationRow> rows, string period)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Where(r => r.ClosedPeriod is null || string.CompareOrdinal(r.ClosedPeriod, period) >= 0).GroupBy(r => r.FollowUpStatus ?? "none").Select(g => (g.Key, g.Count()))
            .OrderBy(g => Array.IndexOf([FollowUpStatuses.Done, FollowUpStatuses.InProgress, FollowUpStatuses.NotStarted, FollowUpStatuses.Cannot, "none"], g.Key)).ToList();
    }

    /// <summary>Per group (region, province or cohort): how many were due, how many were verified done by their due period.</summary>
    public static IReadOnlyList<FollowUpShare> Shares(IEnumerable<NationalRecommendationRow> rows, Func<NationalRecommendationRow, (string Key, string Label)> group)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(group);
        return rows.GroupBy(group)
            .Select(g => new FollowUpShare(g.Key.Key, g.Key.Label, g.Count(),
                g.Count(r => r.ClosedPeriod is { } c && string.CompareOrdinal(c, r.DuePeriod) <= 0),
                g.Count(r => r.ClosedPeriod is not null)))
            .OrderBy(s => s.Share ?? 2).ThenBy(s => s.Label, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The periods of a trend ending in <paramref name="period"/>, oldest first.</summary>
    public static IReadOnlyList<string> TrendPeriods(string period, int count)
    {
        var periods = new List<string> { period };
        while (periods.Count < count)
        {
            periods.Insert(0, PeriodCodes.Previous(periods[0]));
        }

        return periods;
    }
}
