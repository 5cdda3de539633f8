using Survey.Domain.Common;

namespace Survey.Domain.Reviews;

/// <summary>
/// What an evaluator can review: an indicator value (by key), a programme (by id), one risk's register entry or one
/// risk's monitoring entry of the semester (both by the risk's id).
/// </summary>
public static class ReviewKinds
{
    public const string Indicator = "indicator";
    public const string Programme = "programme";
    public const string Risk = "risk";
    public const string Monitoring = "monitoring";

    /// <summary>Every kind, in the order the API documents them.</summary>
    public static readonly IReadOnlyList<string> All = [Indicator, Programme, Risk, Monitoring];
}

/// <summary>The evaluator's working mark on one item.</summary>
public static class MarkStates
{
    public const string Open = "open";
    public const string Accepted = "accepted";
    public const string Returned = "returned";
}

/// <summary>The evaluator's mark on one item: accepted, returned with a reason, or open; with a comment.</summary>
public sealed record ReviewMark(string Kind, string Target, string State, string? Reason, string? Comment, string? UpdatedByName = null, DateTimeOffset? UpdatedAt = null);

/// <summary>A verified maturity level set by an evaluator, with a note.</summary>
public sealed record VerifiedLevel(Guid Programme, int? Level, string? Note);

/// <summary>A decision on a submission, with the items it returned.</summary>
public sealed record ReviewDecision(long Id, int Round, string Decision, string? Comment, string? DecidedByName, DateTimeOffset DecidedAt, IReadOnlyList<ReturnedItem> Items);

/// <summary>An item returned for revision, and why.</summary>
public sealed record ReturnedItem(string Kind, string Target, string Reason);

/// <summary>Where the review of a region stands.</summary>
/// <param name="Status">The submission status name.</param>
/// <param name="Round">How many times it was submitted.</param>
/// <param name="SubmittedAt">When it was last submitted.</param>
/// <param name="Marks">The evaluator's current marks.</param>
/// <param name="Decisions">Every decision, newest first.</param>
public sealed record ReviewState(Submissions.SubmissionStatus Status, int Round, DateTimeOffset? SubmittedAt, IReadOnlyList<ReviewMark> Marks, IReadOnlyList<ReviewDecision> Decisions)
{
    /// <summary>The items the coordinator may change now: those of the latest decision when it returned them.</summary>
    public IReadOnlyList<ReturnedItem> OpenReturns =>
        Status == Submissions.SubmissionStatus.Returned && Decisions.Count > 0 && Decisions[0].Decision == "return" ? Decisions[0].Items : [];

    /// <summary>When the latest "return" decision was taken, if any.</summary>
    public DateTimeOffset? LastReturnedAt => Decisions.FirstOrDefault(d => d.Decision == "return")?.DecidedAt;
}

/// <summary>One change since a point in time, from the audit trail: old and new value, who, when.</summary>
public sealed record Change(string Entity, string Key, string Action, string? Old, string? New, string? ActorName, DateTimeOffset At);

/// <summary>A row of the review queue.</summary>
public sealed record QueueRow(
    string Region,
    string Name,
    string Kind,
    string Province,
    bool IsDemo,
    string Status,
    int Round,
    DateTimeOffset? SubmittedAt,
    int Flags,
    IReadOnlyDictionary<string, (int Answered, int Mapped)> Completeness,
    IReadOnlyList<(Guid Id, string Name)> Evaluators)
{
    /// <summary>Flags that appeared on locked values of a returned submission, stored as information.</summary>
    public int Information { get; init; }

    /// <summary>Why the latest publication left the region out, if it did.</summary>
    public string? Excluded { get; init; }

    /// <summary>The state to show: once the period is published, whether the region is in the publication.</summary>
    public string DisplayStatus(bool periodPublished) => Periods.RegionStates.AfterPublication(Status, periodPublished, Excluded is not null);
}

/// <summary>What a decision request may be refused for.</summary>
public enum DecisionRefusal
{
    None,
    NotSubmitted,
    NothingReturned,
}

/// <summary>The rules of a review request, checked before anything is written.</summary>
public static class ReviewRules
{
    public const int ReasonMax = 1000;
    public const int CommentMax = 2000;

