using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;
using Survey.Domain.Surveys;
using Survey.Domain.Units;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Workbench;

/// <summary>
/// Where a signed-in user lands: the tasks of their role. A coordinator sees the open period's deadline in the
/// region's local time, progress per dimension, what was returned and why, and responses against the minimum;
/// an evaluator the regions assigned and how long each has waited; an administrator every period and its next step.
/// </summary>
[Authorize]
public sealed class WorkbenchController(
    IPeriodRepository periods,
    IReviewRepository reviews,
    ICatalogueRepository catalogues,
    ISubmissionRepository submissions,
    IProgrammeRepository programmes,
    ISurveyRepository surveys,
    ScopeReader entry,
    ConsolidationHandler consolidation,
    Microsoft.Extensions.Localization.IStringLocalizer<Survey.Web.Infrastructure.Localization.SharedResource> text,
    TimeProvider clock) : Controller
{
    [HttpGet("/workbench")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var all = await periods.ListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var model = new WorkbenchViewModel(now);
        // A unit operator sees its region's semester as the coordinator does; what it may change is limited by the use cases.
        if (SurveyClaims.RegionOf(User) is { } region && (User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.UnitOperator)))
        {
            model = model with { Coordinator = await CoordinatorAsync(all, region, now, cancellationToken) };
        }

        if (User.IsInRole(Roles.Evaluator) || User.IsInRole(Roles.Admin))
        {
            model = model with { Evaluator = await EvaluatorAsync(all, now, cancellationToken) };
        }

        if (User.IsInRole(Roles.Admin))
        {
            model = model with { Admin = await AdminAsync(all, cancellationToken) };
        }

        return View(model);
    }

    private async Task<CoordinatorWork?> CoordinatorAsync(IReadOnlyList<Period> all, string region, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var period = all.FirstOrDefault(p => p.Status == PeriodStatus.Open) ?? all.FirstOrDefault(p => p.Status != PeriodStatus.Draft);
        var context = period is null ? null : await entry.LoadAsync(new Scope(period.Code, region), cancellationToken);
        if (period is null || context is null)
        {
            return null;
        }

        var stored = await submissions.GetValuesAsync(new Scope(period.Code, region), cancellationToken);
        var list = await programmes.ListAsync(new Scope(period.Code, region), cancellationToken);
        var names = list.ToDictionary(p => p.Id.ToString(), p => p.Name, StringComparer.Ordinal);
        var risks = list.SelectMany(p => p.Risks.Select(r => (r.Id, Name: $"{p.Name}: {r.Title}"))).ToDictionary(r => r.Id.ToString(), r => r.Name, StringComparer.Ordinal);
        var zone = RegionTime.Of(region);
        var deadline = zone.EndOf(period.EntryCloses);
        var daysLeft = period.EntryCloses.DayNumber - DateOnly.FromDateTime(zone.Local(now).DateTime).DayNumber;
        var returned = context.Returns.Select(r => r.Kind == ReviewKinds.Indicator
                ? new ReturnedWork(context.Catalogue.Find(r.Target) is { } i ? $"{i.Clause} {i.Title}" : r.Target, r.Reason,
                    $"/periods/{period.Code}/regions/{region}/entry/{context.Methodology.Definition.MappingOf(r.Target)?.Dimension}#ind-{(context.Catalogue.Find(r.Target)?.Clause ?? r.Target).Replace('.', '-')}")
                : r.Kind is ReviewKinds.Risk or ReviewKinds.Monitoring
                ? new ReturnedWork(
                    $"{text[r.Kind == ReviewKinds.Risk ? "Reviews.RiskRegister" : "Reviews.RiskMonitoring"].Value} · {risks.GetValueOrDefault(r.Target) ?? text["Audit.ARisk"].Value}",
                    r.Reason,
                    $"/periods/{period.Code}/regions/{region}/risks/{r.Target}")
                : new ReturnedWork(names.GetValueOrDefault(r.Target) ?? r.Target, r.Reason, $"/periods/{period.Code}/regions/{region}/programmes/{r.Target}"))
            .ToList();
        // An operator's own unit, and for the coordinator how many of the units with work are ready.
        var scope = new Scope(period.Code, region);
        var unit = SurveyClaims.UnitOf(User) is { } code ? await consolidation.ProgressOfAsync(scope, code, cancellationToken) : null;
        var units = User.IsInRole(Roles.Coordinator) ? await consolidation.ProgressAsync(scope, all: false, cancellationToken) : [];
        return new CoordinatorWork(
            context,
            zone,
            deadline,
            daysLeft,
            EntryPageViewModel.ProgressOf(context, stored),
            returned,
            await surveys.CountResponsesAsync(new Scope(period.Code, region), cancellationToken),
            context.Methodology.Definition.MinimumRespondents)
        {
            Unit = unit,
            Units = units,
        };
    }

    private async Task<EvaluatorWork?> EvaluatorAsync(IReadOnlyList<Period> all, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var period = all.FirstOrDefault(p => p.Status != PeriodStatus.Draft);
        var methodology = period?.MethodologyLabel is { } label ? await catalogues.GetMethodologyAsync(label, cancellationToken) : null;
        if (period is null || methodology is null)
        {
            return null;
        }

        var me = SurveyClaims.IdOf(User);
        var rows = await reviews.QueueAsync(period.Code, methodology.Id, cancellationToken);
        var mine = rows.Where(r => r.Evaluators.Any(e => e.Id == me)).ToList();
        var waiting = rows.Where(r => r.Status == RegionStates.Submitted).ToList();
        static int Days(QueueRow r, DateTimeOffset now) => r.SubmittedAt is { } at ? Math.Max(0, (int)(now - at).TotalDays) : 0;
        var shown = (mine.Count > 0 ? mine : waiting)
            .OrderBy(r => r.Status == RegionStates.Submitted ? 0 : r.Status == RegionStates.Returned ? 1 : 2)
            .ThenBy(r => r.SubmittedAt ?? DateTimeOffset.MaxValue)
            .Select(r => new RegionWork(r, Days(r, now)))
            .ToList();
        return new EvaluatorWork(period, mine.Count > 0, shown, waiting.Count, waiting.Count(r => r.Evaluators.Count == 0));
    }

    private async Task<IReadOnlyList<PeriodWork>> AdminAsync(IReadOnlyList<Period> all, CancellationToken cancellationToken)
    {
        var work = new List<PeriodWork>();
        foreach (var period in all)
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            if (period.Status is PeriodStatus.Open or PeriodStatus.Closed && period.MethodologyLabel is { } label
                && await catalogues.GetMethodologyAsync(label, cancellationToken) is { } methodology)
            {
                foreach (var group in (await reviews.QueueAsync(period.Code, methodology.Id, cancellationToken)).GroupBy(r => r.Status, StringComparer.Ordinal))
                {
                    counts[group.Key] = group.Count();
                }
            }

            work.Add(new PeriodWork(period, counts, NextStep(period, counts)));
        }

        return work;
    }

    /// <summary>What a period needs next from the administrator.</summary>
    internal static (string Key, string Href) NextStep(Period period, IReadOnlyDictionary<string, int> counts)
    {
        var open = counts.GetValueOrDefault(RegionStates.Submitted) + counts.GetValueOrDefault(RegionStates.Returned);
        return period.Status switch
        {
            PeriodStatus.Draft => ("Workbench.Next.Open", "/admin/periods"),
            PeriodStatus.Open => ("Workbench.Next.Entry", $"/admin/periods/{period.Code}/close"),
            PeriodStatus.Closed when open > 0 => ("Workbench.Next.Review", $"/periods/{period.Code}/reviews"),
            PeriodStatus.Closed => ("Workbench.Next.Publish", $"/admin/periods/{period.Code}/publish"),
            _ => ("Workbench.Next.Published", $"/public/periods/{period.Code}"),
        };
    }
}

