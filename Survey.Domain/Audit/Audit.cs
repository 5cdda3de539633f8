namespace Survey.Domain.Audit;

/// <summary>A filter over the audit trail; every part is optional.</summary>
/// <param name="ActorId">Changes by this user.</param>
/// <param name="Region">Changes of this region.</param>
/// <param name="Period">Changes in this period.</param>
/// <param name="From">On or after this day (WIB).</param>
/// <param name="To">On or before this day (WIB).</param>
/// <param name="Key">Changes of this entity key (an indicator key, a programme id, …).</param>
/// <param name="Entity">Changes of this kind of entity (indicator_value, programme, period, …).</param>
/// <param name="Keys">Changes of any of these entity keys (a unit's code, its programmes' ids, its indicators' keys).</param>
public sealed record AuditQuery(Guid? ActorId, string? Region, string? Period, DateOnly? From, DateOnly? To, string? Key, string? Entity = null, IReadOnlyList<string>? Keys = null);

/// <summary>One change: who, when, what, the old and the new value (JSON).</summary>
public sealed record AuditRow(long Id, DateTimeOffset OccurredAt, Guid? ActorId, string? ActorName, string? PeriodCode, string? RegionCode, string Entity, string EntityKey, string Action, string? OldValue, string? NewValue);

/// <summary>Reading the append-only audit trail.</summary>
public interface IAuditRepository
{
    /// <summary>The newest <paramref name="limit"/> changes matching <paramref name="query"/>, newest first.</summary>
    Task<IReadOnlyList<AuditRow>> SearchAsync(AuditQuery query, int limit, CancellationToken cancellationToken);

    /// <summary>Every change matching <paramref name="query"/>, oldest first, streamed row by row (for exports).</summary>
    IAsyncEnumerable<AuditRow> StreamAsync(AuditQuery query, CancellationToken cancellationToken);
}
