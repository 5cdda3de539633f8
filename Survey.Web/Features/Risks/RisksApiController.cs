using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Risks;

/// <summary>Every risk of a region's programmes in a period, analysed with the period's risk criteria.</summary>
[Route("api/v1/periods/{period}/regions/{region}/risks")]
public sealed class RisksApiController(ScopeReader entries, SaveProgrammesHandler save, MonitoringHandler monitoring, TimeProvider clock) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<RegionRiskDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var criteria = context is null ? null : await save.CriteriaAsync(context, cancellationToken);
        if (context is null || criteria is null)
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var list = await monitoring.ListAsync(context, cancellationToken);
        return Ok(list.Select(m => RegionRiskDto.From(m, criteria.Definition, context.Methodology.Definition, today)).ToList());
    }

    /// <summary>The early warnings of the region's programmes: untreated risks above the appetite, overdue actions, risen levels, fallen maturity.</summary>
    [HttpGet("/api/v1/periods/{period}/regions/{region}/early-warnings")]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<EarlyWarningDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Warnings(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return Ok((await monitoring.WarningsAsync(context, cancellationToken)).Select(f => new EarlyWarningDto(f.Programme, f.ProgrammeName, f.Code, f.Risk, f.Reason)).ToList());
    }

    /// <summary>
    /// The semester's monitoring of a risk carried over from the previous period: each action's progress, the current
    /// likelihood and impact, whether it occurred, and whether it is closed (with a reason). 422 per field.
    /// </summary>
    [HttpPut("{id:guid}/monitoring")]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<RegionRiskDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public Task<IActionResult> Monitor(string period, string region, Guid id, [FromBody] MonitoringDto body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return WriteAsync(period, region, id, context => monitoring.SaveAsync(context, id, body.ToMonitoring(), SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), cancellationToken),
            block => Entry.EntryBlocks.ApiTitle(block, period), cancellationToken);
    }

    /// <summary>
    /// The evaluator verifies a risk of a submitted region: the verified likelihood and impact with a note (required
    /// when they differ from the region's), like the verified maturity level; both levels null clear it.
    /// </summary>
    [HttpPut("{id:guid}/verification")]
    [Authorize(Policy = Policies.Ministry)]
    [ProducesResponseType<RegionRiskDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public Task<IActionResult> Verify(string period, string region, Guid id, [FromBody] VerificationDto body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        return WriteAsync(period, region, id, context => monitoring.VerifyAsync(context, id, body.Likelihood, body.Impact, body.Note, SurveyClaims.IdOf(User)!.Value, cancellationToken),
            _ => "Only a submitted region's risks are verified.", cancellationToken);
    }

    // One write to a risk of the scope, answered alike: 404 unknown, 403 another unit's, 409 blocked, 422 per field,
    // else the risk as the list shows it now.
    private async Task<IActionResult> WriteAsync(string period, string region, Guid id, Func<EntryContext, Task<MonitoringOutcome>> write, Func<EntryBlock, string> conflict, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var criteria = context is null ? null : await save.CriteriaAsync(context, cancellationToken);
        if (context is null || criteria is null)
        {
            return NotFound();
        }

        var outcome = await write(context);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Block == EntryBlock.NotYourUnit)
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, title: Messages.Get("NotYourUnit"));
        }

        if (outcome.Block != EntryBlock.None)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: conflict(outcome.Block));
        }

        if (outcome.Errors.Count > 0)
        {
            return Unprocessable(new Dictionary<string, string[]>(outcome.Errors));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var saved = (await monitoring.ListAsync(context, cancellationToken)).First(m => m.Risk.Id == id);
        return Ok(RegionRiskDto.From(saved, criteria.Definition, context.Methodology.Definition, today));
    }
}

/// <summary>An early warning: the programme, the rule (<c>untreated</c>, <c>overdue</c>, <c>level_rose</c>, <c>maturity_fell</c>), the risk concerned and the reason.</summary>
public sealed record EarlyWarningDto(Guid Programme, string ProgrammeName, string Code, Guid? Risk, string Reason);

/// <summary>The evaluator's verified position of a risk: both levels (or neither, to clear it) and a note.</summary>
public sealed record VerificationDto(int? Likelihood, int? Impact, string? Note);

/// <summary>A monitoring entry as sent.</summary>
public sealed record MonitoringDto(
    IReadOnlyList<ActionProgressDto>? Actions,
    int Likelihood,
    int Impact,
    bool Occurred = false,
    string? Occurrence = null,
    bool Closed = false,
    string? CloseReason = null)
{
    public Survey.Domain.Risks.RiskMonitoring ToMonitoring()
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return new Survey.Domain.Risks.RiskMonitoring(Guid.Empty, Likelihood, Impact, Occurred, Clean(Occurrence), Closed, Clean(CloseReason),
            (Actions ?? []).Select(a => new Survey.Domain.Risks.ActionProgress(a.Id ?? Guid.Empty, a.Status?.Trim() ?? string.Empty, Clean(a.Result), Clean(a.Evidence))).ToList());
    }
}

