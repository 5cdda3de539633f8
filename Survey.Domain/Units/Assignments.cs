using Survey.Domain.Common;

namespace Survey.Domain.Units;

/// <summary>An indicator assigned to the unit that produces its data in a scope.</summary>
public sealed record IndicatorAssignment(string Key, string Unit);

/// <summary>The indicator assignments of a scope.</summary>
public interface IAssignmentRepository
{
    Task<IReadOnlyList<IndicatorAssignment>> ListAsync(Scope scope, CancellationToken cancellationToken);

    /// <summary>Replaces the scope's assignments with <paramref name="assignments"/>, audited per change; returns how many changed.</summary>
    Task<int> ReplaceAsync(Scope scope, IReadOnlyList<IndicatorAssignment> assignments, Guid actorId, CancellationToken cancellationToken);
}
