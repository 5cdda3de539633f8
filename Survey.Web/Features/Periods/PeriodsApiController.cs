using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Periods;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Periods;

/// <summary>Semester periods for scripts: list (signed-in), create, open and close (administrators).</summary>
[Route("api/v1/periods")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class PeriodsApiController(IPeriodRepository periods, PeriodsHandler service) : ApiControllerBase
{
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<PeriodResponse>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<PeriodResponse>> List(CancellationToken cancellationToken) =>
        (await periods.ListAsync(cancellationToken)).Select(PeriodResponse.From).ToList();

    /// <summary>Creates a draft period; 422 with per-field errors, 409 when the code exists.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<PeriodResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Create([FromBody] CreatePeriodRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (period, errors) = await service.CreateAsync(new NewPeriod(request.Code, request.EntryOpens, request.EntryCloses, request.Methodology), SurveyClaims.IdOf(User), cancellationToken);
        if (period is null)
        {
            return errors.TryGetValue("conflict", out var conflict)
                ? Problem(statusCode: StatusCodes.Status409Conflict, title: conflict[0])
                : Unprocessable(errors);
        }

        return Created($"/api/v1/periods/{period.Code}", PeriodResponse.From(period));
    }

    [HttpPost("{period}/open")]
    [Authorize(Policy = Policies.Admin)]
    public Task<IActionResult> Open(string period, CancellationToken cancellationToken) => MoveAsync(period, PeriodStatus.Draft, PeriodStatus.Open, cancellationToken);

    [HttpPost("{period}/close")]
    [Authorize(Policy = Policies.Admin)]
    public Task<IActionResult> Close(string period, CancellationToken cancellationToken) => MoveAsync(period, PeriodStatus.Open, PeriodStatus.Closed, cancellationToken);

    /// <summary>What a publication would hold now: every participating region by state, and those that block it.</summary>
    [HttpGet("{period}/publication")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<PublicationResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Publication(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var (plan, _) = PublicationRules.Plan(await periods.StandingsAsync(period, cancellationToken), []);
        return Ok(PublicationResponse.From(found, plan));
    }

    /// <summary>
    /// Publishes a closed period, or re-publishes a published one (give the reason): a new immutable snapshot of the
    /// reviewed regions' scores. 409 when the period is not closed, or with <c>blocking</c> (every region submitted but
    /// not reviewed, or returned) unless those are excluded with a reason in <c>exclusions</c>.
    /// </summary>
    [HttpPost("{period}/publish")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Publish(string period, [FromBody] PublishRequest? request, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        if (found.Status == PeriodStatus.Published && string.IsNullOrWhiteSpace(request?.Reason))
        {
            return Unprocessable(new Dictionary<string, string[]> { ["reason"] = ["a re-publication needs a reason"] });
        }

        if (request?.Reason?.Length > 1000)
        {
            return Unprocessable(new Dictionary<string, string[]> { ["reason"] = [Survey.Domain.Common.Messages.Get("TooLong", Survey.Domain.Common.Messages.Field("reason"), 1000)] });
        }

        var exclusions = (request?.Exclusions ?? []).Select(e => new PublicationExclusion(e.Region ?? string.Empty, e.Reason ?? string.Empty)).ToList();
        var outcome = await service.PublishAsync(period, request?.Reason, exclusions, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (outcome.NotClosed)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: $"Period {period} is not closed: close it before publishing.");
        }

        if (outcome.Errors.Count > 0)
        {
            return Unprocessable(outcome.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        if (outcome.Snapshot is not { } snapshot)
        {
            return Conflict(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5.10",
                title = "Regions still wait for review or are returned: review them, or exclude them with a reason.",
                status = StatusCodes.Status409Conflict,
                blocking = outcome.Plan!.Blocking.Select(r => new { region = r.Region, name = r.Name, status = r.Status }),
            });
        }

        return Ok(new
        {
            period,
            status = "published",
            snapshot = new { version = snapshot.Version, content_hash = snapshot.ContentHash, regions = snapshot.Regions, created_at = snapshot.CreatedAt },
            included = outcome.Plan!.Included.Select(r => r.Region),
            excluded = outcome.Plan.Exclusions.Select(e => new { region = e.Region, reason = e.Reason }),
            not_submitted = outcome.Plan.NotSubmitted.Select(r => r.Region),
        });
    }

    private async Task<IActionResult> MoveAsync(string code, PeriodStatus from, PeriodStatus to, CancellationToken cancellationToken)
    {
        if (await periods.FindAsync(code, cancellationToken) is null)
        {
            return NotFound();
        }

        var moved = await service.MoveAsync(code, from, to, SurveyClaims.IdOf(User), cancellationToken);
        return moved is null
            ? Problem(statusCode: StatusCodes.Status409Conflict, title: $"Period {code} is not {PeriodCodes.NameOf(from)}.")
            : Ok(PeriodResponse.From(moved));
    }

}

public sealed record PublishRequest(string? Reason, IReadOnlyList<ExclusionRequest>? Exclusions = null);

public sealed record ExclusionRequest(string? Region, string? Reason);

public sealed record PublicationResponse(string Period, string Status, bool CanPublish, IReadOnlyList<StandingResponse> Regions, IReadOnlyList<StandingResponse> Blocking)
{
    public static PublicationResponse From(Period period, PublicationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(plan);
        return new PublicationResponse(period.Code, PeriodCodes.NameOf(period.Status), plan.CanPublish && period.Status is PeriodStatus.Closed or PeriodStatus.Published,
            plan.Regions.Select(StandingResponse.From).ToList(), plan.Blocking.Select(StandingResponse.From).ToList());
    }
}

public sealed record StandingResponse(string Region, string Name, string Status, bool IsDemo)
{
    public static StandingResponse From(RegionStanding standing)
    {
        ArgumentNullException.ThrowIfNull(standing);
        return new StandingResponse(standing.Region, standing.Name, standing.Status, standing.IsDemo);
    }
}

public sealed record CreatePeriodRequest(string? Code, DateOnly? EntryOpens, DateOnly? EntryCloses, string? Methodology);

public sealed record PeriodResponse(string Code, string Name, DateOnly EntryOpens, DateOnly EntryCloses, string Methodology, string? MethodologyRevision, string Status, string? RiskCriteriaRevision = null)
{
    public static PeriodResponse From(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return new PeriodResponse(period.Code, PeriodCodes.DisplayName(period.Code), period.EntryOpens, period.EntryCloses, period.Methodology, period.MethodologyLabel, PeriodCodes.NameOf(period.Status), period.RiskCriteriaLabel);
    }
}
