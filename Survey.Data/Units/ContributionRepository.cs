using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Units;

namespace Survey.Data.Units;

/// <summary>The units' contributions in PostgreSQL: progress in one set-based query, changes under the submission's lock.</summary>
public sealed class ContributionRepository(NpgsqlDataSource dataSource) : IContributionRepository
{
    // Each unit's counts and its last change are grouped once per scope, never per unit.
    private const string ProgressSql = """
        WITH assigned AS (
            SELECT a.unit_code, count(*)::integer AS assigned,
                   count(*) FILTER (WHERE v.value IS NOT NULL OR v.not_available_reason IS NOT NULL)::integer AS filled
            FROM indicator_assignment a
            LEFT JOIN indicator_value v ON v.period_code = a.period_code AND v.region_code = a.region_code AND v.indicator_key = a.indicator_key
            WHERE a.period_code = @Period AND a.region_code = @Region
            GROUP BY a.unit_code),
        owned AS (
            SELECT p.unit_code, count(DISTINCT p.id)::integer AS programmes, count(r.id)::integer AS risks
            FROM programme p LEFT JOIN programme_risk r ON r.period_code = p.period_code AND r.programme_id = p.id
            WHERE p.period_code = @Period AND p.region_code = @Region AND p.unit_code IS NOT NULL
            GROUP BY p.unit_code),
        changes AS (
            SELECT a.unit_code, v.updated_at AS at, v.updated_by AS by
            FROM indicator_assignment a
            JOIN indicator_value v ON v.period_code = a.period_code AND v.region_code = a.region_code AND v.indicator_key = a.indicator_key
            WHERE a.period_code = @Period AND a.region_code = @Region
            UNION ALL
            SELECT p.unit_code, p.updated_at, p.updated_by FROM programme p
            WHERE p.period_code = @Period AND p.region_code = @Region AND p.unit_code IS NOT NULL
            UNION ALL
            SELECT c.unit_code, c.changed_at, c.changed_by FROM unit_contribution c
            WHERE c.period_code = @Period AND c.region_code = @Region),
        last AS (
            SELECT DISTINCT ON (unit_code) unit_code, at, by FROM changes ORDER BY unit_code, at DESC),
        operators AS (
            SELECT DISTINCT unit_code FROM app_user WHERE region_code = @Region AND unit_code IS NOT NULL AND disabled_at IS NULL)
        SELECT u.code, u.name, u.kind, u.active,
               coalesce(a.assigned, 0) AS indicators_assigned, coalesce(a.filled, 0) AS indicators_filled,
               coalesce(o.programmes, 0) AS programmes, coalesce(o.risks, 0) AS risks,
               coalesce(c.status, 'in_progress') AS status, c.reason, c.changed_at AS status_at, cu.name AS status_by,
               l.at AS last_change_at, lu.name AS last_change_by, coalesce(c.returns, 0) AS returns
        FROM unit u
        LEFT JOIN assigned a ON a.unit_code = u.code
        LEFT JOIN owned o ON o.unit_code = u.code
        LEFT JOIN unit_contribution c ON c.period_code = @Period AND c.region_code = u.region_code AND c.unit_code = u.code
        LEFT JOIN app_user cu ON cu.id = c.changed_by
        LEFT JOIN last l ON l.unit_code = u.code
        LEFT JOIN app_user lu ON lu.id = l.by
        WHERE u.region_code = @Region
          AND (@All OR a.unit_code IS NOT NULL OR o.unit_code IS NOT NULL OR c.unit_code IS NOT NULL
               OR u.code IN (SELECT unit_code FROM operators))
        ORDER BY array_position(ARRAY['agency', 'bumd', 'other', 'desa', 'kelurahan'], u.kind), u.name, u.code
        """;

    private const string LockSubmissionSql = """
        INSERT INTO submission (period_code, region_code) VALUES (@Period, @Region) ON CONFLICT DO NOTHING;
        SELECT status FROM submission WHERE period_code = @Period AND region_code = @Region FOR UPDATE;
        """;

    private const string CurrentSql = "SELECT status, reason, returns FROM unit_contribution WHERE period_code = @Period AND region_code = @Region AND unit_code = @Unit";

    public async Task<IReadOnlyList<UnitProgress>> ProgressAsync(Scope scope, bool all, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<UnitProgress>(new CommandDefinition(ProgressSql, new { scope.Period, scope.Region, All = all }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlySet<string>> ReadyUnitsAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT unit_code FROM unit_contribution WHERE period_code = @Period AND region_code = @Region AND status = 'ready'",
            new { scope.Period, scope.Region }, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> MarkReadyAsync(Scope scope, string unit, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { scope.Period, scope.Region, Unit = unit, ActorId = actorId };
        await connection.ExecuteAsync(new CommandDefinition(LockSubmissionSql, parameters, transaction, cancellationToken: cancellationToken));
        var before = await connection.QuerySingleOrDefaultAsync<Current>(new CommandDefinition(CurrentSql, parameters, transaction, cancellationToken: cancellationToken));
        if (before?.Status == ContributionStatuses.Ready)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO unit_contribution (period_code, region_code, unit_code, status, changed_by) VALUES (@Period, @Region, @Unit, 'ready', @ActorId)
            ON CONFLICT (period_code, region_code, unit_code) DO UPDATE SET status = 'ready', reason = NULL, changed_by = EXCLUDED.changed_by, changed_at = now()
            """, parameters, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "unit_contribution", unit, "ready",
            before is null ? null : new { status = before.Status, reason = before.Reason }, new { status = ContributionStatuses.Ready }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int?> ReturnAsync(Scope scope, string unit, string reason, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var parameters = new { scope.Period, scope.Region, Unit = unit, ActorId = actorId, Reason = reason };
        await connection.ExecuteAsync(new CommandDefinition(LockSubmissionSql, parameters, transaction, cancellationToken: cancellationToken));
        var before = await connection.QuerySingleOrDefaultAsync<Current>(new CommandDefinition(CurrentSql, parameters, transaction, cancellationToken: cancellationToken));
        if (before?.Status != ContributionStatuses.Ready)
        {
            return null;
        }

        var returns = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            UPDATE unit_contribution SET status = 'returned', reason = @Reason, changed_by = @ActorId, changed_at = now(), returns = returns + 1
            WHERE period_code = @Period AND region_code = @Region AND unit_code = @Unit RETURNING returns
            """, parameters, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "unit_contribution", unit, "return",
            new { status = before.Status }, new { status = ContributionStatuses.Returned, reason }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return returns;
    }

    private sealed record Current(string Status, string? Reason, int Returns);
}
