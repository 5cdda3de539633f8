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
    /// Stores <paramref name="scores"/> as the next snapshot version of <paramref name="period"/> and marks the
    /// period published, in one transaction with its audit row. <c>null</c> when the period is neither closed
    /// nor published (nothing is written).
    /// </summary>
    Task<ScoreSnapshot?> PublishAsync(string period, int methodologyVersionId, IReadOnlyList<RegionScore> scores, string? reason, Guid? actorId, CancellationToken cancellationToken);

    /// <summary>Every snapshot of the period, newest first.</summary>
    Task<IReadOnlyList<ScoreSnapshot>> ListSnapshotsAsync(string period, CancellationToken cancellationToken);

    /// <summary>Recomputes the content hash of the stored results: <c>true</c> when it equals the recorded one.</summary>
    Task<bool> VerifyAsync(ScoreSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>The region results of a snapshot (all, or <paramref name="region"/> only).</summary>
    Task<IReadOnlyList<RegionScore>> ReadSnapshotAsync(int snapshotId, string? region, CancellationToken cancellationToken);
}
