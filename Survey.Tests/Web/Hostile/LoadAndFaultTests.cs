using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Domain.Surveys;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Hostile;

/// <summary>
/// Thousands of concurrent requests over loopback with nothing lost or doubled, and PostgreSQL stopped in
/// the middle of submissions with nothing half-written.
/// </summary>
public sealed class LoadAndFaultTests
{
    private const string Period = "2026-S1";
    private static readonly Questionnaire V1 = IndicatorFiles.Load(RepositoryPaths.Indicators).Questionnaire("v1")!;
    private static readonly int LikertItems = V1.Items.Count(i => i.Type == ItemTypes.Likert);

    private static object[] Answers(int seed) => V1.Items.Select(i => (object)new
    {
        item = i.Code,
        value = i.Type switch
        {
            ItemTypes.Likert => (object)(1 + (seed % 5)),
            ItemTypes.SingleChoice => i.Options[0].Code,
            ItemTypes.Number => 3,
            _ => "Tuban",
        },
    }).ToArray();

    /// <summary>The app on a real loopback port, with the respondent rate limit lifted for the load.</summary>
    private static (SurveyWebFactory Factory, Uri BaseAddress) StartOnLoopback(string connectionString)
    {
        var factory = new SurveyWebFactory(connectionString, settings: null);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        return (factory, new Uri(address));
    }

    private static async Task<List<string>> TokensAsync(HttpClient coordinator, int count)
    {
        var tokens = new List<string>();
        while (tokens.Count < count)
        {
            using var response = await coordinator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/invitations", UriKind.Relative), new { count = Math.Min(1000, count - tokens.Count) });
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            tokens.AddRange(body.RootElement.GetProperty("links").EnumerateArray().Select(l => new Uri(l.GetString()!).AbsolutePath[3..]));
        }

        return tokens;
    }

    private static async Task SetUpAsync(SurveyWebFactory factory, string connectionString)
    {
        await TestWorld.SeedRegionsAsync(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
    }

    private static async Task AssertTalliesMatchAsync(NpgsqlConnection connection)
    {
        Assert.That(await connection.QuerySingleAsync<long>("""
            SELECT count(*) FROM (
                SELECT r.region_code, a.item_code, sum(a.likert) AS s, count(a.likert) AS c FROM response r JOIN answer a ON a.response_id = r.id WHERE a.likert IS NOT NULL GROUP BY 1, 2
            ) fresh FULL JOIN (SELECT period_code, region_code, item_code, sum(likert_sum) AS likert_sum, sum(likert_count) AS likert_count FROM answer_tally GROUP BY 1, 2, 3 HAVING sum(likert_count) > 0) t ON t.region_code = fresh.region_code AND t.item_code = fresh.item_code
            WHERE t.likert_sum IS DISTINCT FROM fresh.s OR t.likert_count IS DISTINCT FROM fresh.c
            """), Is.Zero, "running sums equal the answers");
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task ThousandsOfConcurrentSubmissionsAndSaves_EveryAcceptedOneStoredOnce_EveryRefusedOneLeftNothing()
    {
        var connectionString = TestDatabase.CreateMigrated("load");
        var (factory, address) = StartOnLoopback(connectionString);
        using (factory)
        {
            await SetUpAsync(factory, connectionString);
            using var setup = factory.CreateClient();
            var email = await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "3523");
            var token = await TestUsers.TokenAsync(setup, email);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 };
            using var http = new HttpClient(handler) { BaseAddress = address };
            using var coordinator = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }, disposeHandler: true) { BaseAddress = address };
            coordinator.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var tokens = await TokensAsync(coordinator, 2000);

