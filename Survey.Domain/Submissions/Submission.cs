using Survey.Domain.Common;
namespace Survey.Domain.Submissions;

/// <summary>Where a region's submission for a period stands.</summary>
public enum SubmissionStatus
{
    /// <summary>The coordinator is filling it in.</summary>
    Draft,

    /// <summary>Sent for review; read-only for the coordinator.</summary>
    Submitted,

    /// <summary>The evaluator returned items; only those are editable.</summary>
    Returned,

    /// <summary>Approved; locked.</summary>
    Approved,
}

/// <summary>Names of <see cref="SubmissionStatus"/> in storage and JSON.</summary>
public static class SubmissionStatuses
{
    public static string NameOf(SubmissionStatus status) => status.ToString().ToLowerInvariant();

    public static SubmissionStatus Parse(string text) =>
        Enum.TryParse<SubmissionStatus>(text, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : throw new ArgumentException($"unknown submission status '{text}'", nameof(text));

    /// <summary>Whether the coordinator may change data in this status.</summary>
    public static bool IsEditable(SubmissionStatus status) => status is SubmissionStatus.Draft or SubmissionStatus.Returned;
}

/// <summary>A stored indicator entry with who changed it last, when, and its version for optimistic concurrency.</summary>
public sealed record StoredIndicatorValue(IndicatorEntry Entry, int Version, Guid? UpdatedBy, string? UpdatedByName, DateTimeOffset UpdatedAt);

/// <summary>One entry to save, with the version the editor saw (<c>null</c>: no check, last write wins).</summary>
public sealed record EntryChange(IndicatorEntry Entry, int? ExpectedVersion);

/// <summary>An entry that changed under the editor's hands: what is stored now.</summary>
public sealed record EntryConflict(string Key, StoredIndicatorValue Current);

/// <summary>The result of a save: how many entries changed, or the conflicts (then nothing was saved).</summary>
public sealed record SaveResult(int Changed, IReadOnlyList<EntryConflict> Conflicts)
{
    public bool Saved => Conflicts.Count == 0;
}

/// <summary>Indicator values and submission status of a region in a period.</summary>
public interface ISubmissionRepository
{
    /// <summary>The submission's status (<see cref="SubmissionStatus.Draft"/> when nothing was saved yet).</summary>
    Task<SubmissionStatus> GetStatusAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Every stored indicator entry of the region in the period, by key.</summary>
    Task<IReadOnlyDictionary<string, StoredIndicatorValue>> GetValuesAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Saves entries in one transaction with an audit row per changed entry (old and new). Unchanged entries
    /// are left alone. When any expected version differs from the stored one, nothing is saved and the
    /// conflicts are returned. <paramref name="evidence"/> is stored in the same transaction, so a failed
    /// evidence write leaves no value changed.
    /// </summary>
    Task<SaveResult> SaveValuesAsync(Scope scope, IReadOnlyList<EntryChange> changes, Guid actorId, CancellationToken cancellationToken, IReadOnlyList<NewEvidence>? evidence = null);

    /// <summary>
    /// The region's values of <paramref name="previousPeriod"/> and, per indicator, the median and MAD of the
    /// other regions' values in the scope's period — computed in SQL.
    /// </summary>
    Task<PlausibilityContext> GetPlausibilityContextAsync(Scope scope, string previousPeriod, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the submission from draft or returned to submitted and stores its plausibility flags, in one
    /// transaction with an audit row. <c>false</c> when it was not in an editable status (nothing changed).
    /// </summary>
    Task<bool> SubmitAsync(Scope scope, IReadOnlyList<PlausibilityFlag> flags, Guid actorId, CancellationToken cancellationToken);
}
