using Survey.Domain.Methodology;
using Survey.Domain.Surveys;

namespace Survey.Domain.Scoring;

/// <summary>
/// The scoring method of the platform. Every constant comes from the methodology data; all arithmetic is in
/// <see cref="decimal"/> and nothing is rounded (display rounds to two decimals). For a region:
/// <list type="number">
/// <item>indicator score <c>s_i = 100 * clamp((x - worst) / (best - worst), 0, 1)</c> (a lower-is-better
/// indicator has <c>best &lt; worst</c>, so the same formula serves both);</item>
/// <item>indicator component <c>I_d = sum(w_i * s_i) / sum(w_i)</c> over the indicators of d with a value,
/// available when <c>coverage = valued / mapped</c> reaches the minimum coverage;</item>
/// <item>programme component <c>P_d = mean(25 * (m - 1))</c> over d's programmes, m the verified level when
/// set, else the self-assessed one; available with at least one programme;</item>
/// <item>perception component <c>R_d = mean(25 * (a_q - 1))</c> over d's Likert items with answers, a_q the
/// item's mean answer; available when the complete responses reach the minimum;</item>
/// <item>dimension score <c>D_d = sum(W_c * C_d) / sum(W_c)</c> over the available components;</item>
/// <item>index <c>index_100 = mean(D_d)</c> over available dimensions, <c>index = 1 + 4 * index_100 / 100</c>,
/// the predicate from the bands; complete only when every dimension is available.</item>
/// </list>
/// </summary>
public sealed class ScoringEngine
{
    private readonly ScoringMethodology _methodology;
    private readonly Dictionary<string, List<IndicatorMapping>> _indicatorsByDimension;
    private readonly Dictionary<string, List<QuestionItem>> _itemsByDimension;