public sealed record WorkbenchViewModel(DateTimeOffset Now)
{
    public CoordinatorWork? Coordinator { get; init; }

    public EvaluatorWork? Evaluator { get; init; }

    public IReadOnlyList<PeriodWork>? Admin { get; init; }
}

public sealed record CoordinatorWork(
    EntryContext Context,
    IndonesianTimeZone Zone,
    DateTimeOffset Deadline,
    int DaysLeft,
    IReadOnlyList<DimensionProgress> Progress,
    IReadOnlyList<ReturnedWork> Returned,
    int Responses,
    int MinimumResponses)
{
    public string Base => $"/periods/{Context.Period.Code}/regions/{Context.Region.Code}";

    /// <summary>For a unit operator: its unit's contribution.</summary>
    public UnitProgress? Unit { get; init; }

    /// <summary>For a coordinator: the units with work in the period.</summary>
    public IReadOnlyList<UnitProgress> Units { get; init; } = [];
}

public sealed record ReturnedWork(string Title, string Reason, string Href);

public sealed record EvaluatorWork(Period Period, bool Assigned, IReadOnlyList<RegionWork> Regions, int Waiting, int WaitingUnassigned);

public sealed record RegionWork(QueueRow Row, int DaysWaiting);

public sealed record PeriodWork(Period Period, IReadOnlyDictionary<string, int> Counts, (string Key, string Href) Next);
