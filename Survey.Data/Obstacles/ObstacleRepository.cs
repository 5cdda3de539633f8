using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Obstacles;

namespace Survey.Data.Obstacles;

/// <summary>The obstacles of migration 0034; every change writes its audit row in the same transaction.</summary>
public sealed class ObstacleRepository(NpgsqlDataSource dataSource) : IObstacleRepository
{
    internal const string Columns = """
        o.id, o.programme_id AS programme, o.unit_code AS unit, o.risk_id AS risk, o.category, o.description, o.cause, o.impact, o.since,
        o.solution, o.preventive_step, o.support_needed_from, o.support_body, o.responsible_unit, o.due, o.status, o.resolution,
        o.needs_update, o.version, u.name AS updated_by_name, o.updated_at
        """;

    private const string ListSql = "SELECT " + Columns + """

        FROM obstacle o LEFT JOIN app_user u ON u.id = o.updated_by
        WHERE o.period_code = @Period AND o.region_code = @Region
        ORDER BY (o.status = 'resolved'), o.sort_order, o.updated_at
        """;

    private const string LockSql = "SELECT " + Columns + """

        FROM obstacle o LEFT JOIN app_user u ON u.id = o.updated_by
        WHERE o.period_code = @Period AND o.region_code = @Region AND o.id = @Id
        FOR UPDATE OF o
        """;

    private const string IdentitySql = """
        INSERT INTO obstacle_identity (id, region_code) VALUES (@Id, @Region) ON CONFLICT (id) DO NOTHING;
        SELECT region_code FROM obstacle_identity WHERE id = @Id;
        """;

    private const string InsertSql = """
        INSERT INTO obstacle (period_code, id, region_code, programme_id, unit_code, risk_id, category, description, cause, impact, since, solution,
            preventive_step, support_needed_from, support_body, responsible_unit, due, status, resolution, needs_update, sort_order, updated_by, updated_at)
        VALUES (@Period, @Id, @Region, @Programme, @Unit, @Risk, @Category, @Description, @Cause, @Impact, @Since, @Solution,
            @PreventiveStep, @SupportNeededFrom, @SupportBody, @ResponsibleUnit, @Due, @Status, @Resolution, false,
            (SELECT coalesce(max(sort_order), 0) + 1 FROM obstacle WHERE period_code = @Period AND region_code = @Region), @ActorId, now())
        """;

    private const string UpdateSql = """
        UPDATE obstacle SET programme_id = @Programme, unit_code = @Unit, risk_id = @Risk, category = @Category, description = @Description,
            cause = @Cause, impact = @Impact, since = @Since, solution = @Solution, preventive_step = @PreventiveStep,
            support_needed_from = @SupportNeededFrom, support_body = @SupportBody, responsible_unit = @ResponsibleUnit, due = @Due,
            status = @Status, resolution = @Resolution, needs_update = false, version = version + 1, updated_by = @ActorId, updated_at = now()
        WHERE period_code = @Period AND region_code = @Region AND id = @Id
        """;

    // The open obstacles come over with their ids and content, marked as needing this semester's update.
    private const string CarrySql = """
        INSERT INTO obstacle (period_code, id, region_code, programme_id, unit_code, risk_id, category, description, cause, impact, since, solution,
            preventive_step, support_needed_from, support_body, responsible_unit, due, status, resolution, needs_update, sort_order, updated_by, updated_at)
        SELECT @To, o.id, o.region_code, o.programme_id, o.unit_code, o.risk_id, o.category, o.description, o.cause, o.impact, o.since, o.solution,
            o.preventive_step, o.support_needed_from, o.support_body, o.responsible_unit, o.due, o.status, o.resolution, true, o.sort_order, @ActorId, now()
        FROM obstacle o
        WHERE o.period_code = @From AND o.status <> 'resolved' AND (@Region::text IS NULL OR o.region_code = @Region)
          AND EXISTS (SELECT 1 FROM period p WHERE p.code = @To)
        ON CONFLICT (period_code, id) DO NOTHING
        RETURNING id, region_code, description
        """;