            // 2 000 respondents, 500 of them sending twice at the same time, and 600 value saves, all at once.
            var submissions = tokens.Select((t, i) => (Token: t, Seed: i)).Concat(tokens.Take(500).Select((t, i) => (Token: t, Seed: i))).ToList();
            var respond = submissions.Select(async s =>
            {
                using var response = await http.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = s.Token, answers = Answers(s.Seed) });
                return (s.Seed, response.StatusCode);
            });
            var save = Enumerable.Range(0, 600).Select(async i =>
            {
                using var response = await coordinator.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative),
                    new[] { new { key = i % 2 == 0 ? "37122:6.2" : "37122:10.1", value = 1000m + i, source = "BPS" } });
                return response.StatusCode;
            });
            var responses = await Task.WhenAll(respond);
            var saves = await Task.WhenAll(save);

            var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
            Assert.That(created, Is.EqualTo(2000), "every token answers exactly once");
            Assert.That(responses.Where(r => r.StatusCode != HttpStatusCode.Created).Select(r => r.StatusCode), Is.All.EqualTo(HttpStatusCode.Conflict));
            Assert.That(saves, Is.All.EqualTo(HttpStatusCode.OK));

            await using var connection = new NpgsqlConnection(connectionString);
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response"), Is.EqualTo(created), "each accepted response stored once");
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM invitation WHERE status = 'completed'"), Is.EqualTo(created));
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response r WHERE (SELECT count(*) FROM answer a WHERE a.response_id = r.id) <> @Items", new { Items = V1.Items.Count() }), Is.Zero, "no half-stored response");
            Assert.That(await connection.QuerySingleAsync<long>("SELECT sum(responses) FROM response_tally WHERE region_code = '3523'"), Is.EqualTo(created));
            await AssertTalliesMatchAsync(connection);
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event WHERE entity = 'indicator_value'"), Is.EqualTo(600), "each accepted save changed a value once, with its audit row");
            Assert.That(factory.Errors, Is.Empty);
        }
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task DatabaseStoppedDuringSubmissions_NothingHalfWritten_503WhileDown_ResumesWithoutRestart()
    {
        using var cluster = PostgresCluster.Start();
        var (factory, address) = StartOnLoopback(cluster.ConnectionString);
        using (factory)
        {
            await SetUpAsync(factory, cluster.ConnectionString);
            using var setup = factory.CreateClient();
            var token = await TestUsers.TokenAsync(setup, await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "3523"));
            using var coordinator = new HttpClient { BaseAddress = address };
            coordinator.DefaultRequestHeaders.Authorization = new("Bearer", token);
            var tokens = await TokensAsync(coordinator, 600);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 32 }, disposeHandler: true) { BaseAddress = address };

            var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
            var sending = Task.Run(async () => await Parallel.ForEachAsync(tokens.Select((t, i) => (t, i)), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (s, ct) =>
            {
                using var response = await http.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = s.t, answers = Answers(s.i) }, ct);
                statuses.Add(response.StatusCode);
            }));
            while (statuses.Count < 100)
            {
                await Task.Delay(10);
            }

            cluster.Stop();
            await sending;
            using (var down = await http.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = tokens[^1], answers = Answers(1) }))
            {
                Assert.That(down.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a clear answer while the database is down");
            }

            cluster.Resume();
            Assert.That(statuses, Has.Some.EqualTo(HttpStatusCode.ServiceUnavailable), "some submissions met the stopped database");
            Assert.That(statuses.Where(s => s != HttpStatusCode.Created && s != HttpStatusCode.Conflict), Is.All.EqualTo(HttpStatusCode.ServiceUnavailable));

            await using var connection = new NpgsqlConnection(cluster.ConnectionString + ";Pooling=false");
            var stored = await connection.QuerySingleAsync<long>("SELECT count(*) FROM response");
            Assert.That(stored, Is.EqualTo(statuses.Count(s => s == HttpStatusCode.Created)), "every 201 is stored, nothing else");
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM invitation WHERE status = 'completed'"), Is.EqualTo(stored));
            Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response r WHERE (SELECT count(*) FROM answer a WHERE a.response_id = r.id) <> @Items", new { Items = V1.Items.Count() }), Is.Zero, "no half-written response");
            await AssertTalliesMatchAsync(connection);

            // Service resumes without a restart: a refused respondent can now answer.
            var retried = 0;
            foreach (var t in tokens)
            {
                using var again = await http.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = t, answers = Answers(2) });
                if (again.StatusCode == HttpStatusCode.Created)
                {
                    retried++;
                }
            }

            Assert.That(stored + retried, Is.EqualTo(tokens.Count), "every respondent is in after the database is back");
            Assert.That(LikertItems, Is.GreaterThanOrEqualTo(24));
        }
    }
}
