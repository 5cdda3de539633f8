using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Common;
using Survey.Domain.Surveys;

namespace Survey.Data.Surveys;

/// <summary>Invitations, drafts and responses in PostgreSQL.</summary>
public sealed class SurveyRepository(NpgsqlDataSource dataSource) : ISurveyRepository
{
    private const string QuestionnaireSql = """
        SELECT q.id, q.definition::text FROM period p JOIN questionnaire_version q ON q.id = p.questionnaire_version_id WHERE p.code = @Period
        """;

    // Questionnaire revisions never change once stored, and a period's revision is fixed when it opens: once
    // found, a period's questionnaire is kept (every respondent request needs it).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, Questionnaire> _questionnaires = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Questionnaire> _byPeriod = new(StringComparer.Ordinal);

    public async Task<Questionnaire?> GetQuestionnaireAsync(string period, CancellationToken cancellationToken)
    {
        if (_byPeriod.TryGetValue(period, out var known))
        {
            return known;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int Id, string Definition)?>(new CommandDefinition(QuestionnaireSql, new { Period = period }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var questionnaire = _questionnaires.GetOrAdd(row.Value.Id, _ => JsonSerializer.Deserialize<Questionnaire>(row.Value.Definition, ContentHash.JsonOptions)!);
        _byPeriod[period] = questionnaire;
        return questionnaire;
    }

    private const string InsertInvitationsSql = """
        INSERT INTO invitation (id, period_code, region_code, token_hash, expires_at, created_by)
        SELECT gen_random_uuid(), @Period, @Region, hash, @ExpiresAt, @ActorId FROM unnest(@Hashes) AS hash
        """;

    private const string FindSql = "SELECT id, period_code AS period, region_code AS region, status, expires_at, kind FROM invitation WHERE token_hash = @Hash";

    private const string InsertOpenSql = """
        INSERT INTO invitation (id, period_code, region_code, token_hash, expires_at, created_by, kind, quota)
        VALUES (gen_random_uuid(), @Period, @Region, @Hash, @ExpiresAt, @ActorId, 'open', @Quota)
        """;

    private const string IssueSql = """
        WITH parent AS (
            UPDATE invitation SET issued = issued + 1
            WHERE id = @Id AND kind = 'open' AND issued < quota AND expires_at > now()
            RETURNING id, period_code, region_code, expires_at, created_by
        )
        INSERT INTO invitation (id, period_code, region_code, token_hash, expires_at, created_by, parent_id)
        SELECT gen_random_uuid(), period_code, region_code, @Hash, expires_at, created_by, id FROM parent
        """;

    private const string CountSql = """
        SELECT count(*) FILTER (WHERE status = 'unused') AS unused, count(*) FILTER (WHERE status = 'started') AS started,
               count(*) FILTER (WHERE status = 'completed') AS completed
        FROM invitation WHERE period_code = @Period AND region_code = @Region AND kind = 'single'
        """;

    private const string DraftSql = "SELECT page, answers::text AS answers FROM response_draft WHERE invitation_id = @Id";

    private const string SaveDraftSql = """
        INSERT INTO response_draft (invitation_id, page, answers, updated_at) VALUES (@Id, @Page, @Answers::jsonb, now())
        ON CONFLICT (invitation_id) DO UPDATE SET page = EXCLUDED.page, answers = EXCLUDED.answers, updated_at = now();
        UPDATE invitation SET status = 'started' WHERE id = @Id AND status = 'unused';
        """;

    private const string ResponsesSql = "SELECT count(*) FROM response WHERE period_code = @Period AND region_code = @Region";

    // From the running sums (answer_tally), not from every answer.
    private const string ItemStatsSql = """
        SELECT item_code, sum(l1)::bigint AS l1, sum(l2)::bigint AS l2, sum(l3)::bigint AS l3, sum(l4)::bigint AS l4, sum(l5)::bigint AS l5,
               sum(dont_know)::bigint AS dont_know, sum(likert_sum)::numeric / nullif(sum(likert_count), 0) AS mean
        FROM answer_tally
        WHERE period_code = @Period AND region_code = @Region
        GROUP BY item_code ORDER BY item_code
        """;

    private const string ChoiceSql = """
        SELECT a.choice, count(*) FROM answer a JOIN response r ON r.id = a.response_id
        WHERE r.period_code = @Period AND r.region_code = @Region AND a.item_code = @Item AND a.choice IS NOT NULL
        GROUP BY a.choice
        """;

    public async Task CreateInvitationsAsync(string period, string region, IReadOnlyList<string> tokenHashes, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHashes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertInvitationsSql, new { Period = period, Region = region, Hashes = tokenHashes.ToArray(), ExpiresAt = expiresAt.UtcDateTime, ActorId = actorId }, cancellationToken: cancellationToken));
    }