    /// <param name="methodology">The period's methodology revision.</param>
    /// <param name="questionnaire">The period's questionnaire, or <c>null</c> when it has none (no perception).</param>
    public ScoringEngine(ScoringMethodology methodology, Questionnaire? questionnaire)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        _methodology = methodology;
        _indicatorsByDimension = methodology.Dimensions.ToDictionary(d => d.Code, d => methodology.Indicators.Where(m => m.Dimension == d.Code).ToList(), StringComparer.Ordinal);
        var likert = questionnaire?.Items.Where(i => i.Type == ItemTypes.Likert && i.Dimension is not null).ToList() ?? [];
        _itemsByDimension = methodology.Dimensions.ToDictionary(d => d.Code, d => likert.Where(i => i.Dimension == d.Code).ToList(), StringComparer.Ordinal);
    }

    /// <summary>The methodology the engine applies.</summary>
    public ScoringMethodology Methodology => _methodology;

    /// <summary>The score of an indicator value against its goalposts (0-100).</summary>
    public static decimal IndicatorScoreOf(decimal value, decimal worst, decimal best)
    {
        var share = (value - worst) / (best - worst);
        return 100m * Math.Clamp(share, 0m, 1m);
    }

    /// <summary>The score of a maturity level (1-5) on 0-100: <c>25 * (level - 1)</c>.</summary>
    public static decimal MaturityScoreOf(int level) => 25m * (level - 1);

    /// <summary>The score of a mean 1-5 answer on 0-100: <c>25 * (mean - 1)</c>.</summary>
    public static decimal PerceptionScoreOf(decimal mean) => 25m * (mean - 1m);

    /// <summary>The 1-5 index of a 0-100 score: <c>1 + 4 * score / 100</c>.</summary>
    public static decimal IndexOf(decimal index100) => 1m + (4m * index100 / 100m);

    /// <summary>Computes the score of one region.</summary>
    public RegionScore Score(ScoreInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var weights = _methodology.ComponentWeights;
        var perceptionAllowed = input.Responses >= _methodology.MinimumRespondents;
        var dimensions = new List<DimensionScore>(_methodology.Dimensions.Count);
        var indicatorScores = new List<IndicatorScore>();
        var programmeScores = new List<ProgrammeScore>();
        var itemScores = new List<ItemScore>();

        foreach (var dimension in _methodology.Dimensions)
        {
            // 1-2. Indicators.
            var mapped = _indicatorsByDimension[dimension.Code];
            decimal weightedSum = 0, weightSum = 0;
            var valued = 0;
            foreach (var mapping in mapped)
            {
                if (!input.Values.TryGetValue(mapping.Key, out var value))
                {
                    continue;
                }

                var score = IndicatorScoreOf(value, mapping.Worst, mapping.Best);
                indicatorScores.Add(new IndicatorScore(mapping.Key, dimension.Code, value, mapping.Worst, mapping.Best, mapping.Weight, score));
                weightedSum += mapping.Weight * score;
                weightSum += mapping.Weight;
                valued++;
            }

            var coverage = mapped.Count == 0 ? 0m : (decimal)valued / mapped.Count;
            decimal? indicators = valued > 0 && coverage >= _methodology.MinimumCoverage ? weightedSum / weightSum : null;

            // 3. Programmes.
            decimal programmeSum = 0;
            var programmeCount = 0;
            foreach (var programme in input.Programmes)
            {
                if (programme.Dimension != dimension.Code)
                {
                    continue;
                }

                var score = MaturityScoreOf(programme.EffectiveLevel);
                programmeScores.Add(new ProgrammeScore(programme.Id, dimension.Code, programme.Name, programme.SelfLevel, programme.VerifiedLevel, score));
                programmeSum += score;
                programmeCount++;
            }

            decimal? programmes = programmeCount > 0 ? programmeSum / programmeCount : null;

            // 4. Perception.
            decimal itemSum = 0;
            var answered = 0;
            foreach (var item in _itemsByDimension[dimension.Code])
            {
                if (!input.Items.TryGetValue(item.Code, out var tally) || tally.Mean is not { } mean)
                {
                    continue;
                }

                var score = PerceptionScoreOf(mean);
                itemScores.Add(new ItemScore(item.Code, dimension.Code, mean, tally.Count, score, tally.Sum));
                itemSum += score;
                answered++;
            }

            decimal? perception = perceptionAllowed && answered > 0 ? itemSum / answered : null;

            // 5. Dimension.
            decimal componentSum = 0, componentWeights = 0;
            Add(indicators, weights.Indicators);
            Add(programmes, weights.Programmes);
            Add(perception, weights.Perception);
            decimal? dimensionScore = componentWeights > 0 ? componentSum / componentWeights : null;
            dimensions.Add(new DimensionScore(dimension.Code, dimensionScore, indicators, programmes, perception, coverage, valued, mapped.Count, programmeCount, answered));

            void Add(decimal? component, decimal weight)
            {
                if (component is { } c && weight > 0)
                {
                    componentSum += weight * c;
                    componentWeights += weight;
                }
            }
        }

        // 6. Index.
        var available = dimensions.Where(d => d.Score is not null).Select(d => d.Score!.Value).ToList();
        decimal? index100 = available.Count > 0 ? available.Sum() / available.Count : null;
        decimal? index = index100 is { } i100 ? IndexOf(i100) : null;
        var predicate = index is { } idx ? _methodology.PredicateFor(idx) : null;
        var complete = available.Count == dimensions.Count && dimensions.Count > 0;
        return new RegionScore(input.Region, complete, index, index100, predicate, input.Responses, dimensions, indicatorScores, programmeScores, itemScores);
    }

    /// <summary>
    /// What would raise the score most: for every indicator below its best goalpost (or without a value), the
    /// gain if it reached the best goalpost; for every programme below level 5, the gain if it reached the
    /// next level. Each is computed by scoring again with that one change. Largest dimension gain first.
    /// </summary>
    public IReadOnlyList<WhatIf> WhatIfs(ScoreInput input, RegionScore current)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(current);
        var results = new List<WhatIf>();
        foreach (var mapping in _methodology.Indicators)
        {
            if (input.Values.TryGetValue(mapping.Key, out var value) && IndicatorScoreOf(value, mapping.Worst, mapping.Best) >= 100m)
            {
                continue;
            }

            var values = new Dictionary<string, decimal>(input.Values) { [mapping.Key] = mapping.Best };
            results.Add(Compare(WhatIfKind.Indicator, mapping.Key, mapping.Dimension, input.Values.TryGetValue(mapping.Key, out var from) ? from : null, mapping.Best, input with { Values = values }));
        }

        foreach (var programme in input.Programmes)
        {
            if (programme.EffectiveLevel >= 5)
            {
                continue;
            }

            var next = programme.EffectiveLevel + 1;
            var programmes = input.Programmes.Select(p => p.Id == programme.Id ? p with { VerifiedLevel = next } : p).ToList();
            results.Add(Compare(WhatIfKind.Programme, programme.Id.ToString(), programme.Dimension, programme.EffectiveLevel, next, input with { Programmes = programmes }));
        }

        return results.Where(r => r.DimensionGain > 0 || r.IndexGain > 0)
            .OrderByDescending(r => r.DimensionGain).ThenByDescending(r => r.IndexGain).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();

        WhatIf Compare(WhatIfKind kind, string key, string dimension, decimal? from, decimal to, ScoreInput changed)
        {
            var after = Score(changed);
            var before = current.Dimension(dimension)?.Score;
            var afterDimension = after.Dimension(dimension)?.Score;
            var dimensionGain = (afterDimension ?? 0) - (before ?? 0);
            var indexGain = (after.Index ?? 0) - (current.Index ?? 0);
            return new WhatIf(kind, key, dimension, from, to, dimensionGain, afterDimension, indexGain, after.Index);
        }
    }
}

/// <summary>What a what-if changes.</summary>
public enum WhatIfKind
{
    /// <summary>An indicator reaches its best goalpost.</summary>
    Indicator,

    /// <summary>A programme reaches the next maturity level.</summary>
    Programme,
}

/// <summary>One what-if: the change, and how much the dimension score and the 1-5 index would rise.</summary>
public sealed record WhatIf(WhatIfKind Kind, string Key, string Dimension, decimal? From, decimal To, decimal DimensionGain, decimal? DimensionAfter, decimal IndexGain, decimal? IndexAfter);