    /// <summary>Per-field errors (current UI language) of marks, verified levels and a decision comment.</summary>
    /// <param name="marks">The marks sent.</param>
    /// <param name="levels">The verified maturity levels sent.</param>
    /// <param name="comment">The decision's comment.</param>
    /// <param name="indicatorKeys">The indicators of the period's methodology.</param>
    /// <param name="programmeIds">The region's programmes.</param>
    /// <param name="riskIds">The risks of the region's programmes (a risk mark names one).</param>
    /// <param name="monitoredIds">The risks with a monitoring entry this semester (a monitoring mark names one).</param>
    public static Dictionary<string, string[]> Validate(
        IEnumerable<ReviewMark> marks, IEnumerable<VerifiedLevel> levels, string? comment, ISet<string> indicatorKeys, ISet<Guid> programmeIds, ISet<Guid>? riskIds = null, ISet<Guid>? monitoredIds = null)
    {
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(indicatorKeys);
        ArgumentNullException.ThrowIfNull(programmeIds);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var mark in marks)
        {
            var field = $"{mark.Kind}:{mark.Target}";
            var known = mark.Kind switch
            {
                ReviewKinds.Indicator => indicatorKeys.Contains(mark.Target),
                ReviewKinds.Programme => Guid.TryParse(mark.Target, out var id) && programmeIds.Contains(id),
                ReviewKinds.Risk => Guid.TryParse(mark.Target, out var risk) && riskIds?.Contains(risk) == true,
                ReviewKinds.Monitoring => Guid.TryParse(mark.Target, out var monitored) && monitoredIds?.Contains(monitored) == true,
                _ => false,
            };
            if (!known)
            {
                errors[field] = [Messages.Get("ReviewUnknownItem", mark.Target)];
                continue;
            }

            if (mark.State == MarkStates.Returned && string.IsNullOrWhiteSpace(mark.Reason))
            {
                errors[field] = [Messages.Get("ReviewReasonRequired")];
            }
            else if (mark.Reason?.Length > ReasonMax || mark.Comment?.Length > CommentMax)
            {
                errors[field] = [Messages.Get("TooLong", Messages.Field("reason"), ReasonMax)];
            }
            else if (HasControl(mark.Reason) || HasControl(mark.Comment))
            {
                errors[field] = [Messages.Get("ControlCharacters", Messages.Field("reason"))];
            }
        }

        foreach (var level in levels)
        {
            var field = $"verified:{level.Programme}";
            if (!programmeIds.Contains(level.Programme))
            {
                errors[field] = [Messages.Get("ReviewUnknownItem", level.Programme)];
            }
            else if (level.Level is < 1 or > 5)
            {
                errors[field] = [Messages.Get("Range", Messages.Field("maturity_level"), 1, 5)];
            }
            else if (level.Note?.Length > CommentMax || HasControl(level.Note))
            {
                errors[field] = [Messages.Get("TooLong", Messages.Field("note"), CommentMax)];
            }
        }

        if (comment?.Length > CommentMax || HasControl(comment))
        {
            errors["comment"] = [Messages.Get("TooLong", Messages.Field("note"), CommentMax)];
        }

        return errors;
    }

    private static bool HasControl(string? text) => text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');
}

/// <summary>Reviews in storage. Every write is one transaction with its audit rows.</summary>
public interface IReviewRepository
{
    Task<ReviewState> GetAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Stores marks and verified levels (only those that differ from what is stored); audited.</summary>
    Task<int> SaveAsync(Scope scope, IReadOnlyList<ReviewMark> marks, IReadOnlyList<VerifiedLevel> levels, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Decides on a submitted region: "return" (needs at least one returned mark; the returned items reopen) or
    /// "approve" (locks). Checked against the stored state inside the transaction.
    /// </summary>
    Task<DecisionRefusal> DecideAsync(Scope scope, string decision, string? comment, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores marks and verified levels and, when <paramref name="decision"/> is given, decides, all in one
    /// transaction: a refused decision stores nothing (the marks go back to the evaluator as typed).
    /// </summary>
    Task<(int Changed, DecisionRefusal Refusal)> ReviewAsync(Scope scope, IReadOnlyList<ReviewMark> marks, IReadOnlyList<VerifiedLevel> levels, string? decision, string? comment, Guid actorId, CancellationToken cancellationToken);

    /// <summary>The review queue of a period: every region with a submission.</summary>
    Task<IReadOnlyList<QueueRow>> QueueAsync(string period, int methodologyVersionId, CancellationToken cancellationToken);

    /// <summary>Replaces the evaluators assigned to a region; audited.</summary>
    Task AssignAsync(string region, IReadOnlyList<Guid> evaluators, Guid actorId, CancellationToken cancellationToken);

    /// <summary>The plausibility flags stored at the last submission.</summary>
    Task<IReadOnlyList<Survey.Domain.Submissions.PlausibilityFlag>> FlagsAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Changes of values, programmes and evidence of the region since <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<Change>> ChangesSinceAsync(Scope scope, DateTimeOffset since, CancellationToken cancellationToken);
}
