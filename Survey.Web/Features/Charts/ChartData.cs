using Survey.Domain.Methodology;
using Survey.Domain.Scoring;
using Survey.Domain.Submissions;
using Survey.Domain.Surveys;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Charts;

/// <summary>A chart on a page: where it is drawn, the sentence that states its message, and its data.</summary>
public sealed record ChartView(string Url, string Alternative, ChartData Data, int Width = 800, int Height = 500);

/// <summary>Builds chart data and the sentence that says what each chart shows, from scores and data.</summary>
public static class ChartBuilder
{
    private static string Short(Dimension dimension) => dimension.Name.ToString().Split('(')[^1].TrimEnd(')').Trim();

    /// <summary>The six dimension scores of a region, with further outlines (national median, previous period).</summary>
    public static (ChartData Data, string Alternative) Radar(RegionScore score, ScoringMethodology methodology, IReadOnlyList<(string Name, IReadOnlyDictionary<string, decimal?> Scores)> others, string regionName)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(others);
        var dims = methodology.Dimensions;
        var series = new List<ChartSeries> { new(regionName, dims.Select(d => (double?)score.Dimension(d.Code)?.Score).ToList()) };
        series.AddRange(others.Select(o => new ChartSeries(o.Name, dims.Select(d => (double?)o.Scores.GetValueOrDefault(d.Code)).ToList())));
        var data = new ChartData("radar", UiText.Get("Charts.RadarTitle", regionName), dims.Select(Short).ToList(), series, [], 0, 100, UiText.Get("Charts.Score"));
        var available = dims.Where(d => score.Dimension(d.Code)?.Score is not null).ToList();
        string alternative;
        if (score.Index is not { } index || available.Count == 0)
        {
            alternative = UiText.Get("Charts.RadarEmpty", regionName);
        }
        else
        {
            var high = available.MaxBy(d => score.Dimension(d.Code)!.Score)!;
            var low = available.MinBy(d => score.Dimension(d.Code)!.Score)!;
            alternative = UiText.Get("Charts.RadarAlt", Infrastructure.Format.Score(index), score.Predicate?.Name.ToString() ?? "–",
                Short(high), ChartRenderer.Number((double)score.Dimension(high.Code)!.Score!.Value),
                Short(low), ChartRenderer.Number((double)score.Dimension(low.Code)!.Score!.Value));
        }

