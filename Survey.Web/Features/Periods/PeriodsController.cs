using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Periods;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Periods;

/// <summary>Administrators create, open and close periods.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class PeriodsController(IPeriodRepository periods, PeriodsHandler service, IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("/admin/periods")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new PeriodsViewModel(await periods.ListAsync(cancellationToken), new PeriodForm { Methodology = "v1" }));

    [HttpPost("/admin/periods")]
    public async Task<IActionResult> Create([FromForm] PeriodForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var opens = DateOnly.TryParse(form.EntryOpens, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : (DateOnly?)null;
        var closes = DateOnly.TryParse(form.EntryCloses, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : (DateOnly?)null;
        var (period, errors) = await service.CreateAsync(new NewPeriod(form.Code?.Trim().ToUpperInvariant().Replace("-S", "-S", StringComparison.Ordinal), opens, closes, form.Methodology?.Trim()), SurveyClaims.IdOf(User), cancellationToken);
        if (period is null)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new PeriodsViewModel(await periods.ListAsync(cancellationToken), form));
        }

        TempData["Message"] = text["Periods.Created", PeriodCodes.DisplayName(period.Code)].Value;
        return Redirect("/admin/periods");
    }

    [HttpPost("/admin/periods/{period}/open")]
    public Task<IActionResult> Open(string period, CancellationToken cancellationToken) => MoveAsync(period, PeriodStatus.Draft, PeriodStatus.Open, cancellationToken);

    /// <summary>What closing means, before it is done: the regions that have not submitted yet.</summary>
    [HttpGet("/admin/periods/{period}/close")]
    public async Task<IActionResult> ConfirmClose(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var (plan, _) = PublicationRules.Plan(await periods.StandingsAsync(period, cancellationToken), []);
        return View("Close", new ConfirmPeriodViewModel(found, plan, new Dictionary<string, string>(), null, new Dictionary<string, string[]>()));
    }

    [HttpPost("/admin/periods/{period}/close")]
    public Task<IActionResult> Close(string period, CancellationToken cancellationToken) => MoveAsync(period, PeriodStatus.Open, PeriodStatus.Closed, cancellationToken);

    /// <summary>The confirmation page of a publication: every participating region by state; blocking ones can be excluded with a reason.</summary>
    [HttpGet("/admin/periods/{period}/publish")]
    public async Task<IActionResult> ConfirmPublish(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var (plan, _) = PublicationRules.Plan(await periods.StandingsAsync(period, cancellationToken), []);
        return View("Publish", new ConfirmPeriodViewModel(found, plan, new Dictionary<string, string>(), null, new Dictionary<string, string[]>()));
    }

    [HttpPost("/admin/periods/{period}/publish")]
    public async Task<IActionResult> Publish(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var form = await Request.ReadFormAsync(cancellationToken);
        var reason = form["reason"].ToString();
        var excluded = form["exclude"].Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).Distinct(StringComparer.Ordinal).ToList();
        var typed = excluded.ToDictionary(c => c, c => form[$"exclude_reason_{c}"].ToString(), StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (found.Status == PeriodStatus.Published && string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = [text["Periods.RepublishReason"].Value];
        }
        else if (reason.Length > 1000)
        {
            errors["reason"] = [Survey.Domain.Common.Messages.Get("TooLong", Survey.Domain.Common.Messages.Field("reason"), 1000)];
        }

        Survey.Domain.Scoring.PublicationOutcome? outcome = null;
        if (errors.Count == 0)
        {
            outcome = await service.PublishAsync(period, reason, typed.Select(t => new PublicationExclusion(t.Key, t.Value)).ToList(), SurveyClaims.IdOf(User)!.Value, cancellationToken);
            if (outcome.Snapshot is { } snapshot)
            {
                TempData["Message"] = text["Periods.Published", PeriodCodes.DisplayName(period), snapshot.Version, snapshot.Regions, outcome.Plan!.Exclusions.Count].Value;
                return Redirect("/admin/periods");
            }

            if (outcome.NotClosed)
            {
                errors["period"] = [text["Periods.PublishNotClosed", PeriodCodes.DisplayName(period)].Value];
            }

            foreach (var (field, messages) in outcome.Errors)
            {
                errors[field] = messages;
            }

            if (outcome.Errors.Count == 0 && outcome.Plan is { CanPublish: false } refused)
            {
                errors["blocking"] = [text["Periods.PublishBlocked", refused.Blocking.Count].Value];
            }
        }

        // Back with everything typed: the exclusions ticked, their reasons and the re-publication reason.
        Response.StatusCode = outcome?.NotClosed == true || outcome?.Plan is { CanPublish: false } ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
        var (plan, _) = PublicationRules.Plan(await periods.StandingsAsync(period, cancellationToken), []);
        return View("Publish", new ConfirmPeriodViewModel(found, plan, typed, reason, errors));
    }

    private async Task<IActionResult> MoveAsync(string code, PeriodStatus from, PeriodStatus to, CancellationToken cancellationToken)
    {
        var moved = await service.MoveAsync(code, from, to, SurveyClaims.IdOf(User), cancellationToken);
        TempData[moved is null ? "Error" : "Message"] = moved is null
            ? text["Periods.NotMoved", code].Value
            : text["Periods.Moved." + PeriodCodes.NameOf(to), PeriodCodes.DisplayName(code)].Value;
        return Redirect("/admin/periods");
    }
}

public sealed record PeriodForm
{
    public string? Code { get; init; }

    public string? EntryOpens { get; init; }

    public string? EntryCloses { get; init; }

    public string? Methodology { get; init; }
}

public sealed record PeriodsViewModel(IReadOnlyList<Period> Periods, PeriodForm Form);

/// <summary>The confirmation of closing or publishing a period.</summary>
/// <param name="Period">The period.</param>
/// <param name="Plan">Every participating region by state (no exclusions applied).</param>
/// <param name="Excluded">The regions ticked for exclusion, with the reason typed.</param>
/// <param name="Reason">The re-publication reason typed.</param>
/// <param name="Errors">Messages by field (<c>reason</c>, <c>exclusions.{region}</c>, <c>blocking</c>, <c>period</c>).</param>
public sealed record ConfirmPeriodViewModel(Period Period, PublicationPlan Plan, IReadOnlyDictionary<string, string> Excluded, string? Reason, IReadOnlyDictionary<string, string[]> Errors);
