using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;

namespace Survey.Data.Reviews;

/// <summary>Marks, decisions, assignments and the change history of reviews in PostgreSQL.</summary>
public sealed class ReviewRepository(NpgsqlDataSource dataSource) : IReviewRepository
{
    private const string StateSql = """
        SELECT status, round, submitted_at FROM submission WHERE period_code = @Period AND region_code = @Region;
        SELECT m.kind, m.target, m.state, m.reason, m.comment, u.name AS updated_by_name, m.updated_at
        FROM review_mark m LEFT JOIN app_user u ON u.id = m.updated_by
        WHERE m.period_code = @Period AND m.region_code = @Region ORDER BY m.kind, m.target;
        SELECT d.id, d.round, d.decision, d.comment, u.name AS decided_by_name, d.decided_at
        FROM review_decision d LEFT JOIN app_user u ON u.id = d.decided_by
        WHERE d.period_code = @Period AND d.region_code = @Region ORDER BY d.id DESC;
        SELECT i.decision_id, i.kind, i.target, i.reason
        FROM review_item i JOIN review_decision d ON d.id = i.decision_id
        WHERE d.period_code = @Period AND d.region_code = @Region ORDER BY i.kind, i.target;
        """;

    public async Task<ReviewState> GetAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, period, region, cancellationToken);
    }

    private static async Task<ReviewState> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string period, string region, CancellationToken cancellationToken)
    {
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(StateSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        var submission = await grid.ReadSingleOrDefaultAsync<(string Status, int Round, DateTimeOffset? SubmittedAt)?>();
        var marks = (await grid.ReadAsync<ReviewMark>()).ToList();
        var decisions = (await grid.ReadAsync<DecisionRow>()).ToList();
        var items = (await grid.ReadAsync<ItemRow>()).ToLookup(i => i.DecisionId);
        return new ReviewState(
            submission is { } stored ? SubmissionStatuses.Parse(stored.Status) : SubmissionStatus.Draft,
            submission?.Round ?? 0,
            submission?.SubmittedAt,
            marks,
            decisions.Select(d => new ReviewDecision(d.Id, d.Round, d.Decision, d.Comment, d.DecidedByName, d.DecidedAt,
                items[d.Id].Select(i => new ReturnedItem(i.Kind, i.Target, i.Reason)).ToList())).ToList());
    }

    private const string LockSql = "SELECT status FROM submission WHERE period_code = @Period AND region_code = @Region FOR UPDATE";

    private const string UpsertMarkSql = """
        INSERT INTO review_mark (period_code, region_code, kind, target, state, reason, comment, updated_by, updated_at)
        VALUES (@Period, @Region, @Kind, @Target, @State, @Reason, @Comment, @ActorId, now())
        ON CONFLICT (period_code, region_code, kind, target) DO UPDATE
        SET state = EXCLUDED.state, reason = EXCLUDED.reason, comment = EXCLUDED.comment, updated_by = EXCLUDED.updated_by, updated_at = now()
        """;

    private const string ProgrammeLevelSql = "SELECT verified_level, verified_note, name FROM programme WHERE id = @Id AND period_code = @Period AND region_code = @Region FOR UPDATE";

    private const string VerifySql = """
        UPDATE programme SET verified_level = @Level, verified_note = @Note, version = version + 1, updated_by = @ActorId, updated_at = now()
        WHERE id = @Id AND period_code = @Period AND region_code = @Region
        """;

    public async Task<int> SaveAsync(Scope scope, IReadOnlyList<ReviewMark> marks, IReadOnlyList<VerifiedLevel> levels, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var (changed, _) = await ReviewAsync(scope, marks, levels, null, null, actorId, cancellationToken);
        return changed;
    }

    public async Task<DecisionRefusal> DecideAsync(Scope scope, string decision, string? comment, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        var (_, refusal) = await ReviewAsync(scope, [], [], decision, comment, actorId, cancellationToken);
        return refusal;
    }

    public async Task<(int Changed, DecisionRefusal Refusal)> ReviewAsync(
        Scope scope, IReadOnlyList<ReviewMark> marks, IReadOnlyList<VerifiedLevel> levels, string? decision, string? comment, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(marks);
        ArgumentNullException.ThrowIfNull(levels);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var status = await connection.ExecuteScalarAsync<string>(new CommandDefinition(LockSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        var changed = await SaveMarksAsync(connection, transaction, period, region, marks, levels, actorId, cancellationToken);
        if (decision is not null)
        {
            var refusal = await DecideAsync(connection, transaction, period, region, status, decision, comment, actorId, cancellationToken);
            if (refusal != DecisionRefusal.None)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (0, refusal);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return (changed, DecisionRefusal.None);
    }

    private static async Task<int> SaveMarksAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, IReadOnlyList<ReviewMark> marks, IReadOnlyList<VerifiedLevel> levels, Guid actorId, CancellationToken cancellationToken)
    {
        var stored = (await GetAsync(connection, transaction, period, region, cancellationToken)).Marks.ToDictionary(m => (m.Kind, m.Target));
        var changed = 0;
        foreach (var mark in marks)
        {
            var normalized = mark with { Reason = Blank(mark.Reason), Comment = Blank(mark.Comment) };
            var before = stored.GetValueOrDefault((mark.Kind, mark.Target));
            if (before is null ? normalized.State == MarkStates.Open && normalized.Comment is null
                : before.State == normalized.State && before.Reason == normalized.Reason && before.Comment == normalized.Comment)
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(UpsertMarkSql, new
            {
                Period = period,
                Region = region,
                normalized.Kind,
                normalized.Target,
                normalized.State,
                normalized.Reason,
                normalized.Comment,
                ActorId = actorId,
            }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "review_mark", $"{mark.Kind}:{mark.Target}", "mark",
                before is null ? null : new { state = before.State, reason = before.Reason, comment = before.Comment },
                new { state = normalized.State, reason = normalized.Reason, comment = normalized.Comment }), cancellationToken);
            changed++;
        }

        foreach (var level in levels)
        {
            var before = await connection.QuerySingleOrDefaultAsync<(int? Level, string? Note, string Name)?>(new CommandDefinition(ProgrammeLevelSql, new { Id = level.Programme, Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
            var note = Blank(level.Note);
            if (before is not { } current || (current.Level == level.Level && current.Note == note))
            {
                continue;
            }

            await connection.ExecuteAsync(new CommandDefinition(VerifySql, new { Id = level.Programme, Period = period, Region = region, level.Level, Note = note, ActorId = actorId }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme", level.Programme.ToString(), "verify",
                new { name = current.Name, verified_level = current.Level, verified_note = current.Note }, new { name = current.Name, verified_level = level.Level, verified_note = note }), cancellationToken);
            changed++;
        }

        return changed;
    }

    private const string InsertDecisionSql = """
        INSERT INTO review_decision (period_code, region_code, round, decision, comment, decided_by)
        SELECT @Period, @Region, s.round, @Decision, @Comment, @ActorId FROM submission s WHERE s.period_code = @Period AND s.region_code = @Region
        RETURNING id
        """;

    private const string CopyReturnedSql = """
        INSERT INTO review_item (decision_id, kind, target, reason)
        SELECT @Id, kind, target, reason FROM review_mark WHERE period_code = @Period AND region_code = @Region AND state = 'returned'
        """;

    private const string MoveSql = "UPDATE submission SET status = @Status, updated_at = now() WHERE period_code = @Period AND region_code = @Region";

    /// <summary>The decision, inside the caller's transaction, checked against the state stored there.</summary>
    private static async Task<DecisionRefusal> DecideAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, string? status, string decision, string? comment, Guid actorId, CancellationToken cancellationToken)
    {
        if (status is null || SubmissionStatuses.Parse(status) != SubmissionStatus.Submitted)
        {
            return DecisionRefusal.NotSubmitted;
        }

        var state = await GetAsync(connection, transaction, period, region, cancellationToken);
        var returned = state.Marks.Where(m => m.State == MarkStates.Returned).ToList();
        if (decision == "return" && returned.Count == 0)
        {
            return DecisionRefusal.NothingReturned;
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(InsertDecisionSql, new { Period = period, Region = region, Decision = decision, Comment = Blank(comment), ActorId = actorId }, transaction, cancellationToken: cancellationToken));
        if (decision == "return")
        {
            await connection.ExecuteAsync(new CommandDefinition(CopyReturnedSql, new { Id = id, Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        }

        var to = SubmissionStatuses.NameOf(decision == "return" ? SubmissionStatus.Returned : SubmissionStatus.Approved);
        await connection.ExecuteAsync(new CommandDefinition(MoveSql, new { Period = period, Region = region, Status = to }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "submission", $"{period}/{region}", decision,
            new { status }, new { status = to, comment = Blank(comment), returned = returned.Select(m => new { kind = m.Kind, target = m.Target, reason = m.Reason }) }), cancellationToken);
        return DecisionRefusal.None;
    }

    // Every participating region, also those that never started; flags as stored at the last submission (as the
    // submit page shows them), information flags apart; the exclusion of the latest snapshot, if any.
    private const string QueueSql = "SELECT r.code AS region, r.name, r.kind, r.province, r.is_demo, " + Survey.Data.Periods.Standings.StatusExpression + """
         AS status, coalesce(s.round, 0) AS round, s.submitted_at,
               (SELECT count(*)::integer FROM plausibility_flag f WHERE f.period_code = @Period AND f.region_code = r.code AND NOT f.informational) AS flags,
               (SELECT count(*)::integer FROM plausibility_flag f WHERE f.period_code = @Period AND f.region_code = r.code AND f.informational) AS information,
               (SELECT e.reason FROM publication_exclusion e JOIN score_snapshot x ON x.id = e.snapshot_id
                WHERE x.period_code = @Period AND e.region_code = r.code
                  AND x.version = (SELECT max(version) FROM score_snapshot WHERE period_code = @Period)) AS excluded
        FROM region r LEFT JOIN submission s ON s.period_code = @Period AND s.region_code = r.code
        WHERE r.participating OR s.region_code IS NOT NULL
        ORDER BY r.code;
        SELECT v.region_code, m.dimension, count(*)::integer AS answered
        FROM indicator_value v JOIN methodology_indicator m ON m.indicator_key = v.indicator_key AND m.methodology_version_id = @Methodology
        WHERE v.period_code = @Period AND (v.value IS NOT NULL OR v.not_available_reason IS NOT NULL)
        GROUP BY v.region_code, m.dimension;
        SELECT dimension, count(*)::integer FROM methodology_indicator WHERE methodology_version_id = @Methodology GROUP BY dimension;
        SELECT a.region_code, u.id, u.name FROM evaluator_assignment a JOIN app_user u ON u.id = a.evaluator_id ORDER BY u.name;
        """;

    public async Task<IReadOnlyList<QueueRow>> QueueAsync(string period, int methodologyVersionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        using var grid = await connection.QueryMultipleAsync(new CommandDefinition(QueueSql, new { Period = period, Methodology = methodologyVersionId }, cancellationToken: cancellationToken));
        var rows = (await grid.ReadAsync<QueueSqlRow>()).ToList();
        var answered = (await grid.ReadAsync<(string Region, string Dimension, int Answered)>()).ToLookup(a => a.Region);
        var mapped = (await grid.ReadAsync<(string Dimension, int Count)>()).ToList();
        var evaluators = (await grid.ReadAsync<(string Region, Guid Id, string Name)>()).ToLookup(e => e.Region);
        return rows.Select(r => new QueueRow(r.Region, r.Name, r.Kind, r.Province, r.IsDemo, r.Status, r.Round, r.SubmittedAt, r.Flags,
            mapped.ToDictionary(m => m.Dimension, m => (answered[r.Region].FirstOrDefault(a => a.Dimension == m.Dimension).Answered, m.Count), StringComparer.Ordinal),
            evaluators[r.Region].Select(e => (e.Id, e.Name)).ToList())
        {
            Information = r.Information,
            Excluded = r.Excluded,
        }).ToList();
    }

    public async Task AssignAsync(string region, IReadOnlyList<Guid> evaluators, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluators);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT evaluator_id FROM evaluator_assignment WHERE region_code = @Region ORDER BY evaluator_id FOR UPDATE", new { Region = region }, transaction, cancellationToken: cancellationToken))).ToList();
        var after = evaluators.Distinct().Order().ToList();
        if (before.SequenceEqual(after))
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM evaluator_assignment WHERE region_code = @Region", new { Region = region }, transaction, cancellationToken: cancellationToken));
        var stored = (await connection.QueryAsync<Guid>(new CommandDefinition("""
            INSERT INTO evaluator_assignment (region_code, evaluator_id, assigned_by)
            SELECT @Region, u.id, @ActorId FROM app_user u WHERE u.id = ANY (@Ids) AND u.role = 'evaluator'
            RETURNING evaluator_id
            """, new { Region = region, Ids = after.ToArray(), ActorId = actorId }, transaction, cancellationToken: cancellationToken))).Order().ToList();
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, null, region, "evaluator_assignment", region, "assign", before, stored), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private const string ChangesSql = """
        SELECT e.entity, e.entity_key AS key, e.action, e.old_value::text AS old, e.new_value::text AS new, u.name AS actor_name, e.occurred_at AS at
        FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE e.period_code = @Period AND e.region_code = @Region AND e.occurred_at > @Since
          AND e.entity IN ('indicator_value', 'programme', 'programme_risk', 'risk_monitoring', 'evidence') AND e.action <> 'verify'
        ORDER BY e.id
        """;

    public async Task<IReadOnlyList<Change>> ChangesSinceAsync(Scope scope, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Change>(new CommandDefinition(ChangesSql, new { Period = period, Region = region, Since = since }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<Survey.Domain.Submissions.PlausibilityFlag>> FlagsAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<(string Key, string Rule, decimal Value, decimal Reference, bool Informational)>(new CommandDefinition(
            "SELECT indicator_key, rule, value, reference, informational FROM plausibility_flag WHERE period_code = @Period AND region_code = @Region ORDER BY indicator_key, rule",
            new { Period = period, Region = region }, cancellationToken: cancellationToken)))
            .Select(f => new Survey.Domain.Submissions.PlausibilityFlag(f.Key, f.Rule, f.Value, f.Reference, f.Informational)).ToList();
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed record DecisionRow(long Id, int Round, string Decision, string? Comment, string? DecidedByName, DateTimeOffset DecidedAt);

    private sealed record ItemRow(long DecisionId, string Kind, string Target, string Reason);

    private sealed record QueueSqlRow(string Region, string Name, string Kind, string Province, bool IsDemo, string Status, int Round, DateTimeOffset? SubmittedAt, int Flags, int Information, string? Excluded);
}
