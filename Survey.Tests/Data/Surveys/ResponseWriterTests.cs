using Dapper;
using Npgsql;
using Survey.Data.Surveys;
using Survey.Domain.Accounts;
using Survey.Domain.Surveys;
using Survey.Tests.Support;

namespace Survey.Tests.Data.Surveys;

/// <summary>Group commit of responses: each completion keeps its own outcome inside a shared transaction.</summary>
public sealed class ResponseWriterTests
{
    private string _connectionString = null!;
    private NpgsqlDataSource _dataSource = null!;

    [OneTimeSetUp]
    public async Task CreatePeriodAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("writer");
        await TestWorld.SeedRegionsAsync(_connectionString);
        using (var factory = new SurveyWebFactory(_connectionString))
        {
            using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
            foreach (var code in new[] { "2026-S1", "2026-S2" })
            {
                await TestWorld.OpenPeriodAsync(admin, code);
            }
        }

        _dataSource = NpgsqlDataSource.Create(_connectionString);
    }

    [OneTimeTearDown]
    public async Task DisposeAsync() => await _dataSource.DisposeAsync();

    private async Task<List<Guid>> InvitationsAsync(string period, int count)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        return (await connection.QueryAsync<Guid>("""
            INSERT INTO invitation (id, period_code, region_code, token_hash, expires_at)
            SELECT gen_random_uuid(), @Period, '3523', md5(random()::text || g), now() + interval '1 day' FROM generate_series(1, @Count) g
            RETURNING id
            """, new { Period = period, Count = count })).ToList();
    }

    // The 24 Likert items of questionnaire v1 and one free-text profile item.
    private static Answer[] Answers(int likert) =>
        [.. new[] { "GOV", "BRA", "ECO", "LIV", "SOC", "ENV" }.SelectMany(d => Enumerable.Range(1, 4).Select(i => new Answer($"R-{d}-{i:00}", likert, null, null, null))), new Answer("P-KEC", null, null, null, "Kecamatan")];

    [Test]
    public async Task ABurstOfCompletions_EachCompletesOnce_AndTheSumsCountEveryone()
    {
        var invitations = await InvitationsAsync("2026-S1", 150);
        await using (var writer = new ResponseWriter(_dataSource))
        {
            // Every invitation twice, at the same moment: only one of each pair may complete.
            var outcomes = await Task.WhenAll(invitations.Concat(invitations).Select(id => writer.CompleteAsync(id, Answers(3), CancellationToken.None)));
            Assert.That(outcomes.Count(o => o), Is.EqualTo(150));
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response WHERE period_code = '2026-S1'"), Is.EqualTo(150));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE r.period_code = '2026-S1'"), Is.EqualTo(150 * 25));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT sum(responses) FROM response_tally WHERE period_code = '2026-S1'"), Is.EqualTo(150));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT sum(likert_sum) FROM answer_tally WHERE period_code = '2026-S1' AND item_code = 'R-ECO-03'"), Is.EqualTo(150 * 3));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM invitation WHERE period_code = '2026-S1' AND status = 'completed'"), Is.EqualTo(150));
    }

    [Test]
    public async Task ACompletionTheDatabaseRefuses_FailsAlone_TheRestOfItsBatchIsStored()
    {
        var invitations = await InvitationsAsync("2026-S2", 60);
        var bad = invitations[30];
        await using var writer = new ResponseWriter(_dataSource);
        var tasks = invitations.Select(id => writer.CompleteAsync(id, id == bad ? Answers(9) : Answers(4), CancellationToken.None)).ToList();

        PostgresException? refused = null;
        try
        {
            await tasks[30];
        }
        catch (PostgresException exception)
        {
            refused = exception;
        }

        Assert.That(refused?.SqlState, Is.EqualTo(PostgresErrorCodes.CheckViolation), "a Likert value of 9 breaks the answer's check");
        for (var i = 0; i < tasks.Count; i++)
        {
            if (i != 30)
            {
                Assert.That(await tasks[i], Is.True, $"completion {i}");
            }
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        Assert.That(await connection.QuerySingleAsync<string>("SELECT status FROM invitation WHERE id = @bad", new { bad }), Is.EqualTo("unused"), "the refused completion left its invitation unused");
        Assert.That(await connection.QuerySingleAsync<long>("SELECT sum(likert_count) FROM answer_tally WHERE period_code = '2026-S2' AND item_code = 'R-GOV-01'"), Is.EqualTo(59));
    }

    [Test]
    public async Task AfterThePeriodClosed_OrTheLinkExpired_NothingIsStored()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("INSERT INTO period (code, entry_opens, entry_closes, methodology, methodology_version_id, status, questionnaire_version_id) SELECT '2025-S2', entry_opens, entry_closes, methodology, methodology_version_id, 'closed', questionnaire_version_id FROM period WHERE code = '2026-S1'");
        var closed = (await InvitationsAsync("2025-S2", 1))[0];
        var expired = (await InvitationsAsync("2026-S1", 1))[0];
        await connection.ExecuteAsync("UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = @expired", new { expired });

        await using var writer = new ResponseWriter(_dataSource);
        Assert.That(await writer.CompleteAsync(closed, Answers(5), CancellationToken.None), Is.False);
        Assert.That(await writer.CompleteAsync(expired, Answers(5), CancellationToken.None), Is.False);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response WHERE period_code = '2025-S2'"), Is.Zero);
    }

    [Test]
    public async Task Stopping_WritesWhatWasQueued_ThenRefusesNewCompletions()
    {
        var invitations = await InvitationsAsync("2026-S1", 40);
        var writer = new ResponseWriter(_dataSource);
        var tasks = invitations.Select(id => writer.CompleteAsync(id, Answers(2), CancellationToken.None)).ToList();
        await writer.DisposeAsync();

        Assert.That(tasks.All(t => t.IsCompletedSuccessfully && t.Result), Is.True);
        Assert.Throws<ObjectDisposedException>(() => writer.CompleteAsync(Guid.NewGuid(), Answers(2), CancellationToken.None));
    }
}
