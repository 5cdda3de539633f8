namespace Survey.Domain.Scoring;

/// <summary>A stored, immutable snapshot of a period's published scores.</summary>
/// <param name="Id">The snapshot id.</param>
/// <param name="Period">The period code.</param>
/// <param name="Version">1 for the first publication of the period, +1 for every re-publication.</param>
/// <param name="MethodologyVersionId">The methodology revision the scores were computed with.</param>
/// <param name="ContentHash">SHA-256 of the canonical JSON of every region's result.</param>
/// <param name="Regions">How many regions it holds.</param>
/// <param name="Reason">Why it was (re-)published, when given.</param>
/// <param name="CreatedBy">Who published it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Superseded">A newer version exists.</param>
public sealed record ScoreSnapshot(int Id, string Period, int Version, int MethodologyVersionId, string ContentHash, int Regions, string? Reason, Guid? CreatedBy, DateTimeOffset CreatedAt, bool Superseded);

/// <summary>What a publication attempt did.</summary>
/// <param name="Snapshot">The new snapshot, when published.</param>
/// <param name="NotClosed">The period is neither closed nor published.</param>
/// <param name="Plan">The guard's plan (blocking regions when refused).</param>
/// <param name="Errors">Per-field errors of the exclusions.</param>
public sealed record PublicationOutcome(ScoreSnapshot? Snapshot, bool NotClosed, Periods.PublicationPlan? Plan, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>A region a snapshot left out.</summary>
public sealed record SnapshotExclusion(string Region, string Name, string Status, string Reason);

/// <summary>The inputs of scoring, read set-based, and the published snapshots.</summary>
public interface IScoreRepository
{
    /// <summary>
    /// The inputs of every region of <paramref name="period"/> that has submitted data or responses (or of
    /// <paramref name="region"/> only): submitted indicator values and programmes (a draft counts for
    /// nothing), complete responses and Likert tallies. A fixed number of set-based queries whatever the
    /// number of regions.
    /// </summary>
    Task<IReadOnlyList<ScoreInput>> ReadInputsAsync(string period, string? region, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the next snapshot version of <paramref name="period"/> and marks the period published, in one
    /// transaction with its audit row: the regions' states are read and locked inside it, the publication guard
    /// (<see cref="Periods.PublicationRules"/>) decides, and only the scores of the regions it includes (approved,
    /// not excluded) are stored, with the exclusions and their reasons. Nothing is written when the period is
    /// neither closed nor published, when an exclusion is invalid, or when a region still blocks.
    /// </summary>
    Task<PublicationOutcome> PublishAsync(string period, int methodologyVersionId, IReadOnlyList<RegionScore> scores, IReadOnlyList<Periods.PublicationExclusion> exclusions, string? reason, Guid? actorId, CancellationToken cancellationToken);

    /// <summary>The regions a snapshot left out, with their state at publication and the reason.</summary>
    Task<IReadOnlyList<SnapshotExclusion>> ListExclusionsAsync(int snapshotId, CancellationToken cancellationToken);

    /// <summary>Every snapshot of the period, newest first.</summary>
    Task<IReadOnlyList<ScoreSnapshot>> ListSnapshotsAsync(string period, CancellationToken cancellationToken);

    /// <summary>Recomputes the content hash of the stored results: <c>true</c> when it equals the recorded one.</summary>
    Task<bool> VerifyAsync(ScoreSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The region results of a snapshot (all, or <paramref name="region"/> only).</summary>
    Task<IReadOnlyList<RegionScore>> ReadSnapshotAsync(int snapshotId, string? region, CancellationToken cancellationToken);

    /// <summary>
    /// The indicator entries a region's published scores came from, by key; <c>null</c> for a snapshot made
    /// before the entries were kept with it.
    /// </summary>
    Task<IReadOnlyDictionary<string, Submissions.IndicatorEntry>?> ReadSnapshotValuesAsync(int snapshotId, string region, CancellationToken cancellationToken);
}
