using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Obstacles;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Obstacles;

/// <summary>A region's obstacles for a period (same rules as the pages).</summary>
[Route("api/v1/periods/{period}/regions/{region}/obstacles")]
public sealed class ObstaclesApiController(ScopeReader entries, ObstaclesHandler handler) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<ObstacleDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : Ok((await handler.ListAsync(context, cancellationToken)).Select(ObstacleDto.From).ToList());
    }

    /// <summary>Adds an obstacle: 201 with it, 422 per field, 409 when the region's data cannot change now.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<ObstacleDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post(string period, string region, [FromBody] ObstacleDto item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return await SaveAsync(period, region, item with { Id = null }, created: true, cancellationToken);
    }

    /// <summary>Updates an obstacle (a unit operator: only the unit's own); 404 when unknown; a stale <c>version</c> 409.</summary>
    [HttpPut("{id:guid}")]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<ObstacleDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Put(string period, string region, Guid id, [FromBody] ObstacleDto item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null || (await handler.ListAsync(context, cancellationToken)).All(o => o.Id != id))
        {
            return NotFound();
        }

        return await SaveAsync(period, region, item with { Id = id }, created: false, cancellationToken);
    }

    private async Task<IActionResult> SaveAsync(string period, string region, ObstacleDto item, bool created, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await handler.SaveAsync(context, item.ToObstacle(), SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), item.Version, cancellationToken);
        if (outcome.Stale)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.Get("ObstacleChanged"));
        }

        return outcome.Block switch
        {
            EntryBlock.None when outcome.Errors.Count > 0 => Unprocessable(new Dictionary<string, string[]>(outcome.Errors)),
            EntryBlock.None when created => Created($"/api/v1/periods/{period}/regions/{region}/obstacles/{outcome.Saved!.Id}", ObstacleDto.From(outcome.Saved)),
            EntryBlock.None => Ok(ObstacleDto.From(outcome.Saved!)),
            EntryBlock.NotFound => NotFound(),
            EntryBlock.NotYourUnit => Problem(statusCode: StatusCodes.Status403Forbidden, title: EntryBlocks.ApiTitle(EntryBlock.NotYourUnit, period)),
            var block => Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(block, period)),
        };
    }
}

/// <summary>An obstacle as the API reads and writes it; <c>needs_update</c>, <c>updated_by</c> and <c>updated_at</c> are read only.</summary>
public sealed record ObstacleDto(
    Guid? Id,
    Guid? Programme,
    string? Unit,
    Guid? Risk,
    string? Category,
    string? Description,
    string? Cause,
    string? Impact,
    DateOnly? Since,
    string? Solution,
    string? PreventiveStep,
    string? SupportNeededFrom,
    string? SupportBody,
    string? ResponsibleUnit,
    DateOnly? Due,
    string? Status,
    string? Resolution,
    bool NeedsUpdate = false,
    int? Version = null,
    string? UpdatedBy = null,
    DateTimeOffset? UpdatedAt = null)
{
    public static ObstacleDto From(Obstacle o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new(o.Id, o.Programme, o.Unit, o.Risk, o.Category, o.Description, o.Cause, o.Impact, o.Since, o.Solution, o.PreventiveStep, o.SupportNeededFrom,
            o.SupportBody, o.ResponsibleUnit, o.Due, o.Status, o.Resolution, o.NeedsUpdate, o.Version, o.UpdatedByName, o.UpdatedAt);
    }

    public Obstacle ToObstacle() => new(Id ?? Guid.Empty, Programme, Unit, Risk, Category, Description ?? string.Empty, Cause, Impact, Since, Solution, PreventiveStep,
        SupportNeededFrom ?? SupportLevels.Region, SupportBody, ResponsibleUnit, Due, Status ?? ObstacleStatuses.Open, Resolution);
}
