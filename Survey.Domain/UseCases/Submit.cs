using Microsoft.Extensions.Options;
using Survey.Domain.Common;
using Survey.Domain.Notifications;
using Survey.Domain.Periods;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>The submit checklist and the submit step, for the page and the API alike.</summary>
public sealed class SubmitHandler(
    ISubmissionRepository submissions,
    IProgrammeRepository programmes,
    Survey.Domain.Reviews.IReviewRepository reviews,
    Notifier notifier,
    IOptions<PlausibilitySettings> settings,
    TimeProvider clock,
    Risks.IRiskMonitoringRepository monitoring,
    Obstacles.IObstacleRepository obstacles,
    Recommendations.IRecommendationRepository recommendations)
{
    public PlausibilityOptions Options => settings.Value.ToOptions();

    /// <summary>
    /// What still blocks the submission and its plausibility flags. A draft is checked whole; a returned submission on
    /// its returned items only (locked values keep the flags they were submitted with, new ones are information); a
    /// submitted or approved one shows the flags stored when it was submitted, as the review queue does.
    /// </summary>
    public async Task<SubmissionCheck> CheckAsync(EntryContext context, CancellationToken cancellationToken, IReadOnlyDictionary<string, StoredIndicatorValue>? values = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Status is SubmissionStatus.Submitted or SubmissionStatus.Approved)
        {
            var submitted = await reviews.FlagsAsync(context.Scope, cancellationToken);
            return new SubmissionCheck([], submitted.Where(f => !f.Informational).ToList(), submitted.Where(f => f.Informational).ToList());
        }

        values ??= await submissions.GetValuesAsync(context.Scope, cancellationToken);
        var list = await programmes.ListAsync(context.Scope, cancellationToken);
        var plausibility = await submissions.GetPlausibilityContextAsync(context.Scope, PeriodCodes.Previous(context.Period.Code), cancellationToken);
        var returned = context.Status == SubmissionStatus.Returned ? ReturnScope.Of(context.Returns) : null;
        var stored = returned is null ? [] : await reviews.FlagsAsync(context.Scope, cancellationToken);
        var check = SubmissionChecklist.Evaluate(context.Catalogue, context.Methodology.Definition, values, list, plausibility, Options, clock.GetUtcNow().Year, returned, stored);
        var unmonitored = await UnmonitoredAsync(context, list, returned, cancellationToken);
        // An obstacle still open from last semester (or opened from a risk that occurred) needs this semester's update;
        // while returned the obstacles are locked, so they cannot block.
        var stale = returned is not null ? [] : ObstaclesHandler.Stale(await obstacles.ListAsync(context.Scope, cancellationToken))
            .Select(o => new BlockingItem("obstacle:" + o.Id, list.FirstOrDefault(p => p.Id == o.Programme)?.Dimension ?? string.Empty, Messages.Get("ObstacleStale", Shorten(o.Description))))
            .ToList();
        // A recommendation due by this period needs its follow-up before the region submits.
        var unanswered = returned is not null ? [] : RecommendationsHandler.Unanswered(await recommendations.ListAsync(context.Scope, cancellationToken), context.Period.Code)
            .Select(r => new BlockingItem("recommendation:" + r.Id, r.Dimension ?? string.Empty, Messages.Get("RecommendationDue", Shorten(r.Text), PeriodCodes.DisplayName(r.DuePeriod))))
            .ToList();
        return unmonitored.Count == 0 && stale.Count == 0 && unanswered.Count == 0 ? check : check with { Blocking = [.. check.Blocking, .. unmonitored, .. stale, .. unanswered] };
    }

    // Each risk carried over from the previous period needs this semester's monitoring entry before the region submits
    // (while returned: only on the returned programmes).
    private async Task<List<BlockingItem>> UnmonitoredAsync(EntryContext context, IReadOnlyList<Programme> list, ReturnScope? returned, CancellationToken cancellationToken)
    {
        if (list.All(p => p.Risks.Count == 0))
        {
            return [];
        }

        var previous = (await programmes.ListAsync(new Scope(PeriodCodes.Previous(context.Period.Code), context.Region.Code), cancellationToken))
            .SelectMany(p => p.Risks.Select(r => r.Id)).ToHashSet();
        if (previous.Count == 0)
        {
            return [];
        }

        var entries = await monitoring.ListAsync(context.Scope, cancellationToken);
        return list
            .SelectMany(p => p.Risks.Where(r => (returned is null || returned.Programmes.Contains(p.Id) || returned.Risks.Contains(r.Id)) && previous.Contains(r.Id) && !entries.ContainsKey(r.Id))
                .Select(r => new BlockingItem(p.Id.ToString(), p.Dimension, $"{p.Name}: {Messages.Get("MonitoringNeeded", r.Title)}")))
            .ToList();
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    /// <summary>Submits when nothing blocks; returns what blocks otherwise.</summary>
    public async Task<(bool Submitted, IReadOnlyList<BlockingItem> Blocking)> SubmitAsync(EntryContext context, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var check = await CheckAsync(context, cancellationToken);
        var blocking = check.Blocking;
        if (blocking.Count > 0 || context.WriteBlock != EntryBlock.None)
        {
            return (false, blocking);
        }

        var submitted = await submissions.SubmitAsync(context.Scope, check.ToStore, actorId, cancellationToken);
        if (submitted)
        {
            var state = await reviews.GetAsync(context.Scope, cancellationToken);
            await notifier.SubmittedAsync(context.Scope, state.Round, cancellationToken);
        }

        return (submitted, blocking);
    }
}
