using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Scoring;
using Survey.Domain.Surveys;

namespace Survey.Domain.UseCases;

/// <summary>
/// The scores of a whole period: live and provisional while it is not published (computed from submitted data
/// at the moment of the request), or read from the newest snapshot once it is.
/// </summary>
public sealed record PeriodScores(Period Period, StoredMethodology Methodology, ScoreSnapshot? Snapshot, IReadOnlyList<RegionScore> Scores)
{
    /// <summary>Live scores that can still change.</summary>
    public bool Provisional => Snapshot is null;

    /// <summary>The ranking: complete results first.</summary>
    public IReadOnlyList<RankedScore> Ranked { get; } = Ranking.Rank(Scores);
}

/// <summary>One region's score with what explains it and what it is compared with.</summary>
public sealed record RegionScoreReport(
    Period Period,
    Region Region,
    StoredMethodology Methodology,
    ScoreSnapshot? Snapshot,
    RegionScore Score,
    int? Rank,
    int Ranked,
    IReadOnlyList<WhatIf> WhatIfs,
    RegionScore? Previous,
    GroupMedians National,
    GroupMedians SameKind,
    GroupMedians SameProvince)
{
    public bool Provisional => Snapshot is null;
}

/// <summary>Computes and reads scores for pages and the API.</summary>
public sealed class ScoreReader(
    IPeriodRepository periods,
    IRegionRepository regions,
    ICatalogueRepository catalogues,
    ISurveyRepository surveys,
    IScoreRepository scores,
    IMemoryCache cache,
    IOptions<ScoreSettings> settings,
    TimeProvider clock,
    ILogger<ScoreReader> logger)
{
    private static readonly SemaphoreSlim ComparisonLock = new(1, 1);

    // The medians of each group, computed once per list of scores (a snapshot, or one computation of the live
    // comparison groups) and dropped with it.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<RegionScore>, System.Collections.Concurrent.ConcurrentDictionary<string, GroupMedians>> Medians = [];

    /// <summary>Every region's score in the period; <c>null</c> when the period is unknown or not open yet.</summary>
    public async Task<PeriodScores?> GetPeriodAsync(string period, CancellationToken cancellationToken)
    {
        var (found, methodology, snapshot) = await LoadAsync(period, cancellationToken);
        if (found is null || methodology is null)
        {
            return null;
        }

        var list = snapshot is not null
            ? await ReadSnapshotCachedAsync(snapshot, cancellationToken)
            : await ComputeAsync(found, methodology, null, cancellationToken);
        return new PeriodScores(found, methodology, snapshot, list);
    }

    /// <summary>
    /// What national pages, rankings and exports show: the period's scores of the regions taking part in the
    /// evaluation, of one cohort of Gerakan Menuju 100 Smart City when <paramref name="cohort"/> is given, ranked
    /// among themselves; with the registry entries of the regions shown.
    /// </summary>
    public async Task<(PeriodScores Scores, IReadOnlyDictionary<string, Region> Regions)?> GetNationalAsync(string period, int? cohort, CancellationToken cancellationToken)
    {
        var result = await GetPeriodAsync(period, cancellationToken);
        if (result is null)
        {
            return null;
        }

        var list = (await regions.ListAsync(cancellationToken)).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var shown = result.Scores.Where(s => list.TryGetValue(s.Region, out var r) && r.Participating && (cohort is null || r.CohortYear == cohort)).ToList();
        return (shown.Count == result.Scores.Count ? result : new PeriodScores(result.Period, result.Methodology, result.Snapshot, shown), list);
    }

    /// <summary>
    /// The explained score of one region, its rank, what-ifs, the previous period and the medians of the
    /// country, of its kind and of its province. The region's own numbers are always current; the comparison
    /// groups of a live period may be up to <c>Survey:Scores:ComparisonCacheSeconds</c> old (plus the time of one
    /// recomputation, which runs in the background).
    /// </summary>
    public async Task<RegionScoreReport?> GetRegionAsync(string period, string region, CancellationToken cancellationToken, bool whatIfs = true)
    {
        var (found, methodology, snapshot) = await LoadAsync(period, cancellationToken);
        var foundRegion = await regions.FindAsync(region, cancellationToken);
        if (found is null || methodology is null || foundRegion is null)
        {
            return null;
        }

        var engine = await EngineAsync(found, methodology, cancellationToken);
        RegionScore own;
        IReadOnlyList<RegionScore> all;
        IReadOnlyList<RegionScore> groups;
        if (snapshot is not null)
        {
            all = groups = await ReadSnapshotCachedAsync(snapshot, cancellationToken);
            own = all.FirstOrDefault(s => s.Region == region) ?? engine.Score(ScoreInput.Empty(region));
        }
        else
        {
            var input = (await scores.ReadInputsAsync(period, region, cancellationToken)).SingleOrDefault() ?? ScoreInput.Empty(region);
            own = engine.Score(input);
            // The rank uses the region's current score; the medians are those of the comparison groups.
            groups = await LiveComparisonAsync(found, methodology, cancellationToken);
            all = [.. groups.Where(s => s.Region != region), own];
        }

        var ranked = Ranking.Rank(all);
        var regionList = await RegionsByCodeAsync(cancellationToken);
        var dimensions = methodology.Definition.Dimensions.Select(d => d.Code).ToList();
        var medians = Medians.GetOrCreateValue(groups);
        GroupMedians MediansOf(string key, Func<Region, bool>? predicate) =>
            medians.GetOrAdd(key, _ => Ranking.MediansOf(groups.Where(s => s.Index is not null && (predicate is null || (regionList.TryGetValue(s.Region, out var r) && predicate(r)))).ToList(), dimensions));

        return new RegionScoreReport(
            found,
            foundRegion,
            methodology,
            snapshot,
            own,
            ranked.FirstOrDefault(r => r.Score.Region == region)?.Rank,
            ranked.Count(r => r.Rank is not null),
            whatIfs ? engine.WhatIfs(InputOf(own), own) : [],
            await PreviousAsync(found.PreviousCode, region, cancellationToken),
            MediansOf("national", null),
            MediansOf("kind:" + RegionKinds.NameOf(foundRegion.Kind), r => r.Kind == foundRegion.Kind),
            MediansOf("province:" + foundRegion.Province, r => r.Province == foundRegion.Province));
    }

    /// <summary>
    /// The region's score in every published period and in <paramref name="current"/> (live when it is not
    /// published), oldest first.
    /// </summary>
    /// <param name="region">The region.</param>
    /// <param name="current">The period the trend ends with.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <param name="currentScore">The region's score in <paramref name="current"/> when the caller computed it already.</param>
    public async Task<IReadOnlyList<(string Period, RegionScore? Score, bool Provisional)>> TrendAsync(string region, string current, CancellationToken cancellationToken, RegionScore? currentScore = null)
    {
        var list = (await periods.ListAsync(cancellationToken))
            .Where(p => p.Status == PeriodStatus.Published || p.Code == current)
            .OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var result = new List<(string, RegionScore?, bool)>();
        foreach (var period in list)
        {
            var (found, methodology, snapshot) = await LoadAsync(period, cancellationToken);
            if (found is null || methodology is null)
            {
                continue;
            }

            if (snapshot is not null)
            {
                result.Add((period.Code, (await ReadSnapshotCachedAsync(snapshot, cancellationToken)).FirstOrDefault(s => s.Region == region), false));
            }
            else if (period.Code == current && currentScore is not null)
            {
                result.Add((period.Code, currentScore, true));
            }
            else
            {
                var computed = await ComputeAsync(found, methodology, region, cancellationToken);
                result.Add((period.Code, computed.Count > 0 ? computed[0] : null, true));
            }
        }

        return result;
    }

    /// <summary>The scoring engine of a period: its methodology revision and its questionnaire.</summary>
    public async Task<ScoringEngine> EngineAsync(Period period, StoredMethodology methodology, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(methodology);
        var questionnaire = await surveys.GetQuestionnaireAsync(period.Code, cancellationToken);
        return new ScoringEngine(methodology.Definition, questionnaire);
    }

    /// <summary>Computes the live scores of every region (or one) of the period from the database.</summary>
    public async Task<IReadOnlyList<RegionScore>> ComputeAsync(Period period, StoredMethodology methodology, string? region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var engine = await EngineAsync(period, methodology, cancellationToken);
        var inputs = await scores.ReadInputsAsync(period.Code, region, cancellationToken);
        var result = new RegionScore[inputs.Count];
        for (var i = 0; i < inputs.Count; i++)
        {
            result[i] = engine.Score(inputs[i]);
        }

        return result;
    }

    /// <summary>
    /// The input a stored result was computed from, rebuilt from the result itself (values, levels, item
    /// tallies), so that a snapshot can be explained and its what-ifs computed without live data.
    /// </summary>
    public static ScoreInput InputOf(RegionScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return new ScoreInput(
            score.Region,
            score.Indicators.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal),
            score.Programmes.Select(p => new ProgrammeInput(p.Id, p.Dimension, p.Name, p.SelfLevel, p.VerifiedLevel)).ToList(),
            score.Responses,
            score.Items.ToDictionary(i => i.Item, i => new ItemTally(i.Sum ?? (long)decimal.Round(i.Mean * i.Count), i.Count), StringComparer.Ordinal));
    }

    private async Task<(Period? Period, StoredMethodology? Methodology, ScoreSnapshot? Snapshot)> LoadAsync(string period, CancellationToken cancellationToken) =>
        await LoadAsync(await periods.FindAsync(period, cancellationToken), cancellationToken);

    private async Task<(Period? Period, StoredMethodology? Methodology, ScoreSnapshot? Snapshot)> LoadAsync(Period? found, CancellationToken cancellationToken)
    {
        if (found is null || found.Status == PeriodStatus.Draft || found.MethodologyLabel is null)
        {
            return (null, null, null);
        }

        var methodology = await catalogues.GetMethodologyAsync(found.MethodologyLabel, cancellationToken);
        var snapshots = found.Status == PeriodStatus.Published ? await scores.ListSnapshotsAsync(found.Code, cancellationToken) : [];
        var snapshot = snapshots.Count > 0 ? snapshots[0] : null;
        return (found, methodology, snapshot);
    }

    private async Task<RegionScore?> PreviousAsync(string previous, string region, CancellationToken cancellationToken)
    {
        var (found, methodology, snapshot) = await LoadAsync(previous, cancellationToken);
        if (found is null || methodology is null)
        {
            return null;
        }

        if (snapshot is not null)
        {
            return (await ReadSnapshotCachedAsync(snapshot, cancellationToken)).FirstOrDefault(s => s.Region == region);
        }

        var computed = await ComputeAsync(found, methodology, region, cancellationToken);
        return computed.Count > 0 ? computed[0] : null;
    }

    // A snapshot never changes: its results are cached by id.
    private Task<IReadOnlyList<RegionScore>> ReadSnapshotCachedAsync(ScoreSnapshot snapshot, CancellationToken cancellationToken) =>
        cache.GetOrCreateAsync<IReadOnlyList<RegionScore>>($"snapshot:{snapshot.Id}", async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromMinutes(30);
            return await scores.ReadSnapshotAsync(snapshot.Id, null, cancellationToken);
        })!;

    /// <summary>
    /// Computes the comparison groups of every period that is open or closed (not yet published), so that the
    /// first dashboards after a start do not wait for the country to be scored.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        foreach (var period in await periods.ListAsync(cancellationToken))
        {
            if (period.Status is PeriodStatus.Open or PeriodStatus.Closed)
            {
                var (found, methodology, _) = await LoadAsync(period, cancellationToken);
                if (found is not null && methodology is not null)
                {
                    await LiveComparisonAsync(found, methodology, cancellationToken);
                }
            }
        }
    }

    // The regions by code, for the kind and province groups: kept as long as the comparison groups are (the
    // same Survey:Scores:ComparisonCacheSeconds), since they decide who is compared with whom.
    private async Task<IReadOnlyDictionary<string, Region>> RegionsByCodeAsync(CancellationToken cancellationToken)
    {
        var seconds = settings.Value.ComparisonCacheSeconds;
        if (seconds > 0 && cache.TryGetValue("regions:by-code", out IReadOnlyDictionary<string, Region>? known) && known is not null)
        {
            return known;
        }

        var list = (await regions.ListAsync(cancellationToken)).ToDictionary(r => r.Code, StringComparer.Ordinal);
        if (seconds > 0)
        {
            cache.Set("regions:by-code", list, TimeSpan.FromSeconds(seconds));
        }

        return list;
    }

    // The comparison groups of a live period (every region's score), computed once and then refreshed in the
    // background when older than Survey:Scores:ComparisonCacheSeconds: requests get the last computed groups at
    // once, never wait for a recomputation of the country except the very first.
    // Each computed list carries whether its replacement is being computed, so that one refresh runs at a time.
    private sealed class Comparison(IReadOnlyList<RegionScore> scores, DateTimeOffset computedAt)
    {
        private int _refreshing;

        public IReadOnlyList<RegionScore> Scores { get; } = scores;

        public DateTimeOffset ComputedAt { get; } = computedAt;

        public bool TryStartRefresh() => Interlocked.CompareExchange(ref _refreshing, 1, 0) == 0;

        public void RefreshEnded() => Volatile.Write(ref _refreshing, 0);
    }

    private async Task<IReadOnlyList<RegionScore>> LiveComparisonAsync(Period period, StoredMethodology methodology, CancellationToken cancellationToken)
    {
        var seconds = settings.Value.ComparisonCacheSeconds;
        if (seconds <= 0)
        {
            return await ComputeAsync(period, methodology, null, cancellationToken);
        }

        var key = $"live:{period.Code}:{methodology.Id}";
        if (cache.TryGetValue(key, out Comparison? known) && known is not null)
        {
            if (clock.GetUtcNow() - known.ComputedAt >= TimeSpan.FromSeconds(seconds) && known.TryStartRefresh())
            {
                _ = Task.Run(() => RefreshAsync(key, known, period, methodology), CancellationToken.None);
            }

            return known.Scores;
        }

        // One computation at a time: concurrent first requests wait for it instead of each scoring the country.
        await ComparisonLock.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(key, out known) && known is not null)
            {
                return known.Scores;
            }

            var computed = await ComputeAsync(period, methodology, null, cancellationToken);
            Store(key, new Comparison(computed, clock.GetUtcNow()));
            return computed;
        }
        finally
        {
            ComparisonLock.Release();
        }
    }

    private async Task RefreshAsync(string key, Comparison stale, Period period, StoredMethodology methodology)
    {
        var refreshed = false;
        try
        {
            var started = clock.GetUtcNow();
            Store(key, new Comparison(await ComputeAsync(period, methodology, null, CancellationToken.None), started));
            refreshed = true;
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            // The last groups stay in use; the next request after the interval tries again.
            Log.ComparisonRefreshFailed(logger, period.Code, exception);
        }
        finally
        {
            if (!refreshed)
            {
                stale.RefreshEnded();
            }
        }
    }

    // A period nobody looks at for half an hour gives its memory back.
    private void Store(string key, Comparison comparison) =>
        cache.Set(key, comparison, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(30) });
}
