using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Units;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Units;

/// <summary>
/// The region's consolidation of its units' work in a period: every unit's progress (the coordinator, the unit
/// operators and the evaluators read it), a unit marking its contribution ready, the coordinator returning one.
/// </summary>
[Route("api/v1/periods/{period}/regions/{region}/units")]
public sealed class ConsolidationApiController(ScopeReader scopes, ConsolidationHandler consolidation) : ApiControllerBase
{
    /// <summary>Every unit with work in the period (<c>?all=true</c>: every unit of the region) and its progress.</summary>
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<UnitProgressDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(string period, string region, [FromQuery] bool all, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : Ok((await consolidation.ProgressAsync(context.Scope, all, cancellationToken)).Select(UnitProgressDto.From).ToList());
    }

    /// <summary>One unit's progress.</summary>
    [HttpGet("{code}")]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<UnitProgressDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> One(string period, string region, string code, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        return context is not null && await consolidation.ProgressOfAsync(context.Scope, code, cancellationToken) is { } progress ? Ok(UnitProgressDto.From(progress)) : NotFound();
    }

    /// <summary>
    /// Marks the unit's contribution ready: its operator (own unit only, else 403), the coordinator or an
    /// administrator. 422 while an assigned indicator has no answer; 409 once the region is submitted.
    /// </summary>
    [HttpPost("{code}/ready")]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<UnitProgressDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Ready(string period, string region, string code, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return Answer(await consolidation.MarkReadyAsync(context, code, SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), cancellationToken), period);
    }

    /// <summary>Returns a ready contribution with <c>{"reason"}</c> (coordinator, administrator): the unit's operators are notified. 409 when it is not ready.</summary>
    [HttpPost("{code}/return")]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType<UnitProgressDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Return(string period, string region, string code, [FromBody] UnitReturnDto body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return Answer(await consolidation.ReturnAsync(context, code, body.Reason, SurveyClaims.IdOf(User)!.Value, cancellationToken), period);
    }

    private IActionResult Answer(ContributionOutcome outcome, string period) => outcome switch
    {
        { Block: EntryBlock.NotFound } => NotFound(),
        { Block: EntryBlock.NotYourUnit } => Problem(statusCode: StatusCodes.Status403Forbidden, title: Messages.Get("NotYourUnit")),
        { Block: not EntryBlock.None } => Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(outcome.Block, period)),
        { Conflict: true } => Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Error),
        { Error: { } error } => Unprocessable(new Dictionary<string, string[]> { [outcome.Field] = [error] }),
        _ => Ok(UnitProgressDto.From(outcome.Progress!)),
    };
}

/// <summary>The reason a contribution is returned.</summary>
public sealed record UnitReturnDto(string? Reason);

/// <summary>When and by whom a unit's data last changed.</summary>
public sealed record LastChangeDto(DateTimeOffset At, string? By);

/// <summary>A unit's progress in a period, as the API answers it.</summary>
public sealed record UnitProgressDto(
    string Code,
    string Name,
    string Kind,
    bool Active,
    int IndicatorsAssigned,
    int IndicatorsFilled,
    int Programmes,
    int Risks,
    bool Ready,
    string Status,
    string? Reason,
    DateTimeOffset? StatusAt,
    string? StatusBy,
    LastChangeDto? LastChange,
    int Returns)
{
    public static UnitProgressDto From(UnitProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new UnitProgressDto(p.Code, p.Name, p.Kind, p.Active, p.IndicatorsAssigned, p.IndicatorsFilled, p.Programmes, p.Risks, p.Ready, p.Status,
            p.Status == ContributionStatuses.Returned ? p.Reason : null, p.StatusAt, p.StatusBy, p.LastChangeAt is { } at ? new LastChangeDto(at, p.LastChangeBy) : null, p.Returns);
    }
}
