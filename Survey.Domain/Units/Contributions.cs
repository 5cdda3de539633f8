using Survey.Domain.Common;

namespace Survey.Domain.Units;

/// <summary>Where a unit's contribution to its region's data stands in a period.</summary>
public static class ContributionStatuses
{
    /// <summary>Being worked on (never marked ready, or changed by the coordinator's return).</summary>
    public const string InProgress = "in_progress";

    /// <summary>The unit marked its contribution ready for the region.</summary>
    public const string Ready = "ready";

    /// <summary>The regional coordinator returned it with a reason; the unit fixes it and marks it ready again.</summary>
    public const string Returned = "returned";
}

/// <summary>
/// One unit's progress in a scope: the indicators assigned to it and how many have a value (or are marked not
/// available), the programmes it owns and their risks, where its contribution stands and the last change to any
/// of it, with who made it.
/// </summary>
public sealed record UnitProgress(
    string Code,
    string Name,
    string Kind,
    bool Active,
    int IndicatorsAssigned,
    int IndicatorsFilled,
    int Programmes,
    int Risks,
    string Status,
    string? Reason,
    DateTimeOffset? StatusAt,
    string? StatusBy,
    DateTimeOffset? LastChangeAt,
    string? LastChangeBy,
    int Returns)
{
    public bool Ready => Status == ContributionStatuses.Ready;
}

/// <summary>The units' contributions of a scope.</summary>
public interface IContributionRepository
{
    /// <summary>
    /// Every unit's progress in one set-based query: the units with work in the scope (assigned indicators, owned
    /// programmes, an operator account or a contribution), or with <paramref name="all"/> every unit of the region.
    /// </summary>
    Task<IReadOnlyList<UnitProgress>> ProgressAsync(Scope scope, bool all, CancellationToken cancellationToken);

    /// <summary>The units whose contribution is marked ready in the scope.</summary>
    Task<IReadOnlySet<string>> ReadyUnitsAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the unit's contribution ready, under the submission's lock, audited. <c>false</c> when it was ready
    /// already (nothing written).
    /// </summary>
    Task<bool> MarkReadyAsync(Scope scope, string unit, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Returns a ready contribution with a reason, under the submission's lock, audited. Returns the number of the
    /// return (1 for the first), or <c>null</c> when the contribution is not ready (nothing written).
    /// </summary>
    Task<int?> ReturnAsync(Scope scope, string unit, string reason, Guid actorId, CancellationToken cancellationToken);
}
