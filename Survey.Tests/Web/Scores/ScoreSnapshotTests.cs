using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Domain.Catalogue;
using Survey.Domain.Scoring;
using Survey.Domain.UseCases;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Scores;

/// <summary>
/// Published scores come from an immutable snapshot: a later correction of the data does not change them
/// until the period is re-published, which adds a version and keeps the old one as superseded.
/// </summary>
public sealed class ScoreSnapshotTests
{
    private const string Period = "2025-S2";
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _admin = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("snapshots");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(_admin, Period, "2025-07-01", "2099-12-31");
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        using var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), new[]
        {
            new { dimension = "governance", element = "pelayanan-publik", name = "Mal Pelayanan Publik", maturity_level = 3, justification = "SOP tersedia", risks = Array.Empty<object>() },
        });
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        // Submitted and approved directly: the submit checklist and the review are tested elsewhere.
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.ExecuteAsync("UPDATE submission SET status = 'approved', submitted_at = now() WHERE region_code = '3523'");
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _admin.Dispose();
        _tuban.Dispose();
        _factory.Dispose();
    }

    private async Task<ScoreSnapshot?> PublishAsync(string? reason)
    {
        using var scope = _factory.Services.CreateScope();
        var service = scope.ServiceProvider.GetRequiredService<ScoreReader>();
        var period = (await scope.ServiceProvider.GetRequiredService<Survey.Domain.Periods.IPeriodRepository>().FindAsync(Period, CancellationToken.None))!;
        var methodology = (await scope.ServiceProvider.GetRequiredService<ICatalogueRepository>().GetMethodologyAsync(period.MethodologyLabel!, CancellationToken.None))!;
        var scores = await service.ComputeAsync(period, methodology, null, CancellationToken.None);
        await using var connection = new NpgsqlConnection(_connectionString);
        var actor = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email LIKE 'admin%' LIMIT 1");
        return (await scope.ServiceProvider.GetRequiredService<IScoreRepository>().PublishAsync(Period, methodology.Id, scores, [], reason, actor, CancellationToken.None)).Snapshot;
    }

    private async Task<JsonElement> RegionAsync()
    {
        var text = await _tuban.GetStringAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative));
        return JsonDocument.Parse(text).RootElement;
    }

    [Test]
    public async Task Publish_FreezesScores_RepublishAddsAVersion_SnapshotRowsCannotChange()
    {
        Assert.That(await PublishAsync(null), Is.Null, "an open period cannot be published");
        using (var closed = await _admin.PostAsync(new Uri($"/api/v1/periods/{Period}/close", UriKind.Relative), null))
        {
            Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var first = await PublishAsync(null);
        Assert.That(first!.Version, Is.EqualTo(1));
        var published = await RegionAsync();
        Assert.Multiple(() =>
        {
            Assert.That(published.GetProperty("provisional").GetBoolean(), Is.False);
            Assert.That(published.GetProperty("snapshot").GetProperty("content_hash").GetString(), Is.EqualTo(first.ContentHash));
            Assert.That(published.GetProperty("dimensions")[0].GetProperty("programmes").GetDouble(), Is.EqualTo(50));
        });

        // A correction after publication (the evaluator verifies level 4) changes nothing published...
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.ExecuteAsync("UPDATE programme SET verified_level = 4 WHERE region_code = '3523'");
        Assert.That((await RegionAsync()).GetProperty("dimensions")[0].GetProperty("programmes").GetDouble(), Is.EqualTo(50));

        // ...until the period is published again: version 2, the first superseded but still there.
        var second = await PublishAsync("Koreksi level terverifikasi");
        Assert.That(second!.Version, Is.EqualTo(2));
        Assert.That((await RegionAsync()).GetProperty("dimensions")[0].GetProperty("programmes").GetDouble(), Is.EqualTo(75));
        using var scope = _factory.Services.CreateScope();
        var snapshots = await scope.ServiceProvider.GetRequiredService<IScoreRepository>().ListSnapshotsAsync(Period, CancellationToken.None);
        Assert.That(snapshots.Select(s => (s.Version, s.Superseded)), Is.EqualTo(new[] { (2, false), (1, true) }));
        var old = await scope.ServiceProvider.GetRequiredService<IScoreRepository>().ReadSnapshotAsync(first.Id, "3523", CancellationToken.None);
        Assert.That(old.Single().Dimension("governance")!.Programmes, Is.EqualTo(50m));

        Assert.That(async () => await connection.ExecuteAsync("UPDATE score_snapshot_region SET index_1_5 = 5"), Throws.InstanceOf<PostgresException>());
        Assert.That(async () => await connection.ExecuteAsync("DELETE FROM score_snapshot"), Throws.InstanceOf<PostgresException>());
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event WHERE entity = 'period' AND action IN ('publish', 'republish')"), Is.EqualTo(2));

        // Published national scores are open to every signed-in user.
        using var national = await _tuban.GetAsync(new Uri($"/api/v1/periods/{Period}/scores", UriKind.Relative));
        Assert.That(national.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
