using Survey.Domain.Periods;
using Survey.Domain.Submissions;

namespace Survey.Web.Features.Entry;

/// <summary>The submit checklist and the submit step, for the page and the API alike.</summary>
public sealed class SubmissionService(
    ISubmissionRepository submissions,
    IProgrammeRepository programmes,
    Survey.Domain.Reviews.IReviewRepository reviews,
    Survey.Web.Features.Notifications.Notifier notifier,
    IConfiguration configuration,
    TimeProvider clock)
{
    public PlausibilityOptions Options => new(
        configuration.GetValue("Survey:Plausibility:RelativeChange", 0.5m),
        configuration.GetValue("Survey:Plausibility:MinimumRegions", 8),
        configuration.GetValue("Survey:Plausibility:MadFactor", 3m));

    /// <summary>What still blocks the submission, and the plausibility flags of the current values.</summary>
    public async Task<(IReadOnlyList<BlockingItem> Blocking, IReadOnlyList<PlausibilityFlag> Flags)> CheckAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = await submissions.GetValuesAsync(context.Period.Code, context.Region.Code, cancellationToken);
        var list = await programmes.ListAsync(context.Period.Code, context.Region.Code, cancellationToken);
        var plausibility = await submissions.GetPlausibilityContextAsync(context.Period.Code, context.Region.Code, PeriodCodes.Previous(context.Period.Code), cancellationToken);
        return SubmissionChecklist.Evaluate(context.Catalogue, context.Methodology.Definition, values, list, plausibility, Options, clock.GetUtcNow().Year);
    }

    /// <summary>The flags of the current values only (for the form).</summary>
    public async Task<IReadOnlyList<PlausibilityFlag>> FlagsAsync(EntryContext context, IReadOnlyDictionary<string, StoredIndicatorValue> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(values);
        var plausibility = await submissions.GetPlausibilityContextAsync(context.Period.Code, context.Region.Code, PeriodCodes.Previous(context.Period.Code), cancellationToken);
        return values.Values
            .Where(v => v.Entry.Value is not null)
            .SelectMany(v => PlausibilityRules.Check(v.Entry.Key, v.Entry.Value!.Value, plausibility.Previous.TryGetValue(v.Entry.Key, out var p) ? p : null, plausibility.Peers.GetValueOrDefault(v.Entry.Key), Options,
                context.Methodology.Definition.Indicators.FirstOrDefault(m => m.Key == v.Entry.Key)))
            .ToList();
    }

    /// <summary>Submits when nothing blocks; returns what blocks otherwise.</summary>
    public async Task<(bool Submitted, IReadOnlyList<BlockingItem> Blocking)> SubmitAsync(EntryContext context, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (blocking, flags) = await CheckAsync(context, cancellationToken);
        if (blocking.Count > 0 || context.WriteBlock != EntryBlock.None)
        {
            return (false, blocking);
        }

        var submitted = await submissions.SubmitAsync(context.Period.Code, context.Region.Code, flags, actorId, cancellationToken);
        if (submitted)
        {
            var state = await reviews.GetAsync(context.Period.Code, context.Region.Code, cancellationToken);
            await notifier.SubmittedAsync(context.Period.Code, context.Region.Code, state.Round, cancellationToken);
        }

        return (submitted, blocking);
    }
}
