using Survey.Domain.Common;

namespace Survey.Domain.Obstacles;

/// <summary>Where an obstacle stands.</summary>
public static class ObstacleStatuses
{
    public const string Open = "open";
    public const string InProgress = "in_progress";
    public const string Resolved = "resolved";

    public static readonly IReadOnlyList<string> All = [Open, InProgress, Resolved];
}

/// <summary>Whose support an obstacle needs: the region itself, the province, or a named ministry or agency.</summary>
public static class SupportLevels
{
    public const string Region = "region";
    public const string Province = "province";
    public const string Ministry = "ministry";

    public static readonly IReadOnlyList<string> All = [Region, Province, Ministry];
}

/// <summary>
/// An obstacle (hambatan / permasalahan) met by a programme or a unit: what it is, why, what it does to the
/// programme, since when, the solution and preventive step planned, whose support is needed, who handles it by
/// when, and where it stands. It keeps its <see cref="Id"/> across periods until it is resolved.
/// </summary>
public sealed record Obstacle(
    Guid Id,
    Guid? Programme,
    string? Unit,
    Guid? Risk,
    string? Category,
    string Description,
    string? Cause,
    string? Impact,
    DateOnly? Since,
    string? Solution,
    string? PreventiveStep,
    string SupportNeededFrom,
    string? SupportBody,
    string? ResponsibleUnit,
    DateOnly? Due,
    string Status,
    string? Resolution)
{
    /// <summary>Carried over from the previous period (or opened from a risk that occurred) and not updated here since.</summary>
    public bool NeedsUpdate { get; init; }

    /// <summary>The stored version (a later save of an older version is refused); 0 for a new record.</summary>
    public int Version { get; init; }

    public string? UpdatedByName { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether it still counts as a problem (not resolved).</summary>
    public bool IsOpen => Status != ObstacleStatuses.Resolved;

    /// <summary>The fields a person writes, for comparing and auditing (identity, version and bookkeeping aside).</summary>
    public bool SameContent(Obstacle other) =>
        other is not null && this with { NeedsUpdate = false, Version = 0, UpdatedByName = null, UpdatedAt = null }
            == other with { NeedsUpdate = false, Version = 0, UpdatedByName = null, UpdatedAt = null };
}

/// <summary>The save of an obstacle: written, refused for its fields, or stale (someone else saved first).</summary>
public enum ObstacleWrite
{
    Written,
    Unchanged,
    Stale,
    NotFound,
}

/// <summary>Obstacles in storage; every write is one transaction with its audit row.</summary>
public interface IObstacleRepository
{
    /// <summary>The region's obstacles in the period, open ones first, in entry order.</summary>
    Task<IReadOnlyList<Obstacle>> ListAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Adds (id unknown) or updates the obstacle; updating clears <see cref="Obstacle.NeedsUpdate"/>.
    /// <paramref name="expectedVersion"/> refuses a save over a newer version.
    /// </summary>
    Task<ObstacleWrite> SaveAsync(Scope scope, Obstacle obstacle, Guid actorId, int? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the obstacles of <paramref name="fromPeriod"/> that are not resolved into <paramref name="toPeriod"/>
    /// with their ids, marked as needing an update, for one region or (<c>null</c>) every region; those already
    /// there stay. Returns how many were copied.
    /// </summary>
    Task<int> CarryOverAsync(string fromPeriod, string toPeriod, string? region, Guid? actorId, CancellationToken cancellationToken);
}