    public async Task<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(FindSql, new { Hash = tokenHash }, cancellationToken: cancellationToken));
        return row is null ? null : new Invitation(row.Id, row.Period, row.Region, row.Status, new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)), row.Kind);
    }

    public async Task CreateOpenLinkAsync(string period, string region, string tokenHash, int quota, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertOpenSql, new { Period = period, Region = region, Hash = tokenHash, ExpiresAt = expiresAt.UtcDateTime, ActorId = actorId, Quota = quota }, cancellationToken: cancellationToken));
    }

    public async Task<bool> IssueFromOpenLinkAsync(Guid openLinkId, string childTokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(IssueSql, new { Id = openLinkId, Hash = childTokenHash }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<InvitationCounts> CountInvitationsAsync(string period, string region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<(long Unused, long Started, long Completed)>(new CommandDefinition(CountSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return new InvitationCounts((int)row.Unused, (int)row.Started, (int)row.Completed);
    }

    public async Task<ResponseDraft?> GetDraftAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<(int Page, string Answers)?>(new CommandDefinition(DraftSql, new { Id = invitationId }, cancellationToken: cancellationToken));
        return row is null ? null : new ResponseDraft(row.Value.Page, JsonSerializer.Deserialize<List<Answer>>(row.Value.Answers, ContentHash.JsonOptions) ?? []);
    }

    public async Task SaveDraftAsync(Guid invitationId, ResponseDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SaveDraftSql, new { Id = invitationId, draft.Page, Answers = JsonSerializer.Serialize(draft.Answers, ContentHash.JsonOptions) }, cancellationToken: cancellationToken));
    }

    // Completion in one statement (one round trip, atomic on its own): the invitation row is locked by the
    // UPDATE, so a concurrent second completion waits, then finds it completed and inserts nothing.
    private const string CompleteAllSql = """
        WITH done AS (
            UPDATE invitation SET status = 'completed', completed_at = now()
            WHERE id = @Id AND status <> 'completed' AND expires_at > now()
            RETURNING id
        ), resp AS (
            INSERT INTO response (id, period_code, region_code, questionnaire_version_id)
            SELECT @ResponseId, @Period, @Region, p.questionnaire_version_id FROM period p, done WHERE p.code = @Period
            RETURNING id
        ), inserted AS (
            INSERT INTO answer (response_id, item_code, likert, choice, number, text, dont_know)
            SELECT resp.id, a.item, a.likert, a.choice, a.number, a.text, a.dont_know
            FROM resp, unnest(@Items, @Likerts, @Choices, @Numbers, @Texts, @DontKnows) AS a (item, likert, choice, number, text, dont_know)
            RETURNING item_code, likert, dont_know
        ), counted AS (
            INSERT INTO response_tally (period_code, region_code, shard, responses)
            SELECT @Period, @Region, @Shard, 1 FROM resp
            ON CONFLICT (period_code, region_code, shard) DO UPDATE SET responses = response_tally.responses + 1
        ), drafts AS (
            DELETE FROM response_draft WHERE invitation_id IN (SELECT id FROM done)
        ), tallied AS (
            INSERT INTO answer_tally (period_code, region_code, item_code, shard, likert_sum, likert_count, l1, l2, l3, l4, l5, dont_know)
            SELECT @Period, @Region, item_code, @Shard, coalesce(sum(likert), 0), count(likert),
                   count(*) FILTER (WHERE likert = 1), count(*) FILTER (WHERE likert = 2), count(*) FILTER (WHERE likert = 3),
                   count(*) FILTER (WHERE likert = 4), count(*) FILTER (WHERE likert = 5), count(*) FILTER (WHERE dont_know)
            FROM inserted WHERE likert IS NOT NULL OR dont_know
            GROUP BY item_code ORDER BY item_code
            ON CONFLICT (period_code, region_code, item_code, shard) DO UPDATE
            SET likert_sum = answer_tally.likert_sum + EXCLUDED.likert_sum, likert_count = answer_tally.likert_count + EXCLUDED.likert_count,
                l1 = answer_tally.l1 + EXCLUDED.l1, l2 = answer_tally.l2 + EXCLUDED.l2, l3 = answer_tally.l3 + EXCLUDED.l3,
                l4 = answer_tally.l4 + EXCLUDED.l4, l5 = answer_tally.l5 + EXCLUDED.l5, dont_know = answer_tally.dont_know + EXCLUDED.dont_know
            RETURNING 1
        )
        SELECT (SELECT count(*) FROM done) + 0 * (SELECT count(*) FROM tallied)
        """;

    public async Task<bool> CompleteAsync(Guid invitationId, string period, string region, IReadOnlyList<Answer> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var stored = answers.Where(a => !a.IsEmpty).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var completed = await connection.ExecuteScalarAsync<long>(new CommandDefinition(CompleteAllSql, new
        {
            Id = invitationId,
            ResponseId = Guid.CreateVersion7(),
            Period = period,
            Region = region,
            Shard = (short)Random.Shared.Next(16),
            Items = stored.Select(a => a.Item).ToArray(),
            Likerts = stored.Select(a => (short?)a.Likert).ToArray(),
            Choices = stored.Select(a => a.Choice).ToArray(),
            Numbers = stored.Select(a => a.Number).ToArray(),
            Texts = stored.Select(a => a.Text).ToArray(),
            DontKnows = stored.Select(a => a.DontKnow).ToArray(),
        }, cancellationToken: cancellationToken));
        return completed == 1;
    }

    public async Task<int> CountResponsesAsync(string period, string region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(ResponsesSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ItemStatistics>> ItemStatisticsAsync(string period, string region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StatsRow>(new CommandDefinition(ItemStatsSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return rows.Select(r => new ItemStatistics(r.ItemCode, [(int)r.L1, (int)r.L2, (int)r.L3, (int)r.L4, (int)r.L5], (int)r.DontKnow, (int)(r.L1 + r.L2 + r.L3 + r.L4 + r.L5), r.Mean)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> ChoiceCountsAsync(string period, string region, string item, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Choice, long Count)>(new CommandDefinition(ChoiceSql, new { Period = period, Region = region, Item = item }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Choice, r => (int)r.Count, StringComparer.Ordinal);
    }

    private sealed record InvitationRow(Guid Id, string Period, string Region, string Status, DateTime ExpiresAt, string Kind);

    private sealed record StatsRow(string ItemCode, long L1, long L2, long L3, long L4, long L5, long DontKnow, decimal? Mean);
}
