using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Reviews;

/// <summary>A review's marks, verified levels and decision are one transaction.</summary>
public sealed class ReviewAtomicityTests
{
    private const string Period = "2026-S1";
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("review-atomicity");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task ARefusedDecision_StoresNoneOfTheMarksSentWithIt_AndAnAcceptedOneStoresThemTogether()
    {
        var keys = Survey.Data.Catalogue.IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
        using var tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        (await tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative), keys.Select(k => new { key = k, not_available_reason = "Belum dikumpulkan" }))).EnsureSuccessStatusCode();
        (await tuban.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/submit", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        var review = new Uri($"/api/v1/periods/{Period}/regions/3523/review", UriKind.Relative);

        // "Return" with nothing returned is refused: the accepted marks sent with it are not stored either.
        using (var refused = await evaluator.PostAsJsonAsync(review, new { decision = "return", accepted_items = keys.Take(5).ToArray() }))
        {
            Assert.That((int)refused.StatusCode, Is.InRange(400, 499), await refused.Content.ReadAsStringAsync());
        }

        Assert.That(await CountAsync("SELECT count(*) FROM review_mark WHERE period_code = @Period"), Is.Zero);
        Assert.That(await CountAsync("SELECT count(*) FROM audit_event WHERE entity = 'review_mark' AND period_code = @Period"), Is.Zero);

        using (var approved = await evaluator.PostAsJsonAsync(review, new { decision = "approve", accepted_items = keys.Take(5).ToArray() }))
        {
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
        }

        Assert.That(await CountAsync("SELECT count(*) FROM review_mark WHERE period_code = @Period AND state = 'accepted'"), Is.EqualTo(5));
        Assert.That(await CountAsync("SELECT count(*) FROM submission WHERE period_code = @Period AND region_code = '3523' AND status = 'approved'"), Is.EqualTo(1));
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.QuerySingleAsync<long>(sql, new { Period });
    }
}
