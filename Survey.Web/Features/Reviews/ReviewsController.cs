using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Accounts;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Reviews;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Reviews;

/// <summary>The evaluator's pages: the queue of a period, the review of one region, and a region's history.</summary>
public sealed class ReviewsController(
    ReviewHandler service,
    Survey.Domain.Units.IUnitRepository units,
    Survey.Domain.Units.IAssignmentRepository assignments,
    MonitoringHandler monitoring,
    IReviewRepository reviews,
    IPeriodRepository periods,
    ICatalogueRepository catalogues,
    IAccountRepository accounts,
    Survey.Domain.Audit.IAuditRepository audit,
    Survey.Web.Features.Risks.NationalWarningReader warnings,
    IStringLocalizer<SharedResource> text) : Controller
{
    /// <summary>The queue of the newest period that is not a draft.</summary>
    [HttpGet("/reviews")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Latest(CancellationToken cancellationToken)
    {
        var latest = (await periods.ListAsync(cancellationToken)).FirstOrDefault(p => p.Status != PeriodStatus.Draft);
        // The filters travel with the redirect: /reviews?status=submitted is the queue of the newest period, filtered.
        return latest is null ? View("NoPeriods") : Redirect($"/periods/{latest.Code}/reviews{Request.QueryString}");
    }

    [HttpGet("/periods/{period}/reviews")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Queue(string period, [FromQuery] QueueFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var found = await periods.FindAsync(period, cancellationToken);
        var methodology = found?.MethodologyLabel is { } label ? await catalogues.GetMethodologyAsync(label, cancellationToken) : null;
        if (found is null || methodology is null)
        {
            return NotFound();
        }

        var me = SurveyClaims.IdOf(User);
        var rows = await reviews.QueueAsync(period, methodology.Id, cancellationToken);
        var flagged = await warnings.ByRegionAsync(period, cancellationToken);
        var filtered = rows
            .Where(r => string.IsNullOrEmpty(filter.Status) || r.Status == filter.Status)
            .Where(r => string.IsNullOrEmpty(filter.Province) || r.Province == filter.Province)
            .Where(r => string.IsNullOrEmpty(filter.Kind) || r.Kind == filter.Kind);
        IOrderedEnumerable<QueueRow> ordered = filtered.OrderByDescending(r => r.Evaluators.Any(e => e.Id == me));
        ordered = filter.Sort switch
        {
            "waiting" => ordered.ThenBy(r => r.SubmittedAt ?? DateTimeOffset.MaxValue),
            "flags" => ordered.ThenByDescending(r => r.Flags),
            "warnings" => ordered.ThenByDescending(r => flagged[r.Region].Count()),
            "status" => ordered.ThenBy(r => r.Status, StringComparer.Ordinal),
            "name" => ordered.ThenBy(r => r.Name, StringComparer.Ordinal),
            _ => ordered.ThenBy(r => r.Status == RegionStates.Submitted ? 0 : 1).ThenBy(r => r.SubmittedAt ?? DateTimeOffset.MaxValue),
        };
        var evaluators = User.IsInRole(Roles.Admin)
            ? (await accounts.ListAsync(UserRoles.Evaluator, null, null, cancellationToken)).Where(u => u.DisabledAt is null).Select(u => (u.Id, u.Name)).ToList()
            : [];
        return View(new QueueViewModel(found, methodology.Definition, ordered.ToList(), rows.Select(r => r.Province).Distinct().Order(StringComparer.Ordinal).ToList(), filter, evaluators, me)
        {
            Warnings = flagged,
        });
    }

    [HttpPost("/periods/{period}/reviews/assign")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Assign(string period, [FromForm] string region, [FromForm] List<Guid>? evaluators, CancellationToken cancellationToken)
    {
        await reviews.AssignAsync(region, evaluators ?? [], SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData["Message"] = text["Reviews.Assigned", region].Value;
        return Redirect($"/periods/{period}/reviews");
    }

    [HttpGet("/periods/{period}/regions/{region}/review")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Review(string period, string region, [FromQuery] string? group, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : View(await WithUnitsAsync(new ReviewViewModel(context, new Dictionary<string, string[]>(), null, null), group, cancellationToken));
    }

    // The items are grouped by the unit that produced them when the region works with units (or ?group=unit), by
    // dimension otherwise (or ?group=dimension).
    private async Task<ReviewViewModel> WithUnitsAsync(ReviewViewModel model, string? group, CancellationToken cancellationToken)
    {
        var entry = model.Context.Entry;
        var assigned = await assignments.ListAsync(entry.Scope, cancellationToken);
        var byUnit = group switch
        {
            "unit" => true,
            "dimension" => false,
            _ => assigned.Count > 0 || model.Context.Programmes.Any(p => p.Unit is not null),
        };
        return model with
        {
            Units = await units.ListAsync(entry.Region.Code, cancellationToken),
            Assignments = assigned,
            ByUnit = byUnit,
            Warnings = await monitoring.WarningsAsync(entry, cancellationToken),
            Monitored = (await monitoring.ListAsync(entry, cancellationToken)).Where(m => m.Monitoring is not null).ToDictionary(m => m.Risk.Id, m => m.Monitoring!),
        };
    }

    [HttpPost("/periods/{period}/regions/{region}/review")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Save(string period, string region, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var (marks, levels) = ReviewForm.Read(form);
        var action = form["action"].ToString();
        var acceptedRest = 0;
        if (action == "accept_rest")
        {
            // "Terima semua yang belum ditinjau": every item still open (and not being returned with a reason) is accepted;
            // the marks are saved, no decision is taken.
            acceptedRest = marks.Count(m => m.State == MarkStates.Open && string.IsNullOrWhiteSpace(m.Reason));
            marks = marks.Select(m => m.State == MarkStates.Open && string.IsNullOrWhiteSpace(m.Reason) ? m with { State = MarkStates.Accepted } : m).ToList();
        }

        var decision = action is "return" or "approve" ? action : null;
        var comment = form["decision_comment"].ToString();
        var outcome = await service.ApplyAsync(context, marks, levels, decision, comment, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (!outcome.Succeeded)
        {
            // Back with everything the evaluator typed and a message per item.
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            var typed = context with
            {
                State = context.State with { Marks = [.. marks, .. context.State.Marks.Where(m => !marks.Any(x => x.Kind == m.Kind && x.Target == m.Target))] },
            };
            return View("Review", await WithUnitsAsync(new ReviewViewModel(typed, outcome.Errors, outcome.Refusal == DecisionRefusal.None ? null : ReviewHandler.MessageOf(outcome.Refusal), comment)
            {
                TypedLevels = levels,
            }, form["group"].ToString(), cancellationToken));
        }

        TempData["Message"] = decision switch
        {
            "return" => text["Reviews.Returned"].Value,
            "approve" => text["Reviews.Approved"].Value,
            _ when action == "accept_rest" => text["Reviews.AcceptedRest", acceptedRest].Value,
            _ => text["Reviews.Saved", outcome.Changed].Value,
        };
        return Redirect($"/periods/{period}/regions/{region}/review");
    }

    [HttpGet("/periods/{period}/regions/{region}/history")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> History(string period, string region, [FromQuery] string? key, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var events = await audit.SearchAsync(new Survey.Domain.Audit.AuditQuery(null, region, period, null, null, key), 500, cancellationToken);
        return View(new HistoryViewModel(context, key, events));
    }
}

/// <summary>Filters and sort of the queue.</summary>
public sealed record QueueFilter
{
    public string? Status { get; init; }

    public string? Province { get; init; }

    public string? Kind { get; init; }

    public string? Sort { get; init; }
}

public sealed record QueueViewModel(Period Period, Survey.Domain.Methodology.ScoringMethodology Methodology, IReadOnlyList<QueueRow> Rows, IReadOnlyList<string> Provinces, QueueFilter Filter, IReadOnlyList<(Guid Id, string Name)> Evaluators, Guid? Me)
{
    /// <summary>The early warnings of the period's regions, by region code.</summary>
    public ILookup<string, Survey.Domain.Risks.RegionWarning> Warnings { get; init; } = Array.Empty<Survey.Domain.Risks.RegionWarning>().ToLookup(w => w.Region);
}

public sealed record ReviewViewModel(ReviewContext Context, IReadOnlyDictionary<string, string[]> Errors, string? Refusal, string? DecisionComment)
{
    public IReadOnlyList<VerifiedLevel>? TypedLevels { get; init; }

    public IReadOnlyList<Survey.Domain.Units.Unit> Units { get; init; } = [];

    public IReadOnlyList<Survey.Domain.Units.IndicatorAssignment> Assignments { get; init; } = [];

    /// <summary>The early warnings of the region's programmes.</summary>
    public IReadOnlyList<Survey.Domain.Risks.EarlyWarningFlag> Warnings { get; init; } = [];

    /// <summary>This semester's monitoring entries of the region's risks, by risk id.</summary>
    public IReadOnlyDictionary<Guid, Survey.Domain.Risks.RiskMonitoring> Monitored { get; init; } = new Dictionary<Guid, Survey.Domain.Risks.RiskMonitoring>();

    /// <summary>Whether the items are grouped by unit (else by dimension).</summary>
    public bool ByUnit { get; init; }

    /// <summary>
    /// The sections of the review: per dimension, or per unit (the indicators assigned to it and the programmes it
    /// owns, in the methodology's order), then the items of no unit under <paramref name="noUnit"/>.
    /// </summary>
    public IReadOnlyList<ReviewGroup> Groups(string noUnit)
    {
        var methodology = Context.Entry.Methodology.Definition;
        if (!ByUnit)
        {
            return methodology.Dimensions.Select(d => new ReviewGroup(d.Code, d.Name.ToString(), null,
                methodology.Indicators.Where(m => m.Dimension == d.Code).ToList(), Context.Programmes.Where(p => p.Dimension == d.Code).ToList())).ToList();
        }

        var unitOf = Assignments.ToDictionary(a => a.Key, a => a.Unit, StringComparer.Ordinal);
        var groups = new List<ReviewGroup>();
        foreach (var unit in Units)
        {
            var mappings = methodology.Indicators.Where(m => unitOf.GetValueOrDefault(m.Key) == unit.Code).ToList();
            var owned = Context.Programmes.Where(p => p.Unit == unit.Code).ToList();
            if (mappings.Count > 0 || owned.Count > 0)
            {
                groups.Add(new ReviewGroup("u-" + System.Text.RegularExpressions.Regex.Replace(unit.Code, "[^A-Za-z0-9]", "-"), unit.Name, unit.Code, mappings, owned));
            }
        }

        var known = Units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var rest = methodology.Indicators.Where(m => unitOf.GetValueOrDefault(m.Key) is not { } u || !known.Contains(u)).ToList();
        var unowned = Context.Programmes.Where(p => p.Unit is null || !known.Contains(p.Unit)).ToList();
        if (rest.Count > 0 || unowned.Count > 0)
        {
            groups.Add(new ReviewGroup("u-none", noUnit, null, rest, unowned));
        }

        return groups;
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

/// <summary>One section of the review page: a dimension or a unit, with its indicators and programmes.</summary>
public sealed record ReviewGroup(string Id, string Heading, string? Unit, IReadOnlyList<Survey.Domain.Methodology.IndicatorMapping> Mappings, IReadOnlyList<Survey.Domain.Submissions.Programme> Programmes);

public sealed record HistoryViewModel(ReviewContext Context, string? Key, IReadOnlyList<Survey.Domain.Audit.AuditRow> Events);

/// <summary>Reads the review form: <c>state:KIND:TARGET</c>, <c>reason:…</c>, <c>comment:…</c>, <c>level:ID</c>, <c>note:ID</c>.</summary>
public static class ReviewForm
{
    public static (List<ReviewMark> Marks, List<VerifiedLevel> Levels) Read(IFormCollection form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var marks = new List<ReviewMark>();
        var levels = new List<VerifiedLevel>();
        foreach (var field in form.Keys)
        {
            if (field.StartsWith("state:", StringComparison.Ordinal))
            {
                var rest = field["state:".Length..];
                var colon = rest.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    continue;
                }

                var state = form[field].ToString();
                marks.Add(new ReviewMark(
                    rest[..colon],
                    rest[(colon + 1)..],
                    state is MarkStates.Accepted or MarkStates.Returned ? state : MarkStates.Open,
                    form["reason:" + rest].ToString(),
                    form["comment:" + rest].ToString()));
            }
            else if (field.StartsWith("level:", StringComparison.Ordinal) && Guid.TryParse(field["level:".Length..], out var id))
            {
                var raw = form[field].ToString();
                int? level = int.TryParse(raw, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : string.IsNullOrEmpty(raw) ? null : -1;
                levels.Add(new VerifiedLevel(id, level, form["note:" + id].ToString()));
            }
        }

        return (marks, levels);
    }
}
