using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Units;

namespace Survey.Data.Units;

/// <summary>Indicator assignments in PostgreSQL: a list saved in place, an audit row per change.</summary>
public sealed class AssignmentRepository(NpgsqlDataSource dataSource) : IAssignmentRepository
{
    private const string ListSql = "SELECT indicator_key AS key, unit_code AS unit FROM indicator_assignment WHERE period_code = @Period AND region_code = @Region ORDER BY indicator_key";

    public async Task<IReadOnlyList<IndicatorAssignment>> ListAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<IndicatorAssignment>(new CommandDefinition(ListSql, new { scope.Period, scope.Region }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<int> ReplaceAsync(Scope scope, IReadOnlyList<IndicatorAssignment> assignments, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await connection.QueryAsync<IndicatorAssignment>(new CommandDefinition(ListSql + " FOR UPDATE", new { scope.Period, scope.Region }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(a => a.Key, a => a.Unit, StringComparer.Ordinal);
        var after = assignments.ToDictionary(a => a.Key, a => a.Unit, StringComparer.Ordinal);
        var changed = 0;
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var old = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            if (old == now)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(now is null
                ? "DELETE FROM indicator_assignment WHERE period_code = @Period AND region_code = @Region AND indicator_key = @Key"
                : """
                  INSERT INTO indicator_assignment (period_code, region_code, indicator_key, unit_code, assigned_by) VALUES (@Period, @Region, @Key, @Unit, @ActorId)
                  ON CONFLICT (period_code, region_code, indicator_key) DO UPDATE SET unit_code = EXCLUDED.unit_code, assigned_by = EXCLUDED.assigned_by, assigned_at = now()
                  """, new { scope.Period, scope.Region, Key = key, Unit = now, ActorId = actorId }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "indicator_assignment", key,
                old is null ? "create" : now is null ? "delete" : "update", old is null ? null : new { unit = old }, now is null ? null : new { unit = now }), cancellationToken);
            changed++;
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }
}
