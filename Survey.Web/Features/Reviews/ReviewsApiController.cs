using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Audit;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Reviews;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Reviews;

/// <summary>The review queue, review decisions and the change history for integrations.</summary>
public sealed class ReviewsApiController(
    ReviewHandler service, IReviewRepository reviews, IPeriodRepository periods, ICatalogueRepository catalogues, IAuditRepository audit, Survey.Web.Features.Risks.NationalWarningReader warnings) : ApiControllerBase
{
    [HttpGet("api/v1/periods/{period}/reviews")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Queue(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        var methodology = found?.MethodologyLabel is { } label ? await catalogues.GetMethodologyAsync(label, cancellationToken) : null;
        if (methodology is null)
        {
            return NotFound();
        }

        var rows = await reviews.QueueAsync(period, methodology.Id, cancellationToken);
        var flagged = await warnings.ByRegionAsync(period, cancellationToken);
        var published = found!.Status == PeriodStatus.Published;
        return Ok(rows.Select(r => new
        {
            region = r.Region,
            name = r.Name,
            kind = r.Kind,
            province = r.Province,
            is_demo = r.IsDemo,
            status = r.Status,
            publication_status = published ? r.DisplayStatus(published) : null,
            excluded_reason = r.Excluded,
            round = r.Round,
            submitted_at = r.SubmittedAt,
            flags = r.Flags,
            information_flags = r.Information,
            completeness = r.Completeness.Select(c => new { dimension = c.Key, answered = c.Value.Answered, mapped = c.Value.Mapped }),
            evaluators = r.Evaluators.Select(e => new { id = e.Id, name = e.Name }),
            early_warnings = flagged[r.Region].Select(w => new { code = w.Flag.Code, programme = w.Flag.Programme, programme_name = w.Flag.ProgrammeName, risk = w.Flag.Risk, reason = w.Flag.Reason }),
        }));
    }

    /// <summary>
    /// Marks items, sets verified levels and (optionally) decides: 200 with the new status, 422 per field,
    /// 409 when the region does not await a decision or a return names no item.
    /// </summary>
    [HttpPost("api/v1/periods/{period}/regions/{region}/review")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Review(string period, string region, [FromBody] ReviewRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var marks = new List<ReviewMark>();
        foreach (var item in request.ReturnedItems ?? [])
        {
            var (kind, target) = KindOf(item.Kind, item.Key);
            marks.Add(new ReviewMark(kind, target, MarkStates.Returned, item.Reason, item.Comment));
        }

        foreach (var key in request.AcceptedItems ?? [])
        {
            var (kind, target) = KindOf(null, key);
            marks.Add(new ReviewMark(kind, target, MarkStates.Accepted, null, null));
        }

        var levels = (request.VerifiedLevels ?? []).Select(l => new VerifiedLevel(l.Programme, l.Level, l.Note)).ToList();
        var outcome = await service.ApplyAsync(context, marks, levels, request.Decision, request.Comment, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return Unprocessable(outcome.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        if (outcome.Refusal != DecisionRefusal.None)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: ReviewHandler.MessageOf(outcome.Refusal));
        }

        var state = await reviews.GetAsync(new Scope(period, region), cancellationToken);
        return Ok(new
        {
            status = Survey.Domain.Submissions.SubmissionStatuses.NameOf(state.Status),
            round = state.Round,
            changed = outcome.Changed,
            returned_items = state.OpenReturns.Select(i => new { kind = i.Kind, key = i.Target, reason = i.Reason }),
        });
    }

    /// <summary>
    /// What an item names: an explicit <c>kind</c>, or a key prefixed with it (<c>risk:ID</c>, <c>monitoring:ID</c>),
    /// else as before a programme id or an indicator key. An unknown kind is kept as sent and refused per field.
    /// </summary>
    private static (string Kind, string Target) KindOf(string? kind, string? key)
    {
        key ??= string.Empty;
        if (!string.IsNullOrEmpty(kind))
        {
            return (kind, key);
        }

        var colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && key[..colon] is ReviewKinds.Risk or ReviewKinds.Monitoring or ReviewKinds.Programme)
        {
            return (key[..colon], key[(colon + 1)..]);
        }

        return (Guid.TryParse(key, out _) ? ReviewKinds.Programme : ReviewKinds.Indicator, key);
    }

    [HttpGet("api/v1/periods/{period}/regions/{region}/history")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> History(string period, string region, [FromQuery] string? key, CancellationToken cancellationToken)
    {
        if (await periods.FindAsync(period, cancellationToken) is null)
        {
            return NotFound();
        }

        var rows = await audit.SearchAsync(new AuditQuery(null, region, period, null, null, key), 1000, cancellationToken);
        return Ok(rows.Select(r => new
        {
            id = r.Id,
            at = r.OccurredAt,
            actor = r.ActorName,
            entity = r.Entity,
            key = r.EntityKey,
            action = r.Action,
            old_value = r.OldValue is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(r.OldValue),
            new_value = r.NewValue is null ? (System.Text.Json.JsonElement?)null : System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(r.NewValue),
        }));
    }
}

/// <summary>A returned item: <c>kind</c> is <c>indicator</c>, <c>programme</c>, <c>risk</c> or <c>monitoring</c> (optional: without it a GUID key is a programme, any other an indicator).</summary>
public sealed record ReturnedItemRequest(string? Key, string? Reason, string? Comment = null, string? Kind = null);

public sealed record VerifiedLevelRequest(Guid Programme, int? Level, string? Note);

public sealed record ReviewRequest(
    string? Decision,
    string? Comment,
    [property: JsonPropertyName("returned_items")] IReadOnlyList<ReturnedItemRequest>? ReturnedItems,
    [property: JsonPropertyName("accepted_items")] IReadOnlyList<string?>? AcceptedItems,
    [property: JsonPropertyName("verified_levels")] IReadOnlyList<VerifiedLevelRequest>? VerifiedLevels);
