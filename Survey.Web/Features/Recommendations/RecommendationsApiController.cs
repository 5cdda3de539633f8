using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Recommendations;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Recommendations;

/// <summary>The evaluator's recommendations to a region, their follow-up and its verification (same rules as the page).</summary>
[Route("api/v1/periods/{period}/regions/{region}/recommendations")]
public sealed class RecommendationsApiController(ScopeReader entries, RecommendationsHandler handler) : ApiControllerBase
{
    /// <summary>Those written in the period and the earlier ones still open (or closed in this period or the one before).</summary>
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<RecommendationDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : Ok((await handler.ListAsync(context, cancellationToken)).Select(r => RecommendationDto.From(r, period)).ToList());
    }

    /// <summary>Writes a recommendation (evaluators only): 201 with it, 422 per field.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Ministry)]
    [ProducesResponseType<RecommendationDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post(string period, string region, [FromBody] NewRecommendationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await handler.AddAsync(context, request.ToRecommendation(), SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return outcome.Errors.Count > 0
            ? Unprocessable(new Dictionary<string, string[]>(outcome.Errors))
            : Created($"/api/v1/periods/{period}/regions/{region}/recommendations#{outcome.Saved!.Id}", RecommendationDto.From(outcome.Saved, period));
    }

    /// <summary>The region's follow-up in the period: 200, 422 per field, 409 when the region's data cannot change now.</summary>
    [HttpPut("{id:guid}/follow-up")]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<RecommendationDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> FollowUp(string period, string region, Guid id, [FromBody] FollowUpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await handler.FollowUpAsync(context, id, new FollowUp(period, request.Status ?? string.Empty, request.Action, request.Reason, request.Evidence),
            SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), cancellationToken);
        return Answer(outcome, period);
    }

    /// <summary>The evaluator's verification of the period's follow-up: 200, 422 per field, 409 before the region has submitted.</summary>
    [HttpPost("{id:guid}/verification")]
    [Authorize(Policy = Policies.Ministry)]
    [ProducesResponseType<RecommendationDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Verify(string period, string region, Guid id, [FromBody] VerificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return Answer(await handler.VerifyAsync(context, id, request.Verdict, request.Note, SurveyClaims.IdOf(User)!.Value, cancellationToken), period);
    }

    private IActionResult Answer(RecommendationOutcome outcome, string period)
    {
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.NotSubmitted)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: Messages.Get("VerificationNotSubmitted"));
        }

        return outcome.Block switch
        {
            EntryBlock.None when outcome.Errors.Count > 0 => Unprocessable(new Dictionary<string, string[]>(outcome.Errors)),
            EntryBlock.None => Ok(RecommendationDto.From(outcome.Saved!, period)),
            EntryBlock.NotYourUnit => Problem(statusCode: StatusCodes.Status403Forbidden, title: EntryBlocks.ApiTitle(EntryBlock.NotYourUnit, period)),
            var block => Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(block, period)),
        };
    }
}

public sealed record NewRecommendationRequest(string? AddressedTo, string? Dimension, Guid? Programme, Guid? Risk, Guid? Obstacle, string? Text, string? Priority, string? DuePeriod)
{
    public Recommendation ToRecommendation() => new(Guid.Empty, string.Empty, AddressedTo ?? string.Empty, Dimension, Programme, Risk, Obstacle, Text ?? string.Empty, Priority ?? string.Empty, DuePeriod ?? string.Empty);
}

public sealed record FollowUpRequest(string? Status, string? Action, string? Reason, string? Evidence);

public sealed record VerificationRequest(string? Verdict, string? Note);

public sealed record FollowUpDto(string Period, string Status, string? Action, string? Reason, string? Evidence, string? UpdatedBy, DateTimeOffset? UpdatedAt,
    string? Verdict, string? VerdictNote, string? VerifiedBy, DateTimeOffset? VerifiedAt);

/// <summary>A recommendation as the API answers it, with <c>due</c> (a follow-up is owed in the period asked) and every follow-up.</summary>
public sealed record RecommendationDto(
    Guid Id, string Period, string AddressedTo, string? Dimension, Guid? Programme, Guid? Risk, Guid? Obstacle, string Text, string Priority, string DuePeriod,
    string Status, string? ClosedPeriod, bool Due, bool FollowedUp, string? CreatedBy, DateTimeOffset? CreatedAt, IReadOnlyList<FollowUpDto> FollowUps)
{
    public static RecommendationDto From(Recommendation r, string period)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.Period, r.AddressedTo, r.Dimension, r.Programme, r.Risk, r.Obstacle, r.Text, r.Priority, r.DuePeriod,
            r.IsOpen ? "open" : "closed", r.ClosedPeriod, r.IsDueIn(period), r.FollowUpIn(period) is not null, r.CreatedByName, r.CreatedAt,
            r.FollowUps.Select(f => new FollowUpDto(f.Period, f.Status, f.Action, f.Reason, f.Evidence, f.UpdatedByName, f.UpdatedAt, f.Verdict, f.VerdictNote, f.VerifiedByName, f.VerifiedAt)).ToList());
    }
}
