using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Audit;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Domain.Units;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Units;

/// <summary>
/// The units' work in a period on pages: the region's overview of every unit's progress, and one unit's page (its
/// programmes with maturity and risks, its indicators, its history) where the unit marks its contribution ready
/// and the coordinator returns it with a reason.
/// </summary>
[Route("periods/{period}/regions/{region}/units")]
public sealed class ConsolidationController(
    ScopeReader scopes,
    ConsolidationHandler consolidation,
    IUnitRepository units,
    IProgrammeRepository programmes,
    IAssignmentRepository assignments,
    ISubmissionRepository submissions,
    IAuditRepository audit,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, [FromQuery] bool all, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var progress = await consolidation.ProgressAsync(context.Scope, all, cancellationToken);
        return View("Consolidation", new ConsolidationViewModel(context, progress, all, SurveyClaims.UnitOf(User)));
    }

    [HttpGet("{code}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Unit(string period, string region, string code, CancellationToken cancellationToken) =>
        await UnitPageAsync(period, region, code, null, null, cancellationToken);

    [HttpPost("{code}/ready")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> Ready(string period, string region, string code, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await consolidation.MarkReadyAsync(context, code, SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), cancellationToken);
        switch (outcome)
        {
            case { Block: EntryBlock.NotFound }:
                return NotFound();
            case { Block: EntryBlock.NotYourUnit }:
                return Forbid();
            case { Block: not EntryBlock.None }:
                TempData["Error"] = text[EntryBlocks.MessageKey(outcome.Block)].Value;
                break;
            case { Error: { } error }:
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await UnitPageAsync(period, region, code, null, error, cancellationToken);
            default:
                TempData["Message"] = text["Consolidation.MarkedReady", outcome.Progress!.Name].Value;
                break;
        }

        return Redirect($"/periods/{period}/regions/{region}/units/{Uri.EscapeDataString(code)}");
    }

    [HttpPost("{code}/return")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Return(string period, string region, string code, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await consolidation.ReturnAsync(context, code, reason, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        switch (outcome)
        {
            case { Block: EntryBlock.NotFound }:
                return NotFound();
            case { Block: not EntryBlock.None }:
                TempData["Error"] = text[EntryBlocks.MessageKey(outcome.Block)].Value;
                break;
            case { Error: { } error }:
                Response.StatusCode = outcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                return await UnitPageAsync(period, region, code, reason, error, cancellationToken);
            default:
                TempData["Message"] = text["Consolidation.Returned", outcome.Progress!.Name].Value;
                break;
        }

        return Redirect($"/periods/{period}/regions/{region}/units/{Uri.EscapeDataString(code)}");
    }

    private async Task<IActionResult> UnitPageAsync(string period, string region, string code, string? typedReason, string? error, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        var unit = context is null ? null : await units.FindAsync(region, code, cancellationToken);
        var progress = unit is null ? null : await consolidation.ProgressOfAsync(context!.Scope, unit.Code, cancellationToken);
        if (context is null || unit is null || progress is null)
        {
            return NotFound();
        }

        var all = await programmes.ListAsync(context.Scope, cancellationToken);
        var involved = all.Where(p => p.Involves(unit.Code)).ToList();
        var assigned = (await assignments.ListAsync(context.Scope, cancellationToken)).Where(a => a.Unit == unit.Code).Select(a => a.Key).ToList();
        var values = await submissions.GetValuesAsync(context.Scope, cancellationToken);
        var keys = new List<string> { unit.Code, $"{region}/{unit.Code}" };
        keys.AddRange(all.Where(p => p.Unit == unit.Code).Select(p => p.Id.ToString()));
        keys.AddRange(assigned);
        var history = await audit.SearchAsync(new AuditQuery(null, region, null, null, null, null, Keys: keys), 50, cancellationToken);
        var operatorUnit = SurveyClaims.UnitOf(User);
        var canWork = context.WriteBlock == EntryBlock.None && context.Status == SubmissionStatus.Draft
            && (await authorization.AuthorizeAsync(User, null, Policies.UnitWrite)).Succeeded && (operatorUnit is null || operatorUnit == unit.Code);
        var canReturn = context.WriteBlock == EntryBlock.None && context.Status == SubmissionStatus.Draft
            && (await authorization.AuthorizeAsync(User, null, Policies.RegionWrite)).Succeeded;
        return View("Unit", new UnitPageViewModel(context, unit, progress, involved, assigned.Select(k => (k, values.GetValueOrDefault(k))).ToList(), history)
        {
            CanMarkReady = canWork && unit.Active && !progress.Ready,
            CanReturn = canReturn && progress.Ready,
            TypedReason = typedReason,
            Error = error,
            Units = (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal),
        });
    }
}

public sealed record ConsolidationViewModel(EntryContext Context, IReadOnlyList<UnitProgress> Progress, bool All, string? OwnUnit);

public sealed record UnitPageViewModel(
    EntryContext Context,
    Unit Unit,
    UnitProgress Progress,
    IReadOnlyList<Programme> Programmes,
    IReadOnlyList<(string Key, StoredIndicatorValue? Value)> Indicators,
    IReadOnlyList<AuditRow> History)
{
    public bool CanMarkReady { get; init; }

    public bool CanReturn { get; init; }

    public string? TypedReason { get; init; }

    public string? Error { get; init; }

    /// <summary>The region's unit names by code.</summary>
    public IReadOnlyDictionary<string, string> Units { get; init; } = new Dictionary<string, string>();
}
