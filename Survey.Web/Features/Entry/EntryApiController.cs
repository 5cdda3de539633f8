using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Entry;

/// <summary>A region's indicator values for a period, for integrations (same rules and authorisation as the form).</summary>
[Route("api/v1/periods/{period}/regions/{region}")]
public sealed class EntryApiController(ScopeReader service, SaveValuesHandler saveValues, SubmitHandler submitService, ISubmissionRepository submissions) : ApiControllerBase
{
    [HttpGet("indicator-values")]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<IndicatorValueDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var stored = await submissions.GetValuesAsync(new Scope(period, region), cancellationToken);
        return Ok(context.Catalogue.Indicators.Select(i => IndicatorValueDto.From(i.Key, stored.GetValueOrDefault(i.Key))).ToList());
    }

    /// <summary>The submission's status, what still blocks it and its plausibility flags.</summary>
    [HttpGet("status")]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Status(string period, string region, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var check = await submitService.CheckAsync(context, cancellationToken);
        return Ok(ToStatus(context, check.Blocking, check.ToStore));
    }

    /// <summary>Submits for review: 200 with the new status, 422 with the blocking list when not ready, 409 when not editable.</summary>
    [HttpPost("submit")]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Submit(string period, string region, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        if (context.WriteBlock != EntryBlock.None)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: "The period is not open or the submission is not editable.");
        }

        var (submitted, blocking) = await submitService.SubmitAsync(context, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (!submitted)
        {
            return UnprocessableEntity(new { title = "The submission is not ready.", blocking = blocking.Select(b => new BlockingDto(b.Key, b.Dimension, b.Message)) });
        }

        var after = await service.LoadAsync(new Scope(period, region), cancellationToken);
        var check = await submitService.CheckAsync(after!, cancellationToken);
        return Ok(ToStatus(after!, [], check.ToStore));
    }

    private static StatusResponse ToStatus(EntryContext context, IReadOnlyList<BlockingItem> blocking, IReadOnlyList<PlausibilityFlag> flags) =>
        new(context.Period.Code, context.Region.Code, SubmissionStatuses.NameOf(context.Status), context.WriteBlock == EntryBlock.None,
            blocking.Select(b => new BlockingDto(b.Key, b.Dimension, b.Message)).ToList(),
            flags.Select(f => new FlagDto(f.Key, f.Rule, f.Value, f.Reference, f.Describe(), f.Informational)).ToList());

    /// <summary>
    /// Saves a list of entries: all or nothing. 422 with per-item errors (keyed by indicator), 409 when the period is
    /// not open, the submission is not editable, or a <c>version</c> sent is stale.
    /// </summary>
    [HttpPut("indicator-values")]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<SaveResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Put(string period, string region, [FromBody] List<IndicatorValueDto> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await saveValues.SaveAsync(context, items.Select(i => new EntryChange(i.ToEntry(), i.Version)).ToList(), SurveyClaims.IdOf(User)!.Value, cancellationToken, actingUnit: SurveyClaims.UnitOf(User));
        if (outcome.Block == EntryBlock.NotYourUnit)
        {
            return Problem(statusCode: StatusCodes.Status403Forbidden, title: EntryBlocks.ApiTitle(outcome.Block, period));
        }

        if (outcome.Block != EntryBlock.None)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(outcome.Block, period));
        }

        if (outcome.Errors.Count > 0)
        {
            return Unprocessable(outcome.Errors.SelectMany(e => e.Value.Select(f => (Key: $"{e.Key}.{f.Key}", Messages: f.Value))).ToDictionary(x => x.Key, x => x.Messages));
        }

        if (!outcome.Result!.Saved)
        {
            return Conflict(new { title = "Changed by someone else; nothing was saved.", conflicts = outcome.Result.Conflicts.Select(c => IndicatorValueDto.From(c.Key, c.Current)) });
        }

        return Ok(new SaveResponse(items.Count, outcome.Result.Changed));
    }
}

public sealed record SaveResponse(int Received, int Changed);

public sealed record BlockingDto(string Key, string Dimension, string Message);

/// <summary>A plausibility flag; <c>Informational</c>: on a value the coordinator could not change (it appeared after the submission was returned), information for the evaluator, never a block.</summary>
public sealed record FlagDto(string Key, string Rule, decimal Value, decimal Reference, string Message, bool Informational);

public sealed record StatusResponse(string Period, string Region, string Status, bool Editable, IReadOnlyList<BlockingDto> Blocking, IReadOnlyList<FlagDto> Flags);

public sealed record IndicatorValueDto(
    string Key,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    string? NotAvailableReason,
    string? Source,
    string? SourceDocument,
    int? SourceYear,
    string? Note,
    string? Justification,
    int? Version,
    DateTimeOffset? UpdatedAt,
    string? UpdatedBy)
{
    public static IndicatorValueDto From(string key, StoredIndicatorValue? stored)
    {
        var e = stored?.Entry;
        return new IndicatorValueDto(key, e?.Value, e?.Numerator, e?.Denominator, e?.NotAvailableReason, e?.SourceAgency, e?.SourceDocument,
            e?.SourceYear, e?.Note, e?.Justification, stored?.Version ?? 0, stored?.UpdatedAt, stored?.UpdatedByName);
    }

    public IndicatorEntry ToEntry() => new(Key ?? string.Empty, Value, Numerator, Denominator,
        string.IsNullOrWhiteSpace(NotAvailableReason) ? null : NotAvailableReason, Source, SourceDocument, SourceYear, Note, Justification);
}