        return (data, alternative);
    }

    /// <summary>Each dimension's score split into what its three components contribute (the stack is the score).</summary>
    public static (ChartData Data, string Alternative) Components(RegionScore score, ScoringMethodology methodology)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(methodology);
        var w = methodology.ComponentWeights;
        double? Part(DimensionScore? d, Func<DimensionScore, decimal?> component, decimal weight)
        {
            if (d is null || component(d) is not { } c)
            {
                return null;
            }

            var total = (d.Indicators is null ? 0 : w.Indicators) + (d.Programmes is null ? 0 : w.Programmes) + (d.Perception is null ? 0 : w.Perception);
            return total == 0 ? null : (double)(weight * c / total);
        }

        var dims = methodology.Dimensions;
        var data = new ChartData("components", UiText.Get("Charts.ComponentsTitle"), dims.Select(Short).ToList(),
        [
            new(UiText.Get("Scores.ComponentIndicators"), dims.Select(d => Part(score.Dimension(d.Code), x => x.Indicators, w.Indicators)).ToList()),
            new(UiText.Get("Scores.ComponentProgrammes"), dims.Select(d => Part(score.Dimension(d.Code), x => x.Programmes, w.Programmes)).ToList()),
            new(UiText.Get("Scores.ComponentPerception"), dims.Select(d => Part(score.Dimension(d.Code), x => x.Perception, w.Perception)).ToList()),
        ], [], 0, 100, UiText.Get("Charts.Score"));
        var missing = dims.Where(d => score.Dimension(d.Code)?.Score is null).Select(Short).ToList();
        var alternative = UiText.Get("Charts.ComponentsAlt", string.Join(", ", dims.Select(d => $"{Short(d)} {(score.Dimension(d.Code)?.Score is { } s ? ChartRenderer.Number((double)s) : "–")}")))
            + (missing.Count > 0 ? " " + UiText.Get("Charts.Missing", string.Join(", ", missing)) : string.Empty);
        return (data, alternative);
    }

    /// <summary>The index of the ranked regions (complete results first), the predicate bands behind.</summary>
    public static (ChartData Data, string Alternative) Ranking(IReadOnlyList<RankedScore> ranked, ScoringMethodology methodology, Func<string, string> nameOf, int top)
    {
        ArgumentNullException.ThrowIfNull(ranked);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(nameOf);
        var shown = ranked.Where(r => r.Score.Index is not null).Take(top).ToList();
        var bands = new List<ChartBand>();
        var upper = 5.0;
        foreach (var band in methodology.PredicateBands)
        {
            bands.Add(new ChartBand(band.Name.ToString(), (double)band.Minimum, upper));
            upper = (double)band.Minimum;
        }

        var data = new ChartData("ranking", UiText.Get("Charts.RankingTitle"),
            shown.Select(r => (r.Rank is { } rank ? rank + ". " : "* ") + nameOf(r.Score.Region)).ToList(),
            [new(UiText.Get("Scores.Index"), shown.Select(r => (double?)r.Score.Index).ToList())], bands, 1, 5, UiText.Get("Charts.IndexScale"));
        var alternative = shown.Count == 0
            ? UiText.Get("Charts.RankingEmpty")
            : UiText.Get("Charts.RankingAlt", shown.Count, nameOf(shown[0].Score.Region), Infrastructure.Format.Score(shown[0].Score.Index!.Value),
                nameOf(shown[^1].Score.Region), Infrastructure.Format.Score(shown[^1].Score.Index!.Value));
        return (data, alternative);
    }

    /// <summary>
    /// The region's index and dimension scores over periods, all on the index's 1-5 scale (a dimension score D of 0-100
    /// is shown as 1 + 4 × D / 100, the transformation the index itself uses), with the predicate bands behind.
    /// </summary>
    public static (ChartData Data, string Alternative) Trend(IReadOnlyList<(string Period, RegionScore? Score)> history, ScoringMethodology methodology, string regionName)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(methodology);
        static double? OnIndexScale(decimal? score) => score is { } d ? 1 + (4 * (double)d / 100) : null;
        var series = new List<ChartSeries> { new(UiText.Get("Scores.Index"), history.Select(h => (double?)h.Score?.Index).ToList()) };
        series.AddRange(methodology.Dimensions.Select(d => new ChartSeries(Short(d), history.Select(h => OnIndexScale(h.Score?.Dimension(d.Code)?.Score)).ToList())));
        var data = new ChartData("trend", UiText.Get("Charts.TrendTitle", regionName), history.Select(h => h.Period).ToList(), series, [], 1, 5, UiText.Get("Charts.IndexScale"));
        var points = history.Where(h => h.Score?.Index is not null).ToList();
        var alternative = points.Count switch
        {
            0 => UiText.Get("Charts.TrendEmpty"),
            1 => UiText.Get("Charts.TrendOne", points[0].Period, Infrastructure.Format.Score(points[0].Score!.Index!.Value)),
            _ => UiText.Get("Charts.TrendAlt", points[0].Period, Infrastructure.Format.Score(points[0].Score!.Index!.Value), points[^1].Period, Infrastructure.Format.Score(points[^1].Score!.Index!.Value)),
        };
        return (data, alternative);
    }

    /// <summary>The answers 1-5 of each Likert item, as shares of its answers.</summary>
    public static (ChartData Data, string Alternative) Distribution(IReadOnlyList<ItemStatistics> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var levels = Enumerable.Range(0, 5).Select(level => new ChartSeries(
            (level + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            items.Select(i => i.Count == 0 ? (double?)null : 100.0 * i.Distribution[level] / i.Count).ToList())).ToList();
        var data = new ChartData("distribution", UiText.Get("Charts.DistributionTitle"), items.Select(i => i.Item).ToList(), levels, [], 0, 100, UiText.Get("Charts.Percent"));
        var answered = items.Where(i => i.Mean is not null).ToList();
        var alternative = answered.Count == 0
            ? UiText.Get("Charts.DistributionEmpty")
            : UiText.Get("Charts.DistributionAlt", answered.Count, answered.MaxBy(i => i.Mean)!.Item, Infrastructure.Format.Score(answered.Max(i => i.Mean!.Value)),
                answered.MinBy(i => i.Mean)!.Item, Infrastructure.Format.Score(answered.Min(i => i.Mean!.Value)));
        return (data, alternative);
    }

    /// <summary>How many risks of the region's programmes fall in each cell of likelihood x impact.</summary>
    public static (ChartData Data, string Alternative) Risks(IReadOnlyList<Programme> programmes, ScoringMethodology methodology)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(methodology);
        var risks = programmes.SelectMany(p => p.Risks).ToList();
        var rows = Enumerable.Range(1, 5).Reverse().Select(impact => new ChartSeries(
            UiText.Get("Charts.Impact") + " " + impact,
            Enumerable.Range(1, 5).Select(likelihood => (double?)risks.Count(r => r.Impact == impact && r.Likelihood == likelihood)).ToList())).ToList();
        var data = new ChartData("risks", UiText.Get("Charts.RisksTitle"), Enumerable.Range(1, 5).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(), rows, [], 0, 5, UiText.Get("Charts.Likelihood"));
        var bands = risks.GroupBy(r => methodology.RiskBandFor(r.Likelihood * r.Impact).Name.ToString()).Select(g => $"{g.Key} {g.Count()}");
        var alternative = risks.Count == 0 ? UiText.Get("Charts.RisksEmpty") : UiText.Get("Charts.RisksAlt", risks.Count, string.Join(", ", bands));
        return (data, alternative);
    }

    /// <summary>
    /// The risk profile: how many risks of each level (from the period's criteria) fall in each group (a category or a
    /// unit), as stacked bars, the group with the most risks first.
    /// </summary>
    public static (ChartData Data, string Alternative) RiskProfile(string kind, string title, IReadOnlyList<(string Group, Survey.Domain.Risks.RiskPosition Position)> risks, Survey.Domain.Risks.RiskCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(risks);
        ArgumentNullException.ThrowIfNull(criteria);
        var groups = risks.GroupBy(r => r.Group).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).ToList();
        var bands = criteria.Bands.Reverse().ToList();
        var series = bands.Select(b => new ChartSeries(b.Name.ToString(),
            groups.Select(g => (double?)risks.Count(r => r.Group == g && r.Position.Band.Code == b.Code)).ToList())
        { Colour = b.Colour }).ToList();
        var most = groups.Select(g => risks.Count(r => r.Group == g)).DefaultIfEmpty(0).Max();
        var data = new ChartData(kind, title, groups, series, [], 0, Math.Max(5, most + 1), UiText.Get("Charts.RiskCount"));
        var alternative = risks.Count == 0
            ? UiText.Get("Charts.RisksEmpty")
            : UiText.Get("Charts.RiskProfileAlt", title, string.Join("; ", groups.Select(g => $"{g}: {string.Join(", ", bands.Select(b => (b, n: risks.Count(r => r.Group == g && r.Position.Band.Code == b.Code))).Where(x => x.n > 0).Select(x => $"{x.b.Name} {x.n}"))}")));
        return (data, alternative);
    }

    /// <summary>The share of each dimension's indicators that are answered (value or "not available").</summary>
    public static (ChartData Data, string Alternative) Completeness(IReadOnlyDictionary<string, StoredIndicatorValue> values, ScoringMethodology methodology)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(methodology);
        var shares = methodology.Dimensions.Select(d =>
        {
            var mapped = methodology.Indicators.Where(m => m.Dimension == d.Code).ToList();
            var answered = mapped.Count(m => values.TryGetValue(m.Key, out var v) && (v.Entry.Value is not null || v.Entry.NotAvailableReason is not null));
            return (Dimension: d, Share: mapped.Count == 0 ? 0 : 100.0 * answered / mapped.Count);
        }).ToList();
        var data = new ChartData("completeness", UiText.Get("Charts.CompletenessTitle"), shares.Select(s => Short(s.Dimension)).ToList(),
            [new(UiText.Get("Charts.Answered"), shares.Select(s => (double?)s.Share).ToList())], [], 0, 100, UiText.Get("Charts.Percent"));
        var alternative = UiText.Get("Charts.CompletenessAlt", string.Join(", ", shares.Select(s => $"{Short(s.Dimension)} {ChartRenderer.Number(s.Share)} %")));
        return (data, alternative);
    }
}