/// <summary>One action's progress: its id, <c>done</c>, <c>in_progress</c> or <c>not_started</c>, the result and the evidence (a link or a document).</summary>
public sealed record ActionProgressDto(Guid? Id, string? Status, string? Result, string? Evidence);

/// <summary>An action of a risk as listed: the plan, its progress this semester and whether it is overdue.</summary>
public sealed record RegionActionDto(Guid Id, string Action, string? Output, string? Unit, DateOnly? Due, decimal? Cost, string? Status, string? Result, string? Evidence, bool Overdue);

/// <summary>A risk's monitoring this semester as listed.</summary>
public sealed record RegionMonitoringDto(int Likelihood, int Impact, int Magnitude, string Level, bool Occurred, string? Occurrence, bool Closed, string? CloseReason, string? UpdatedBy, DateTimeOffset? UpdatedAt);

/// <summary>One risk of the region: its programme and owning unit, the analysis, the action plan and the semester's monitoring.</summary>
public sealed record RegionRiskDto(
    Guid Id,
    Guid Programme,
    string ProgrammeName,
    string Dimension,
    string? Unit,
    string Title,
    string Type,
    string? Category,
    string? ImpactArea,
    int Likelihood,
    int Impact,
    int Magnitude,
    string Level,
    bool NeedsTreatment,
    string? TreatmentOption,
    int? ResidualLikelihood,
    int? ResidualImpact,
    int? ResidualMagnitude,
    string? ResidualLevel,
    IReadOnlyList<RegionActionDto> Actions,
    bool CarriedOver,
    bool NeedsMonitoring,
    RegionMonitoringDto? Monitoring)
{
    public int? VerifiedLikelihood { get; init; }

    public int? VerifiedImpact { get; init; }

    public int? VerifiedMagnitude { get; init; }

    public string? VerifiedLevel { get; init; }

    public string? VerifiedNote { get; init; }

    public static RegionRiskDto From(MonitoredRisk m, Survey.Domain.Risks.RiskCriteria criteria, Survey.Domain.Methodology.ScoringMethodology methodology, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(criteria);
        var (p, r) = (m.Programme, m.Risk);
        var dto = Programmes.RiskDto.From(r, methodology, criteria);
        var actions = r.Actions.Select(a =>
        {
            var progress = m.Monitoring?.Actions.FirstOrDefault(x => x.Action == a.Id);
            return new RegionActionDto(a.Id, a.Action, a.Output, a.Unit, a.Due, a.Cost, progress?.Status, progress?.Result, progress?.Evidence,
                Survey.Domain.Risks.MonitoringRules.IsOverdue(a, progress, today));
        }).ToList();
        var monitored = m.Monitoring is { } e && e.CurrentLikelihood is >= 1 and <= 5 && e.CurrentImpact is >= 1 and <= 5
            ? new RegionMonitoringDto(e.CurrentLikelihood, e.CurrentImpact, criteria.Magnitude(e.CurrentLikelihood, e.CurrentImpact),
                criteria.Position(e.CurrentLikelihood, e.CurrentImpact).Band.Code, e.Occurred, e.Occurrence, e.Closed, e.CloseReason, e.UpdatedBy, e.UpdatedAt)
            : null;
        return new RegionRiskDto(r.Id, p.Id, p.Name, p.Dimension, p.Unit, r.Title, r.Type, r.Category, r.ImpactArea, r.Likelihood, r.Impact,
            dto.Magnitude ?? 0, dto.Level ?? string.Empty, dto.NeedsTreatment ?? false, r.TreatmentOption, r.ResidualLikelihood, r.ResidualImpact,
            dto.ResidualMagnitude, dto.ResidualLevel, actions, m.CarriedOver, m.CarriedOver && m.Monitoring is null, monitored)
        {
            VerifiedLikelihood = r.VerifiedLikelihood,
            VerifiedImpact = r.VerifiedImpact,
            VerifiedMagnitude = r.VerifiedLikelihood is { } vl && r.VerifiedImpact is { } vi ? criteria.Magnitude(vl, vi) : null,
            VerifiedLevel = r.VerifiedLikelihood is { } bl && r.VerifiedImpact is { } bi ? criteria.Position(bl, bi).Band.Code : null,
            VerifiedNote = r.VerifiedNote,
        };
    }
}
