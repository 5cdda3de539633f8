using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Common;

namespace Survey.Data.Audit;

/// <summary>
/// Appends a row to the audit trail inside the caller's transaction, so that a change and its audit row
/// are committed or rolled back together.
/// </summary>
internal static class AuditWriter
{
    private const string Sql = """
        INSERT INTO audit_event (actor_id, period_code, region_code, entity, entity_key, action, old_value, new_value)
        VALUES (@ActorId, @PeriodCode, @RegionCode, @Entity, @EntityKey, @Action, @Old::jsonb, @New::jsonb)
        """;

    public static Task WriteAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        AuditEntry entry,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(Sql, new
        {
            entry.ActorId,
            entry.PeriodCode,
            entry.RegionCode,
            entry.Entity,
            entry.EntityKey,
            entry.Action,
            Old = entry.Old is null ? null : JsonSerializer.Serialize(entry.Old, ContentHash.JsonOptions),
            New = entry.New is null ? null : JsonSerializer.Serialize(entry.New, ContentHash.JsonOptions),
        }, transaction, cancellationToken: cancellationToken));
}

/// <summary>One change: who, where, what, before and after.</summary>
internal sealed record AuditEntry(Guid? ActorId, string? PeriodCode, string? RegionCode, string Entity, string EntityKey, string Action, object? Old, object? New);
