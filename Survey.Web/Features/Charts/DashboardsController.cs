using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Reviews;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Charts;

/// <summary>A region's dashboard, the country's dashboard for the ministry, and the public page of a published period.</summary>
public sealed class DashboardsController(ChartService charts, ScoreReader scores, IReviewRepository reviews, IPeriodRepository periods, Survey.Domain.Scoring.IScoreRepository snapshots,
    ScopeReader entries, MonitoringHandler monitoring, Survey.Domain.Risks.IRiskCriteriaRepository riskCriteria) : Controller
{
    // The risk matrix picture of the programmes is the risk map below the charts (with its numbered table).
    private static readonly string[] RegionChartOrder = ["radar", "components", "completeness", "trend", "distribution", "risk-categories", "risk-units"];

    [HttpGet("/periods/{period}/regions/{region}/dashboard")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Region(string period, string region, CancellationToken cancellationToken)
    {
        var report = await scores.GetRegionAsync(period, region, cancellationToken, whatIfs: false);
        if (report is null)
        {
            return NotFound();
        }

        var views = new List<ChartView>();
        foreach (var chart in RegionChartOrder)
        {
            if (await charts.RegionAsync(period, region, chart, cancellationToken, report) is { } data)
            {
                views.Add(new ChartView($"/charts/periods/{period}/regions/{region}/{chart}.png?w=800&h=500", data.Alternative, data.Data));
            }
        }

        var review = await reviews.GetAsync(new Scope(period, region), cancellationToken);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var risks = context is null ? [] : await monitoring.ListAsync(context, cancellationToken);
        return View(new RegionDashboardViewModel(report, views, review)
        {
            Warnings = context is null ? [] : await monitoring.WarningsAsync(context, cancellationToken),
            MapPoints = Survey.Web.Features.Risks.RiskMapController.Points(risks),
            Criteria = (await riskCriteria.ForPeriodAsync(period, cancellationToken))?.Definition,
        });
    }

    [HttpGet("/dashboard")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Latest(CancellationToken cancellationToken)
    {
        var latest = (await periods.ListAsync(cancellationToken)).FirstOrDefault(p => p.Status != PeriodStatus.Draft);
        return latest is null ? Redirect("/reviews") : Redirect($"/periods/{latest.Code}/dashboard");
    }

    [HttpGet("/periods/{period}/dashboard")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> National(string period, [FromQuery] string? province, [FromQuery] string? kind, [FromQuery] int? cohort, CancellationToken cancellationToken)
    {
        if (await scores.GetNationalAsync(period, cohort, cancellationToken) is not var (result, list))
        {
            return NotFound();
        }

        bool Included(string code) => list.TryGetValue(code, out var r) && (cohort is null || r.CohortYear == cohort)
            && (string.IsNullOrEmpty(province) || r.Province == province)
            && (string.IsNullOrEmpty(kind) || RegionKinds.NameOf(r.Kind) == kind);
        var filtered = result.Scores.Where(s => Included(s.Region)).ToList();
        var ranking = await charts.RankingAsync(period, province, kind, 30, cancellationToken, cohort);
        var query = $"province={Uri.EscapeDataString(province ?? string.Empty)}&kind={Uri.EscapeDataString(kind ?? string.Empty)}&cohort={cohort?.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        var rankingView = ranking is { } r2 ? new ChartView($"/charts/periods/{period}/ranking.png?w=900&{query}", r2.Alternative, r2.Data, 900, ChartRenderer.Size(900, Math.Clamp(120 + (r2.Data.Categories.Count * 24), 200, 1500)).Height) : null;

        var previous = await scores.GetPeriodAsync(result.Period.PreviousCode, cancellationToken);
        var movers = previous is null
            ? []
            : filtered.Where(s => s.Index is not null)
                .Select(s => (Score: s, Before: previous.Scores.FirstOrDefault(p => p.Region == s.Region)?.Index))
                .Where(x => x.Before is not null)
                .Select(x => (x.Score.Region, Change: x.Score.Index!.Value - x.Before!.Value))
                .OrderByDescending(x => Math.Abs(x.Change)).Take(10).ToList();
        var methodology = result.Methodology;
        var queue = await reviews.QueueAsync(period, methodology.Id, cancellationToken);
        return View(new NationalDashboardViewModel(
            result,
            list,
            rankingView,
            methodology.Definition.PredicateBands.Select(b => (b.Name.ToString(), filtered.Count(s => s.Complete && s.Predicate?.Name.Id == b.Name.Id))).ToList(),
            filtered.Count(s => !s.Complete),
            queue.Where(q => Included(q.Region)).GroupBy(q => q.Status).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            movers,
            list.Values.Select(r => r.Province).Distinct().Order(StringComparer.Ordinal).ToList(),
            province,
            kind)
        {
            Cohort = cohort,
            Cohorts = list.Values.Where(r => r.CohortYear is not null).Select(r => r.CohortYear!.Value).Distinct().Order().ToList(),
        });
    }

    [HttpGet("/public/periods/{period}")]
    [AllowAnonymous]
    public async Task<IActionResult> Public(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found?.Status != PeriodStatus.Published)
        {
            return NotFound();
        }

        var national = await scores.GetNationalAsync(period, null, cancellationToken);
        var ranking = await charts.RankingAsync(period, null, null, 30, cancellationToken);
        if (national is not var (result, list) || ranking is null)
        {
            return NotFound();
        }

        var rankingView = new ChartView($"/charts/periods/{period}/ranking.png?w=900", ranking.Value.Alternative, ranking.Value.Data, 900, ChartRenderer.Size(900, Math.Clamp(120 + (ranking.Value.Data.Categories.Count * 24), 200, 1500)).Height);
        var exclusions = result.Snapshot is { } snapshot ? await snapshots.ListExclusionsAsync(snapshot.Id, cancellationToken) : [];
        var standings = await periods.StandingsAsync(period, cancellationToken);
        var notSubmitted = standings.Where(s => s.Status is RegionStates.NotStarted or RegionStates.Draft && !exclusions.Any(e => e.Region == s.Region)).ToList();
        return View(new PublicViewModel(result, list, rankingView) { Exclusions = exclusions, NotSubmitted = notSubmitted });
    }
}

public sealed record RegionDashboardViewModel(RegionScoreReport Report, IReadOnlyList<ChartView> Charts, ReviewState Review)
{
    /// <summary>The early warnings of the region's programmes.</summary>
    public IReadOnlyList<Survey.Domain.Risks.EarlyWarningFlag> Warnings { get; init; } = [];

    /// <summary>The numbered risks of the risk map.</summary>
    public IReadOnlyList<RiskMapPoint> MapPoints { get; init; } = [];

    /// <summary>The period's risk criteria (for the map's table), when the period has them.</summary>
    public Survey.Domain.Risks.RiskCriteria? Criteria { get; init; }
}

public sealed record NationalDashboardViewModel(
    PeriodScores Scores,
    IReadOnlyDictionary<string, Region> Regions,
    ChartView? Ranking,
    IReadOnlyList<(string Predicate, int Count)> Predicates,
    int Incomplete,
    IReadOnlyDictionary<string, int> Statuses,
    IReadOnlyList<(string Region, decimal Change)> Movers,
    IReadOnlyList<string> Provinces,
    string? Province,
    string? Kind)
{
    /// <summary>The cohort shown (all when <c>null</c>).</summary>
    public int? Cohort { get; init; }

    /// <summary>The cohorts of the registry, for the filter.</summary>
    public IReadOnlyList<int> Cohorts { get; init; } = [];
}

public sealed record PublicViewModel(PeriodScores Scores, IReadOnlyDictionary<string, Region> Regions, ChartView Ranking)
{
    /// <summary>The regions the snapshot left out, and why.</summary>
    public IReadOnlyList<Survey.Domain.Scoring.SnapshotExclusion> Exclusions { get; init; } = [];

    /// <summary>Participating regions that never submitted.</summary>
    public IReadOnlyList<RegionStanding> NotSubmitted { get; init; } = [];
}
