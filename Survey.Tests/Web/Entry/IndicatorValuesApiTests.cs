using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Entry;

public sealed class IndicatorValuesApiTests
{
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("values-api");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);

        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        foreach (var code in new[] { "2026-S1", "2025-S2" })
        {
            await TestWorld.OpenPeriodAsync(_admin, code, "2026-01-01", "2026-06-30");
        }

        using var closed = await _admin.PostAsync(new Uri("/api/v1/periods/2025-S2/close", UriKind.Relative), null);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _admin.Dispose();
        _factory.Dispose();
    }

    private const string Values = "/api/v1/periods/2026-S1/regions/3523/indicator-values";

    [Test]
    public async Task Put_ValidItems_AreSavedWithComputedValuesAndAudited()
    {
        using var response = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[]
        {
            new { key = "37122:16.1", numerator = 25, denominator = 200, source = "DLH Tuban", source_year = 2025 },
            new { key = "37122:10.1", numerator = 1500, denominator = 1_200_000, source = "Diskominfo", source_year = 2025 },
            new { key = "37122:19.11", not_available_reason = "Belum ada kendaraan otonom terdaftar" },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await _tuban.GetStringAsync(new Uri(Values, UriKind.Relative)));
        var byKey = body.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("key").GetString()!);
        Assert.That(byKey, Has.Count.EqualTo(80));
        Assert.That(byKey["37122:16.1"].GetProperty("value").GetDecimal(), Is.EqualTo(12.5m));
        Assert.That(byKey["37122:10.1"].GetProperty("value").GetDecimal(), Is.EqualTo(125m));
        Assert.That(byKey["37122:19.11"].GetProperty("value").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(byKey["37122:19.11"].GetProperty("not_available_reason").GetString(), Does.StartWith("Belum ada"));
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.QuerySingleAsync<long>(
            "SELECT count(*) FROM audit_event WHERE entity = 'indicator_value' AND region_code = '3523' AND entity_key IN ('37122:16.1', '37122:10.1', '37122:19.11')"), Is.GreaterThanOrEqualTo(3));
    }

    [Test]
    public async Task Put_OneInvalidItem_Is422PerItem_AndSavesNothing()
    {
        using var response = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[]
        {
            new { key = "37122:16.2", value = 40, source = "DLH" },
            new { key = "37122:16.3", value = 120, source = "DLH" },
            new { key = "37122:99.9", value = 1 },
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"37122:16.3.value\"").And.Contain("\"37122:99.9.key\""));
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM indicator_value WHERE indicator_key = '37122:16.2'"), Is.Zero);
    }

    [Test]
    public async Task Put_AnotherRegion_Is403_ClosedPeriod_Is409()
    {
        using var other = await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2026-S1/regions/3578/indicator-values", UriKind.Relative), new object[] { new { key = "37122:16.1", value = 1, source = "x" } });
        using var read = await _tuban.GetAsync(new Uri("/api/v1/periods/2026-S1/regions/3578/indicator-values", UriKind.Relative));
        using var closed = await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2025-S2/regions/3523/indicator-values", UriKind.Relative), new object[] { new { key = "37122:16.1", value = 1, source = "x" } });

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Put_StaleVersion_Is409WithTheCurrentValue_AndSavesNothing()
    {
        using var first = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[] { new { key = "37122:16.4", value = 10, source = "DLH", version = 0 } });
        using var second = await _admin.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[] { new { key = "37122:16.4", value = 20, source = "DLH", version = 1 } });
        using var stale = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[] { new { key = "37122:16.4", value = 30, source = "DLH", version = 1 } });

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await stale.Content.ReadAsStringAsync(), Does.Contain("\"value\":20"));
    }

    [Test]
    public async Task TenThousandPuts_LoseNothing()
    {
        var puts = 10_000;
        var keys = new[] { "37122:7.6", "37122:7.7", "37122:7.9", "37122:8.1", "37122:8.3" };
        using var throttle = new SemaphoreSlim(8);
        var tasks = Enumerable.Range(0, puts).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                using var response = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[]
                {
                    new { key = keys[i % keys.Length], value = i % 100, source = "Bappeda", note = $"put {i}" },
                });
                return response.StatusCode;
            }
            finally
            {
                throttle.Release();
            }
        });

        var statuses = await Task.WhenAll(tasks);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
        await using var connection = new NpgsqlConnection(_connectionString);
        var audited = await connection.QuerySingleAsync<long>(
            "SELECT count(*) FROM audit_event WHERE entity = 'indicator_value' AND entity_key = ANY(@Keys) AND region_code = '3523'", new { Keys = keys });
        var versions = await connection.QuerySingleAsync<long>(
            "SELECT sum(version) FROM indicator_value WHERE indicator_key = ANY(@Keys) AND region_code = '3523'", new { Keys = keys });
        Assert.That(audited, Is.EqualTo(puts), "every PUT changed its note, so every one left exactly one audit row");
        Assert.That(versions, Is.EqualTo(puts), "and bumped the version exactly once");
    }
}
