using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Recommendations;

namespace Survey.Data.Recommendations;

/// <summary>The recommendations and follow-ups of migration 0035; every write is one transaction with its audit row.</summary>
public sealed class RecommendationRepository(NpgsqlDataSource dataSource) : IRecommendationRepository
{
    // Written in the period or before, and open, or closed in this period or the one before it.
    private const string ListSql = """
        SELECT r.id, r.period_code AS period, r.addressed_to, r.dimension, r.programme_id AS programme, r.risk_id AS risk, r.obstacle_id AS obstacle,
               r.text, r.priority, r.due_period, r.closed_period, u.name AS created_by_name, r.created_at
        FROM recommendation r LEFT JOIN app_user u ON u.id = r.created_by
        WHERE r.region_code = @Region AND r.period_code <= @Period
          AND (r.closed_period IS NULL OR r.closed_period >= @Previous)
        ORDER BY r.period_code, CASE r.priority WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, r.created_at
        """;

    private const string FollowUpsSql = """
        SELECT f.recommendation_id, f.period_code AS period, f.status, f.action, f.reason, f.evidence, u.name AS updated_by_name, f.updated_at,
               f.verdict, f.verdict_note, v.name AS verified_by_name, f.verified_at
        FROM recommendation_follow_up f
        LEFT JOIN app_user u ON u.id = f.updated_by
        LEFT JOIN app_user v ON v.id = f.verified_by
        WHERE f.recommendation_id = ANY (@Ids) AND f.period_code <= @Period
        ORDER BY f.period_code
        """;

    private const string InsertSql = """
        INSERT INTO recommendation (id, region_code, period_code, addressed_to, dimension, programme_id, risk_id, obstacle_id, text, priority, due_period, created_by)
        VALUES (@Id, @Region, @Period, @AddressedTo, @Dimension, @Programme, @Risk, @Obstacle, @Text, @Priority, @DuePeriod, @ActorId)
        """;

    private const string FollowUpSql = """
        INSERT INTO recommendation_follow_up (recommendation_id, period_code, status, action, reason, evidence, updated_by, updated_at)
        VALUES (@Recommendation, @Period, @Status, @Action, @Reason, @Evidence, @ActorId, now())
        ON CONFLICT (recommendation_id, period_code) DO UPDATE SET status = EXCLUDED.status, action = EXCLUDED.action, reason = EXCLUDED.reason,
            evidence = EXCLUDED.evidence, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at,
            verdict = NULL, verdict_note = NULL, verified_by = NULL, verified_at = NULL
        """;

    private const string VerifySql = """
        UPDATE recommendation_follow_up SET verdict = @Verdict, verdict_note = @Note, verified_by = @ActorId, verified_at = now()
        WHERE recommendation_id = @Recommendation AND period_code = @Period;
        UPDATE recommendation SET closed_period = CASE WHEN @Verdict = 'done' THEN @Period
            WHEN closed_period = @Period THEN NULL ELSE closed_period END
        WHERE id = @Recommendation;
        """;

    private const string DueSql = """
        SELECT r.region_code, count(*)::int
        FROM recommendation r JOIN region g ON g.code = r.region_code
        WHERE g.participating AND r.period_code < @Period AND r.due_period <= @Period AND r.closed_period IS NULL
          AND (NOT @UnansweredOnly OR NOT EXISTS (SELECT 1 FROM recommendation_follow_up f WHERE f.recommendation_id = r.id AND f.period_code = @Period))
        GROUP BY r.region_code ORDER BY r.region_code
        """;

    public async Task<IReadOnlyList<(string Region, int Count)>> DueAsync(string period, bool unansweredOnly, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string, int)>(new CommandDefinition(DueSql, new { Period = period, UnansweredOnly = unansweredOnly }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<Recommendation>> ListAsync(Scope scope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { scope.Period, scope.Region, Previous = PeriodCodes.Previous(scope.Period) }, cancellationToken: cancellationToken))).ToList();
        var followUps = (await connection.QueryAsync<FollowUpRow>(new CommandDefinition(FollowUpsSql, new { Ids = rows.Select(r => r.Id).ToArray(), scope.Period }, cancellationToken: cancellationToken)))
            .ToLookup(f => f.RecommendationId);
        return rows.Select(r => new Recommendation(r.Id, r.Period, r.AddressedTo, r.Dimension, r.Programme, r.Risk, r.Obstacle, r.Text, r.Priority, r.DuePeriod)
        {
            ClosedPeriod = r.ClosedPeriod,
            CreatedByName = r.CreatedByName,
            CreatedAt = r.CreatedAt,
            FollowUps = followUps[r.Id].Select(f => f.ToFollowUp()).ToList(),
        }).ToList();
    }

    public async Task AddAsync(string region, Recommendation recommendation, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recommendation);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            recommendation.Id,
            Region = region,
            recommendation.Period,
            recommendation.AddressedTo,
            recommendation.Dimension,
            recommendation.Programme,
            recommendation.Risk,
            recommendation.Obstacle,
            recommendation.Text,
            recommendation.Priority,
            recommendation.DuePeriod,
            ActorId = actorId,
        }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, recommendation.Period, region, "recommendation", recommendation.Id.ToString(), "create", null, new
        {
            addressed_to = recommendation.AddressedTo,
            dimension = recommendation.Dimension,
            text = recommendation.Text,
            priority = recommendation.Priority,
            due_period = recommendation.DuePeriod,
        }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveFollowUpAsync(Scope scope, Guid recommendation, FollowUp followUp, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(FollowUpSql, new
        {
            Recommendation = recommendation,
            scope.Period,
            followUp.Status,
            followUp.Action,
            followUp.Reason,
            followUp.Evidence,
            ActorId = actorId,
        }, transaction, cancellationToken: cancellationToken));
        // A new report reopens what an earlier verdict of this period closed.
        await connection.ExecuteAsync(new CommandDefinition("UPDATE recommendation SET closed_period = NULL WHERE id = @Recommendation AND closed_period = @Period",
            new { Recommendation = recommendation, scope.Period }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "recommendation_follow_up", recommendation.ToString(), "follow_up", null, new
        {
            status = followUp.Status,
            action = followUp.Action,
            reason = followUp.Reason,
            evidence = followUp.Evidence,
        }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task VerifyAsync(Scope scope, Guid recommendation, string verdict, string? note, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(VerifySql, new { Recommendation = recommendation, scope.Period, Verdict = verdict, Note = note, ActorId = actorId }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, scope.Period, scope.Region, "recommendation_follow_up", recommendation.ToString(), "verify", null,
            new { verdict, note }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private sealed record Row(Guid Id, string Period, string AddressedTo, string? Dimension, Guid? Programme, Guid? Risk, Guid? Obstacle, string Text, string Priority,
        string DuePeriod, string? ClosedPeriod, string? CreatedByName, DateTimeOffset CreatedAt);

    private sealed record FollowUpRow(Guid RecommendationId, string Period, string Status, string? Action, string? Reason, string? Evidence, string? UpdatedByName,
        DateTimeOffset UpdatedAt, string? Verdict, string? VerdictNote, string? VerifiedByName, DateTimeOffset? VerifiedAt)
    {
        public FollowUp ToFollowUp() => new(Period, Status, Action, Reason, Evidence)
        {
            UpdatedByName = UpdatedByName,
            UpdatedAt = UpdatedAt,
            Verdict = Verdict,
            VerdictNote = VerdictNote,
            VerifiedByName = VerifiedByName,
            VerifiedAt = VerifiedAt,
        };
    }
}
