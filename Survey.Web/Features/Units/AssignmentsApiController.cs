using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Units;

/// <summary>Which unit produces the data of each indicator of a region in a period (set by its coordinator).</summary>
[Route("api/v1/periods/{period}/regions/{region}/indicator-assignments")]
public sealed class AssignmentsApiController(ScopeReader scopes, AssignmentsHandler assignments) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<AssignmentDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : Ok((await assignments.ListAsync(context.Scope, cancellationToken)).Select(a => new AssignmentDto(a.Key, a.Unit)).ToList());
    }

    /// <summary>Replaces the assignments with the list sent (an indicator left out is unassigned): 200, 422 per item, 409 when not editable.</summary>
    [HttpPut]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Put(string period, string region, [FromBody] List<AssignmentDto> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var context = await scopes.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var (block, errors, changed) = await assignments.ReplaceAsync(context, items.Select(i => (i.Key, i.Unit)).ToList(), SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return block != EntryBlock.None
            ? Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(block, period))
            : errors.Count > 0 ? Unprocessable(new Dictionary<string, string[]>(errors)) : Ok(new { assigned = items.Count, changed });
    }
}

public sealed record AssignmentDto(string? Key, string? Unit);
