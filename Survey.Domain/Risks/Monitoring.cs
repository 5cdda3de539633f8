using Survey.Domain.Common;

namespace Survey.Domain.Risks;

/// <summary>
/// A semester's monitoring of a risk carried over from the previous period: each action's progress, the current
/// likelihood and impact, whether the risk occurred, and whether it is closed (with a reason).
/// </summary>
public sealed record RiskMonitoring(
    Guid RiskId,
    int CurrentLikelihood,
    int CurrentImpact,
    bool Occurred,
    string? Occurrence,
    bool Closed,
    string? CloseReason,
    IReadOnlyList<ActionProgress> Actions)
{
    /// <summary>Who recorded it (name) and when; set when read from the store.</summary>
    public string? UpdatedBy { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public bool Equals(RiskMonitoring? other) =>
        other is not null && RiskId == other.RiskId && CurrentLikelihood == other.CurrentLikelihood && CurrentImpact == other.CurrentImpact
        && Occurred == other.Occurred && Occurrence == other.Occurrence && Closed == other.Closed && CloseReason == other.CloseReason
        && Actions.SequenceEqual(other.Actions);

    public override int GetHashCode() => HashCode.Combine(RiskId, CurrentLikelihood, CurrentImpact, Occurred, Closed, Actions.Count);
}

/// <summary>One action's progress in a semester: done, in progress or not started, with its result and evidence.</summary>
public sealed record ActionProgress(Guid Action, string Status, string? Result, string? Evidence);

/// <summary>The states of an action in the monitoring.</summary>
public static class ActionStatuses
{
    public const string Done = "done";
    public const string InProgress = "in_progress";
    public const string NotStarted = "not_started";

    public static readonly IReadOnlyList<string> All = [Done, InProgress, NotStarted];
}

/// <summary>The monitoring entries of a region's risks in a period.</summary>
public interface IRiskMonitoringRepository
{
    /// <summary>The entries of the scope's risks, by risk id.</summary>
    Task<IReadOnlyDictionary<Guid, RiskMonitoring>> ListAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Stores the entry (with its audit row) unless it is unchanged; returns whether it was written.</summary>
    Task<bool> SaveAsync(Scope scope, RiskMonitoring monitoring, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Sets (or with <c>null</c> levels clears) the evaluator's verified likelihood and impact of a risk of the scope,
    /// with its audit row; returns whether the risk was found.
    /// </summary>
    Task<bool> VerifyAsync(Scope scope, Guid riskId, int? likelihood, int? impact, string? note, Guid actorId, CancellationToken cancellationToken);
}

/// <summary>The rules of a monitoring entry, and when an action is overdue.</summary>
public static class MonitoringRules
{
    public static Dictionary<string, string[]> Check(RiskMonitoring m, IReadOnlyList<Submissions.RiskAction> actions)
    {
        ArgumentNullException.ThrowIfNull(m);
        ArgumentNullException.ThrowIfNull(actions);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors.TryAdd(field, [message]);
        if (m.CurrentLikelihood is < 1 or > 5)
        {
            Fail("likelihood", Messages.Get("Range", Messages.Field("likelihood"), 1, 5));
        }

        if (m.CurrentImpact is < 1 or > 5)
        {
            Fail("impact", Messages.Get("Range", Messages.Field("impact"), 1, 5));
        }

        if (m.Occurred && string.IsNullOrWhiteSpace(m.Occurrence))
        {
            Fail("occurrence", Messages.Get("MonitoringOccurrence"));
        }

        if (m.Closed && string.IsNullOrWhiteSpace(m.CloseReason))
        {
            Fail("close_reason", Messages.Get("MonitoringCloseReason"));
        }

        foreach (var (text, field) in new[] { (m.Occurrence, "occurrence"), (m.CloseReason, "close_reason") })
        {
            if (text is { Length: > 1000 })
            {
                Fail(field, Messages.Get("TooLong", Messages.Field(field), 1000));
            }
        }

        var seen = new HashSet<Guid>();
        for (var i = 0; i < m.Actions.Count; i++)
        {
            var progress = m.Actions[i];
            if (actions.All(a => a.Id != progress.Action))
            {
                Fail($"actions[{i}].id", Messages.Get("MonitoringUnknownAction", progress.Action));
            }
            else if (!seen.Add(progress.Action))
            {
                Fail($"actions[{i}].id", Messages.Get("MonitoringDuplicateAction"));
            }

            if (!ActionStatuses.All.Contains(progress.Status))
            {
                Fail($"actions[{i}].status", Messages.Get("MonitoringStatus", progress.Status));
            }

            foreach (var (text, field) in new[] { (progress.Result, "result"), (progress.Evidence, "evidence") })
            {
                if (text is { Length: > 1000 })
                {
                    Fail($"actions[{i}].{field}", Messages.Get("TooLong", Messages.Field(field), 1000));
                }

                if (text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                {
                    Fail($"actions[{i}].{field}", Messages.Get("ControlCharacters", Messages.Field(field)));
                }
            }
        }

        foreach (var missing in actions.Where(a => m.Actions.All(p => p.Action != a.Id)))
        {
            Fail("actions", Messages.Get("MonitoringMissingAction", missing.Action));
        }

        return errors;
    }

    /// <summary>Whether <paramref name="action"/> is overdue on <paramref name="today"/>: its due date passed and it is not done.</summary>
    public static bool IsOverdue(Submissions.RiskAction action, ActionProgress? progress, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.Due is { } due && due < today && progress?.Status != ActionStatuses.Done;
    }
}