    public async Task<IReadOnlyList<Obstacle>> ListAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { scope.Period, scope.Region }, cancellationToken: cancellationToken))).Select(r => r.ToObstacle()).ToList();
    }

    public async Task<ObstacleWrite> SaveAsync(Scope scope, Obstacle obstacle, Guid actorId, int? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(obstacle);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(LockSql, new { scope.Period, scope.Region, obstacle.Id }, transaction, cancellationToken: cancellationToken)))?.ToObstacle();
        if (before is not null && expectedVersion is { } expected && expected > 0 && before.Version != expected)
        {
            return ObstacleWrite.Stale;
        }

        if (before is not null && before.SameContent(obstacle) && !before.NeedsUpdate)
        {
            return ObstacleWrite.Unchanged;
        }

        var parameters = new
        {
            scope.Period,
            scope.Region,
            obstacle.Id,
            obstacle.Programme,
            obstacle.Unit,
            obstacle.Risk,
            obstacle.Category,
            obstacle.Description,
            obstacle.Cause,
            obstacle.Impact,
            obstacle.Since,
            obstacle.Solution,
            obstacle.PreventiveStep,
            obstacle.SupportNeededFrom,
            obstacle.SupportBody,
            obstacle.ResponsibleUnit,
            obstacle.Due,
            obstacle.Status,
            obstacle.Resolution,
            ActorId = actorId,
        };
        if (before is null)
        {
            // An id of another region's obstacle is never taken over.
            var owner = await connection.ExecuteScalarAsync<string>(new CommandDefinition(IdentitySql, new { obstacle.Id, scope.Region }, transaction, cancellationToken: cancellationToken));
            if (owner != scope.Region)
            {
                return ObstacleWrite.NotFound;
            }

            await connection.ExecuteAsync(new CommandDefinition(InsertSql, parameters, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, transaction, cancellationToken: cancellationToken));
        }

        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "obstacle", obstacle.Id.ToString(),
            before is null ? "create" : "update", before is null ? null : Audited(before), Audited(obstacle)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ObstacleWrite.Written;
    }

    public async Task<int> CarryOverAsync(string fromPeriod, string toPeriod, string? region, Guid? actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var copied = (await connection.QueryAsync<(Guid Id, string Region, string Description)>(new CommandDefinition(CarrySql,
            new { From = fromPeriod, To = toPeriod, Region = region, ActorId = actorId }, transaction, cancellationToken: cancellationToken))).ToList();
        foreach (var (id, owner, description) in copied)
        {
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, toPeriod, owner, "obstacle", id.ToString(), "carry_over", null, new { description, from = fromPeriod }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return copied.Count;
    }

    internal static object Audited(Obstacle o) => new
    {
        programme_id = o.Programme,
        unit = o.Unit,
        risk = o.Risk,
        category = o.Category,
        description = o.Description,
        cause = o.Cause,
        impact = o.Impact,
        since = o.Since,
        solution = o.Solution,
        preventive_step = o.PreventiveStep,
        support_needed_from = o.SupportNeededFrom,
        support_body = o.SupportBody,
        responsible_unit = o.ResponsibleUnit,
        due = o.Due,
        status = o.Status,
        resolution = o.Resolution,
    };

    internal sealed record Row(
        Guid Id, Guid? Programme, string? Unit, Guid? Risk, string? Category, string Description, string? Cause, string? Impact, DateOnly? Since, string? Solution,
        string? PreventiveStep, string SupportNeededFrom, string? SupportBody, string? ResponsibleUnit, DateOnly? Due, string Status, string? Resolution,
        bool NeedsUpdate, int Version, string? UpdatedByName, DateTimeOffset UpdatedAt)
    {
        public Obstacle ToObstacle() => new(Id, Programme, Unit, Risk, Category, Description, Cause, Impact, Since, Solution, PreventiveStep, SupportNeededFrom, SupportBody,
            ResponsibleUnit, Due, Status, Resolution)
        {
            NeedsUpdate = NeedsUpdate,
            Version = Version,
            UpdatedByName = UpdatedByName,
            UpdatedAt = UpdatedAt,
        };
    }
}
