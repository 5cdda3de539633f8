using System.Net;
using Dapper;
using Npgsql;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Platform;

/// <summary>The benchmark's bare INSERT endpoint exists only when switched on, and only for the same machine.</summary>
public sealed class BareEndpointTests
{
    [Test]
    public async Task IsAbsentByDefault_AndRefusesRequestsNotFromLoopback_EvenWhenSwitchedOn()
    {
        var connectionString = TestDatabase.CreateMigrated("bare");
        await TestWorld.SeedRegionsAsync(connectionString);
        var path = new Uri("/api/v1/bench/bare-response/2026-S1/3523", UriKind.Relative);

        using (var standard = new SurveyWebFactory(connectionString))
        using (var client = standard.CreateClient())
        using (var response = await client.PostAsync(path, null))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        // The in-memory test server has no remote address: to the endpoint it is not this machine.
        using (var switchedOn = new SurveyWebFactory(connectionString, settings: new Dictionary<string, string> { ["Survey:Benchmark:BareEndpoint"] = "true" }))
        using (var client = switchedOn.CreateClient())
        using (var response = await client.PostAsync(path, null))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response"), Is.Zero);
    }
}
