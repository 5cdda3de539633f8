using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Entry;

/// <summary>A programme and its risks are the same programme and risks next semester, and a save changes only what changed.</summary>
public sealed class ProgrammeIdentityTests
{
    private static readonly string[] Periods = ["2025-S2", "2026-S1", "2026-S2"];
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("programme-identity");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        foreach (var code in Periods)
        {
            await TestWorld.OpenPeriodAsync(admin, code, "2025-07-01", "2099-06-30");
        }

        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _factory.Dispose();
    }

    private static object Programme(Guid? id, string name, int level, params object[] risks) => new
    {
        id,
        dimension = "governance",
        element = "pelayanan-publik",
        name,
        maturity_level = level,
        justification = "SOP dan laporan kinerja tersedia",
        budget = 500_000_000,
        risks,
    };

    private async Task<JsonElement> ProgrammesAsync(string period)
    {
        using var response = await _tuban.GetAsync(new Uri($"/api/v1/periods/{period}/regions/3523/programmes", UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Test]
    public async Task CarriedOverTwice_TheProgrammeAndItsRisksKeepTheirIds_AndTheHistoryListsThreeRecords()
    {
        using (var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Periods[0]}/regions/3523/programmes", UriKind.Relative),
            new[] { Programme(null, "Tuban Smart Service", 2, new { title = "Anggaran tidak berlanjut", likelihood = 3, impact = 4 }) }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var first = (await ProgrammesAsync(Periods[0]))[0];
        var id = first.GetProperty("id").GetGuid();
        var riskId = first.GetProperty("risks")[0].GetProperty("id").GetGuid();
        foreach (var period in Periods.Skip(1))
        {
            using var carried = await _tuban.PostAsync(new Uri($"/api/v1/periods/{period}/regions/3523/programmes/carry-over", UriKind.Relative), null);
            Assert.That(carried.StatusCode, Is.EqualTo(HttpStatusCode.OK), await carried.Content.ReadAsStringAsync());
            var copy = (await ProgrammesAsync(period))[0];
            Assert.That(copy.GetProperty("id").GetGuid(), Is.EqualTo(id), $"the same programme in {period}");
            Assert.That(copy.GetProperty("risks")[0].GetProperty("id").GetGuid(), Is.EqualTo(riskId), $"the same risk in {period}");
        }

        // The newest semester raises the level and the risk's likelihood; the earlier records stay as they were.
        using (var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Periods[2]}/regions/3523/programmes", UriKind.Relative),
            new[] { Programme(id, "Tuban Smart Service", 4, new { id = riskId, title = "Anggaran tidak berlanjut", likelihood = 1, impact = 4 }) }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        using var history = await _tuban.GetAsync(new Uri($"/api/v1/regions/3523/programmes/{id}/history", UriKind.Relative));
        Assert.That(history.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = JsonDocument.Parse(await history.Content.ReadAsStringAsync()).RootElement;
        var records = body.GetProperty("periods").EnumerateArray().ToList();
        Assert.That(records.Select(r => r.GetProperty("period").GetString()), Is.EqualTo(Periods));
        Assert.That(records.Select(r => r.GetProperty("maturity_level").GetInt32()), Is.EqualTo(new[] { 2, 2, 4 }));
        Assert.That(records.Select(r => r.GetProperty("risks")[0].GetProperty("likelihood").GetInt32()), Is.EqualTo(new[] { 3, 3, 1 }));
        Assert.That(records.Select(r => r.GetProperty("risks")[0].GetProperty("id").GetGuid()).Distinct(), Is.EqualTo(new[] { riskId }));
        Assert.That(records[0].GetProperty("budget").GetDecimal(), Is.EqualTo(500_000_000m));

        using var page = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(page, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        var html = WebUtility.HtmlDecode(await page.GetStringAsync(new Uri($"/periods/{Periods[2]}/regions/3523/programmes/{id}/history", UriKind.Relative)));
        Assert.That(html, Does.Contain("Riwayat program").And.Contain("Semester II 2025").And.Contain("Semester I 2026").And.Contain("Semester II 2026"));
        Assert.That(html, Does.Contain("Anggaran tidak berlanjut: kemungkinan 3, dampak 4: besaran 17 (Tinggi)").And.Contain("Anggaran tidak berlanjut: kemungkinan 1, dampak 4: besaran 8 (Rendah)"), "the magnitude from the risk criteria matrix");
        var list = await page.GetStringAsync(new Uri($"/periods/{Periods[2]}/regions/3523/programmes", UriKind.Relative));
        Assert.That(list, Does.Contain($"/programmes/{id}/history"));

        using var stranger = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        using var refused = await stranger.GetAsync(new Uri($"/api/v1/regions/3523/programmes/{id}/history", UriKind.Relative));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's coordinator cannot read it");
        using var elsewhere = await stranger.GetAsync(new Uri($"/api/v1/regions/3578/programmes/{id}/history", UriKind.Relative));
        Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the id belongs to Tuban");
    }

    [Test]
    public async Task SavingAListWithOneChangedRisk_WritesOneAuditRowForThatRisk_AndKeepsEveryId()
    {
        var period = "2026-S1";
        var risks = new[] { new { title = "Server down", likelihood = 4, impact = 5 }, new { title = "SDM terbatas", likelihood = 2, impact = 3 } };
        using (var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{period}/regions/3523/programmes", UriKind.Relative),
            new[] { Programme(null, "Satu Data Tuban", 3, risks), Programme(null, "Pasar Digital", 2) }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var stored = (await ProgrammesAsync(period)).EnumerateArray().ToList();
        var satu = stored.Single(p => p.GetProperty("name").GetString() == "Satu Data Tuban");
        var pasar = stored.Single(p => p.GetProperty("name").GetString() == "Pasar Digital");
        var riskIds = satu.GetProperty("risks").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ToArray();
        var before = await AuditCountAsync();

        using (var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{period}/regions/3523/programmes", UriKind.Relative), new[]
        {
            Programme(satu.GetProperty("id").GetGuid(), "Satu Data Tuban", 3,
                new { id = riskIds[0], title = "Server down", likelihood = 4, impact = 5 },
                new { id = riskIds[1], title = "SDM terbatas", likelihood = 3, impact = 3 }),
            Programme(pasar.GetProperty("id").GetGuid(), "Pasar Digital", 2),
        }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        var rows = (await connection.QueryAsync<(string Entity, string Key, string Action)>(
            "SELECT entity, entity_key, action FROM audit_event WHERE id > @Before ORDER BY id", new { Before = before })).ToList();
        Assert.That(rows, Is.EqualTo(new[] { ("programme_risk", riskIds[1].ToString(), "update") }));
        var after = (await ProgrammesAsync(period)).EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Satu Data Tuban");
        Assert.That(after.GetProperty("risks").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()), Is.EqualTo(riskIds));

        // The trail says it in a sentence.
        using var page = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(page, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        var historyPage = WebUtility.HtmlDecode(await page.GetStringAsync(new Uri($"/periods/{period}/regions/3523/history", UriKind.Relative)));
        Assert.That(historyPage, Does.Contain("Mengubah risiko “SDM terbatas” pada program “Satu Data Tuban”"));
    }

    [Test]
    public async Task CarryOver_AndASaveAtTheSameTime_LoseNothing()
    {
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        for (var round = 0; round < 6; round++)
        {
            var target = $"{2030 + round}-S2";
            var source = $"{2030 + round}-S1";
            await TestWorld.OpenPeriodAsync(admin, source, "2030-01-01", "2099-06-30");
            await TestWorld.OpenPeriodAsync(admin, target, "2030-01-01", "2099-06-30");
            using (var put = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{source}/regions/3523/programmes", UriKind.Relative),
                Enumerable.Range(1, 8).Select(i => Programme(null, $"Program lama {i}", 2)).ToArray()))
            {
                Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            var carry = _tuban.PostAsync(new Uri($"/api/v1/periods/{target}/regions/3523/programmes/carry-over", UriKind.Relative), null);
            var save = _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{target}/regions/3523/programmes", UriKind.Relative), new[] { Programme(null, "Program baru", 3) });
            using (var carried = await carry)
            using (var saved = await save)
            {
                Assert.That(carried.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            }

            // Whatever the order, the programme saved is there; the PUT replaces the list, so when it came last only it remains.
            var names = (await ProgrammesAsync(target)).EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
            Assert.That(names, Does.Contain("Program baru"), $"round {round}: {string.Join(", ", names)}");
            Assert.That(names.Count, Is.EqualTo(1).Or.EqualTo(9), $"round {round}: all or none of the carried programmes");
        }
    }

    private async Task<long> AuditCountAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.QuerySingleAsync<long>("SELECT coalesce(max(id), 0) FROM audit_event");
    }
}
