namespace Survey.Domain.Scoring;

/// <summary>A region's place in the national ranking; incomplete results have no rank.</summary>
/// <param name="Rank">1-based competition rank among complete results (equal indexes share a rank), or <c>null</c>.</param>
/// <param name="Score">The region's score.</param>
public sealed record RankedScore(int? Rank, RegionScore Score);

/// <summary>Ranking and medians over the scores of many regions.</summary>
public static class Ranking
{
    /// <summary>
    /// Complete results first, by index descending, ranked 1, 2, 2, 4 …; then the incomplete results by
    /// index, without a rank (they are not comparable), and last the regions without any score.
    /// </summary>
    public static IReadOnlyList<RankedScore> Rank(IEnumerable<RegionScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var ordered = scores
            .OrderByDescending(s => s.Complete)
            .ThenByDescending(s => s.Index.HasValue)
            .ThenByDescending(s => s.Index)
            .ThenBy(s => s.Region, StringComparer.Ordinal)
            .ToList();
        var ranked = new List<RankedScore>(ordered.Count);
        int? previousRank = null;
        decimal? previousIndex = null;
        for (var i = 0; i < ordered.Count; i++)
        {
            var score = ordered[i];
            if (!score.Complete)
            {
                ranked.Add(new RankedScore(null, score));
                continue;
            }

            var rank = previousIndex == score.Index ? previousRank!.Value : i + 1;
            ranked.Add(new RankedScore(rank, score));
            (previousRank, previousIndex) = (rank, score.Index);
        }

        return ranked;
    }

    /// <summary>The median of <paramref name="values"/>, or <c>null</c> when there is none.</summary>
    public static decimal? Median(IEnumerable<decimal?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = new List<decimal>();
        foreach (var value in values)
        {
            if (value is { } present)
            {
                sorted.Add(present);
            }
        }

        if (sorted.Count == 0)
        {
            return null;
        }

        sorted.Sort();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }

    /// <summary>
    /// The medians of a group of regions: the index over complete results and each dimension over the regions
    /// that have it.
    /// </summary>
    public static GroupMedians MediansOf(IReadOnlyCollection<RegionScore> scores, IEnumerable<string> dimensions)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(dimensions);
        return new GroupMedians(
            scores.Count,
            Median(scores.Where(s => s.Complete).Select(s => s.Index)),
            dimensions.ToDictionary(d => d, d => Median(scores.Select(s => s.Dimension(d)?.Score)), StringComparer.Ordinal));
    }
}

/// <summary>Medians of a group of regions.</summary>
/// <param name="Regions">How many regions the group holds.</param>
/// <param name="Index">Median index (1-5) of the complete results.</param>
/// <param name="Dimensions">Median score per dimension code.</param>
public sealed record GroupMedians(int Regions, decimal? Index, IReadOnlyDictionary<string, decimal?> Dimensions);
