using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Entry;

public sealed class SubmitTests
{
    private static readonly string[] Keys = IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("submit");
        _factory = new SurveyWebFactory(_connectionString);
        await using (var dataSource = NpgsqlDataSource.Create(_connectionString))
        {
            await new Survey.Data.Regions.RegionRepository(dataSource).ImportAsync([new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur")], CancellationToken.None);
        }

        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        foreach (var code in new[] { "2025-S2", "2026-S1" })
        {
            await TestWorld.OpenPeriodAsync(admin, code, "2025-07-01", "2026-06-30");
        }

        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _factory.Dispose();
    }

    private static object[] AllNotAvailableExcept(string skip, params object[] values) =>
        Keys.Where(k => k != skip && values.All(v => !JsonSerializer.Serialize(v).Contains(k, StringComparison.Ordinal)))
            .Select(k => (object)new { key = k, not_available_reason = "Data belum dikumpulkan" })
            .Concat(values).ToArray();

    [Test]
    public async Task Submit_ChecklistBlocksUntilEverythingIsAnsweredAndJustified_ThenLocksTheForm()
    {
        await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2025-S2/regions/3523/indicator-values", UriKind.Relative), new object[]
        {
            new { key = "37122:16.1", value = 20, source = "DLH" },
        });
        var values = "/api/v1/periods/2026-S1/regions/3523/indicator-values";
        using var put = await _tuban.PutAsJsonAsync(new Uri(values, UriKind.Relative), AllNotAvailableExcept("37122:23.4", new { key = "37122:16.1", value = 45, source = "DLH", source_year = 2025 }));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());

        using var blocked = await _tuban.PostAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/submit", UriKind.Relative), null);
        var body = await blocked.Content.ReadAsStringAsync();
        Assert.That(blocked.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(body, Does.Contain("\"key\":\"37122:23.4\"").And.Contain("Belum diisi"));
        Assert.That(body, Does.Contain("\"key\":\"37122:16.1\"").And.Contain("beri penjelasan"), "20 -> 45 is a change above 50 %");

        await _tuban.PutAsJsonAsync(new Uri(values, UriKind.Relative), new object[]
        {
            new { key = "37122:23.4", not_available_reason = "Belum ada meter air pintar" },
            new { key = "37122:16.1", value = 45, source = "DLH", source_year = 2025, justification = "Kontainer baru dipasang di 12 kecamatan" },
        });
        using var submitted = await _tuban.PostAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/submit", UriKind.Relative), null);
        Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await submitted.Content.ReadAsStringAsync());
        Assert.That(await submitted.Content.ReadAsStringAsync(), Does.Contain("\"status\":\"submitted\"").And.Contain("\"editable\":false"));

        using var afterwards = await _tuban.PutAsJsonAsync(new Uri(values, UriKind.Relative), new object[] { new { key = "37122:16.1", value = 46, source = "DLH" } });
        Assert.That(afterwards.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a submitted form is read-only");
        await using var connection = new NpgsqlConnection(_connectionString);
        var flag = await connection.QuerySingleAsync<(string Rule, decimal Value, decimal Reference, string Justification)>(
            "SELECT rule, value, reference, justification FROM plausibility_flag WHERE indicator_key = '37122:16.1' AND period_code = '2026-S1'");
        Assert.That(flag, Is.EqualTo(("change", 45m, 20m, "Kontainer baru dipasang di 12 kecamatan")), "the flag is stored for the evaluator");
    }
}
