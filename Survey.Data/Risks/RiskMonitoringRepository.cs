using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Risks;

namespace Survey.Data.Risks;

/// <summary>The monitoring entries of migration 0031; every change writes its audit row in the same transaction.</summary>
public sealed class RiskMonitoringRepository(NpgsqlDataSource dataSource) : IRiskMonitoringRepository
{
    private const string ListSql = """
        SELECT m.risk_id, m.current_likelihood, m.current_impact, m.occurred, m.occurrence, m.closed, m.close_reason,
               m.actions::text AS actions, u.name AS updated_by, m.updated_at
        FROM risk_monitoring m LEFT JOIN app_user u ON u.id = m.updated_by
        WHERE m.period_code = @Period AND m.region_code = @Region
        """;

    private const string UpsertSql = """
        INSERT INTO risk_monitoring (period_code, risk_id, region_code, current_likelihood, current_impact, occurred, occurrence, closed, close_reason, actions, updated_by, updated_at)
        SELECT @Period, r.id, p.region_code, @CurrentLikelihood, @CurrentImpact, @Occurred, @Occurrence, @Closed, @CloseReason, @Actions::jsonb, @ActorId, now()
        FROM programme_risk r JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
        WHERE r.period_code = @Period AND r.id = @RiskId AND p.region_code = @Region
        ON CONFLICT (period_code, risk_id) DO UPDATE SET current_likelihood = EXCLUDED.current_likelihood, current_impact = EXCLUDED.current_impact,
            occurred = EXCLUDED.occurred, occurrence = EXCLUDED.occurrence, closed = EXCLUDED.closed, close_reason = EXCLUDED.close_reason,
            actions = EXCLUDED.actions, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
        """;

    // A risk that occurred becomes an obstacle linked to it (once per period), to be completed by the region.
    private const string ObstacleFromRiskSql = """
        WITH src AS (
            SELECT r.id AS risk_id, r.programme_id, p.unit_code, r.category, p.region_code
            FROM programme_risk r JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
            WHERE r.period_code = @Period AND r.id = @RiskId AND p.region_code = @Region
              AND NOT EXISTS (SELECT 1 FROM obstacle o WHERE o.period_code = @Period AND o.risk_id = @RiskId)
        ), identity AS (
            INSERT INTO obstacle_identity (id, region_code) SELECT @NewId, region_code FROM src RETURNING id
        )
        INSERT INTO obstacle (period_code, id, region_code, programme_id, unit_code, risk_id, category, description, since, needs_update, sort_order, updated_by, updated_at)
        SELECT @Period, i.id, s.region_code, s.programme_id, s.unit_code, s.risk_id, s.category, @Description, @Today, true,
               (SELECT coalesce(max(sort_order), 0) + 1 FROM obstacle WHERE period_code = @Period AND region_code = @Region), @ActorId, now()
        FROM src s JOIN identity i ON true
        RETURNING id
        """;

    private const string VerifiedSql = """
        SELECT r.verified_likelihood, r.verified_impact, r.verified_note, r.title
        FROM programme_risk r JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
        WHERE r.period_code = @Period AND r.id = @RiskId AND p.region_code = @Region
        FOR UPDATE OF r
        """;

    private const string VerifySql = """
        UPDATE programme_risk SET verified_likelihood = @Likelihood, verified_impact = @Impact, verified_note = @Note, verified_by = @ActorId, verified_at = now()
        WHERE period_code = @Period AND id = @RiskId
        """;

    public async Task<IReadOnlyDictionary<Guid, RiskMonitoring>> ListAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, null, scope, cancellationToken);
    }

    public async Task<bool> SaveAsync(Scope scope, RiskMonitoring monitoring, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(monitoring);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await ListAsync(connection, transaction, scope, cancellationToken)).GetValueOrDefault(monitoring.RiskId);
        if (before is not null && before.Equals(monitoring))
        {
            return false;
        }

        var written = await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            scope.Period,
            scope.Region,
            monitoring.RiskId,
            monitoring.CurrentLikelihood,
            monitoring.CurrentImpact,
            monitoring.Occurred,
            monitoring.Occurrence,
            monitoring.Closed,
            monitoring.CloseReason,
            Actions = JsonSerializer.Serialize(monitoring.Actions, ContentHash.JsonOptions),
            ActorId = actorId,
        }, transaction, cancellationToken: cancellationToken));
        if (written == 0)
        {
            return false;
        }

        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "risk_monitoring", monitoring.RiskId.ToString(),
            before is null ? "create" : "update", before is null ? null : Audited(before), Audited(monitoring)), cancellationToken);
        if (monitoring.Occurred && !string.IsNullOrWhiteSpace(monitoring.Occurrence))
        {
            var obstacle = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(ObstacleFromRiskSql, new
            {
                scope.Period,
                scope.Region,
                monitoring.RiskId,
                NewId = Guid.CreateVersion7(),
                Description = monitoring.Occurrence.Trim(),
                Today = DateOnly.FromDateTime(DateTime.UtcNow),
                ActorId = actorId,
            }, transaction, cancellationToken: cancellationToken));
            if (obstacle is { } id)
            {
                await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "obstacle", id.ToString(), "from_risk", null,
                    new { risk = monitoring.RiskId, description = monitoring.Occurrence.Trim() }), cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> VerifyAsync(Scope scope, Guid riskId, int? likelihood, int? impact, string? note, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<VerifiedRow>(new CommandDefinition(VerifiedSql, new { scope.Period, scope.Region, RiskId = riskId }, transaction, cancellationToken: cancellationToken));
        if (before is null)
        {
            return false;
        }

        if (before.VerifiedLikelihood == likelihood && before.VerifiedImpact == impact && before.VerifiedNote == note)
        {
            return true;
        }

        await connection.ExecuteAsync(new CommandDefinition(VerifySql, new { scope.Period, RiskId = riskId, Likelihood = likelihood, Impact = impact, Note = note, ActorId = actorId }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "programme_risk", riskId.ToString(), "verify",
            new { title = before.Title, verified_likelihood = before.VerifiedLikelihood, verified_impact = before.VerifiedImpact, verified_note = before.VerifiedNote },
            new { title = before.Title, verified_likelihood = likelihood, verified_impact = impact, verified_note = note }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static object Audited(RiskMonitoring m) => new
    {
        likelihood = m.CurrentLikelihood,
        impact = m.CurrentImpact,
        occurred = m.Occurred,
        occurrence = m.Occurrence,
        closed = m.Closed,
        close_reason = m.CloseReason,
        actions = m.Actions.Select(a => $"{a.Status}: {a.Result}").ToList(),
    };

    private static async Task<IReadOnlyDictionary<Guid, RiskMonitoring>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Scope scope, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { scope.Period, scope.Region }, transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.RiskId, r => new RiskMonitoring(r.RiskId, r.CurrentLikelihood, r.CurrentImpact, r.Occurred, r.Occurrence, r.Closed, r.CloseReason,
            JsonSerializer.Deserialize<List<ActionProgress>>(r.Actions, ContentHash.JsonOptions) ?? [])
        {
            UpdatedBy = r.UpdatedBy,
            UpdatedAt = new DateTimeOffset(DateTime.SpecifyKind(r.UpdatedAt, DateTimeKind.Utc)),
        });
    }

    private sealed record VerifiedRow(int? VerifiedLikelihood, int? VerifiedImpact, string? VerifiedNote, string Title);

    private sealed record Row(Guid RiskId, int CurrentLikelihood, int CurrentImpact, bool Occurred, string? Occurrence, bool Closed, string? CloseReason, string Actions, string? UpdatedBy, DateTime UpdatedAt);
}
