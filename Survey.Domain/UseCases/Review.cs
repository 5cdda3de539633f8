using Survey.Domain.Common;
using Survey.Domain.Notifications;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>Everything an evaluator sees of one region: values, evidence, flags, programmes, marks, decisions, changes.</summary>
public sealed record ReviewContext(
    EntryContext Entry,
    ReviewState State,
    IReadOnlyDictionary<string, StoredIndicatorValue> Values,
    IReadOnlyDictionary<string, StoredIndicatorValue> Previous,
    IReadOnlyList<PlausibilityFlag> Flags,
    IReadOnlyList<Programme> Programmes,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<Change> Changes)
{
    /// <summary>The stored mark of an item, or an open one.</summary>
    public ReviewMark MarkOf(string kind, string target) =>
        State.Marks.FirstOrDefault(m => m.Kind == kind && m.Target == target) ?? new ReviewMark(kind, target, MarkStates.Open, null, null);

    /// <summary>Whether the evaluator can decide now (the region submitted and awaits a decision).</summary>
    public bool AwaitsDecision => State.Status == SubmissionStatus.Submitted;

    /// <summary>The changes of one item since it was returned.</summary>
    public IEnumerable<Change> ChangesOf(string key) => Changes.Where(c => c.Key == key);
}

/// <summary>What a review request did: errors (nothing written), a refusal, or how much changed.</summary>
public sealed record ReviewOutcome(IReadOnlyDictionary<string, string[]> Errors, DecisionRefusal Refusal, int Changed)
{
    public bool Succeeded => Errors.Count == 0 && Refusal == DecisionRefusal.None;
}

/// <summary>The review rules for the page and the API alike.</summary>
public sealed class ReviewHandler(
    ScopeReader entries,
    IReviewRepository reviews,
    ISubmissionRepository submissions,
    IProgrammeRepository programmes,
    IEvidenceRepository evidence,
    Risks.IRiskMonitoringRepository monitoring,
    Notifier notifier)
{
    public async Task<ReviewContext?> LoadAsync(Scope scope, CancellationToken cancellationToken)
    {
        var entry = await entries.LoadAsync(scope, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var state = await reviews.GetAsync(scope, cancellationToken);
        var changes = state.Status == SubmissionStatus.Submitted && state.LastReturnedAt is { } since
            ? await reviews.ChangesSinceAsync(scope, since, cancellationToken)
            : [];
        return new ReviewContext(
            entry,
            state,
            await submissions.GetValuesAsync(scope, cancellationToken),
            await submissions.GetValuesAsync(scope.InPeriod(entry.Period.PreviousCode), cancellationToken),
            await reviews.FlagsAsync(scope, cancellationToken),
            await programmes.ListAsync(scope, cancellationToken),
            await evidence.ListAsync(scope, cancellationToken),
            changes);
    }

    /// <summary>
    /// Saves marks and verified levels, then takes the decision when one is given (<c>return</c> or
    /// <c>approve</c>); validates everything first and writes nothing when anything is invalid.
    /// </summary>
    public async Task<ReviewOutcome> ApplyAsync(ReviewContext context, IReadOnlyList<ReviewMark> marks, IReadOnlyList<VerifiedLevel> levels, string? decision, string? comment, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var indicatorKeys = context.Entry.Methodology.Definition.Indicators.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        var programmeIds = context.Programmes.Select(p => p.Id).ToHashSet();
        var riskIds = context.Programmes.SelectMany(p => p.Risks.Select(r => r.Id)).ToHashSet();
        var monitoredIds = marks.Any(m => m.Kind == ReviewKinds.Monitoring)
            ? (await monitoring.ListAsync(context.Entry.Scope, cancellationToken)).Keys.Where(riskIds.Contains).ToHashSet()
            : [];
        var errors = ReviewRules.Validate(marks, levels, comment, indicatorKeys, programmeIds, riskIds, monitoredIds);
        if (decision is not null and not "return" and not "approve")
        {
            errors["decision"] = [Survey.Domain.Common.Messages.Get("ReviewDecision")];
        }

        if (context.State.Status == SubmissionStatus.Draft)
        {
            return new ReviewOutcome(errors, DecisionRefusal.NotSubmitted, 0);
        }

        if (errors.Count > 0)
        {
            return new ReviewOutcome(errors, DecisionRefusal.None, 0);
        }

        if (decision is not null && !context.AwaitsDecision)
        {
            return new ReviewOutcome(errors, DecisionRefusal.NotSubmitted, 0);
        }

        // Marks, verified levels and the decision are one transaction: a refused decision stores none of them.
        var (changed, refusal) = await reviews.ReviewAsync(context.Entry.Scope, marks, levels, decision, comment, actorId, cancellationToken);
        if (decision is not null && refusal == DecisionRefusal.None)
        {
            var after = await reviews.GetAsync(context.Entry.Scope, cancellationToken);
            await notifier.DecidedAsync(context.Entry.Scope, decision, after.Round, after.OpenReturns.Count, cancellationToken);
        }

        return new ReviewOutcome(errors, refusal, changed);
    }

    /// <summary>The message of a refusal in the current UI language.</summary>
    public static string MessageOf(DecisionRefusal refusal) => refusal switch
    {
        DecisionRefusal.NothingReturned => Messages.Get("ReviewNothingReturned"),
        DecisionRefusal.NotSubmitted => Messages.Get("ReviewNotSubmitted"),
        _ => string.Empty,
    };
}
