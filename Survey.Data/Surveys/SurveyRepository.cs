using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Common;
using Survey.Domain.Surveys;

namespace Survey.Data.Surveys;

/// <summary>Invitations, drafts and responses in PostgreSQL.</summary>
public sealed class SurveyRepository(NpgsqlDataSource dataSource, ResponseWriter writer) : ISurveyRepository
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

    private const string FindSql = """
        SELECT i.id, i.period_code AS period, i.region_code AS region, i.status, i.expires_at, i.kind, p.status = 'open' AS period_open
        FROM invitation i JOIN period p ON p.code = i.period_code WHERE i.token_hash = @Hash
        """;

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
        INSERT INTO response_draft (invitation_id, page, answers, updated_at)
        SELECT @Id, @Page, @Answers::jsonb, now() FROM invitation WHERE id = @Id AND kind <> 'open'
        ON CONFLICT (invitation_id) DO UPDATE SET page = EXCLUDED.page, answers = EXCLUDED.answers, updated_at = now();
        UPDATE invitation SET status = 'started' WHERE id = @Id AND status = 'unused' AND kind <> 'open';
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

    public async Task CreateInvitationsAsync(Scope scope, IReadOnlyList<string> tokenHashes, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(tokenHashes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertInvitationsSql, new { Period = period, Region = region, Hashes = tokenHashes.ToArray(), ExpiresAt = expiresAt.UtcDateTime, ActorId = actorId }, cancellationToken: cancellationToken));
    }

    public async Task<Invitation?> FindInvitationAsync(string tokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(FindSql, new { Hash = tokenHash }, cancellationToken: cancellationToken));
        return row is null ? null : new Invitation(row.Id, row.Period, row.Region, row.Status, new DateTimeOffset(DateTime.SpecifyKind(row.ExpiresAt, DateTimeKind.Utc)), row.Kind, row.PeriodOpen);
    }

    public async Task CreateOpenLinkAsync(Scope scope, string tokenHash, int quota, DateTimeOffset expiresAt, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(InsertOpenSql, new { Period = period, Region = region, Hash = tokenHash, ExpiresAt = expiresAt.UtcDateTime, ActorId = actorId, Quota = quota }, cancellationToken: cancellationToken));
    }

    public async Task<bool> IssueFromOpenLinkAsync(Guid openLinkId, string childTokenHash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(IssueSql, new { Id = openLinkId, Hash = childTokenHash }, cancellationToken: cancellationToken)) == 1;
    }

    public async Task<InvitationCounts> CountInvitationsAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
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

    public Task<bool> CompleteAsync(Guid invitationId, IReadOnlyList<Answer> answers, CancellationToken cancellationToken) =>
        writer.CompleteAsync(invitationId, answers, cancellationToken);

    public async Task<int> CountResponsesAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (int)await connection.ExecuteScalarAsync<long>(new CommandDefinition(ResponsesSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<ItemStatistics>> ItemStatisticsAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StatsRow>(new CommandDefinition(ItemStatsSql, new { Period = period, Region = region }, cancellationToken: cancellationToken));
        return rows.Select(r => new ItemStatistics(r.ItemCode, [(int)r.L1, (int)r.L2, (int)r.L3, (int)r.L4, (int)r.L5], (int)r.DontKnow, (int)(r.L1 + r.L2 + r.L3 + r.L4 + r.L5), r.Mean)).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> ChoiceCountsAsync(Scope scope, string item, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Choice, long Count)>(new CommandDefinition(ChoiceSql, new { Period = period, Region = region, Item = item }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Choice, r => (int)r.Count, StringComparer.Ordinal);
    }

    private sealed record InvitationRow(Guid Id, string Period, string Region, string Status, DateTime ExpiresAt, string Kind, bool PeriodOpen);

    private sealed record StatsRow(string ItemCode, long L1, long L2, long L3, long L4, long L5, long DontKnow, decimal? Mean);
}
