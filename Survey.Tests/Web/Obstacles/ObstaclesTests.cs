using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Obstacles;

/// <summary>
/// Obstacles through HTTP over three semesters: recorded in S1 (bad input refused, nothing stored), carried into S2
/// with its id and blocking the submission until updated, a risk that occurred opening an obstacle linked to it, and
/// resolved in S3 where it stays behind afterwards.
/// </summary>
public sealed class ObstaclesTests
{
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("obstacles");
        await TestWorld.SeedRegionsAsync(_connectionString);
        _factory = new SurveyWebFactory(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(_admin, "2026-S1");
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        (await _tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency" })).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _tuban.Dispose();
        _admin.Dispose();
        _factory.Dispose();
    }

    private static Uri At(string period, string rest) => new($"/api/v1/periods/{period}/regions/3523/{rest}", UriKind.Relative);

    [Test]
    public async Task AnObstacle_IsRecorded_CarriedUntilUpdated_AndResolved()
    {
        using var created = await _tuban.PostAsJsonAsync(At("2026-S1", "programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Desa Digital",
            maturity_level = 3,
            justification = "Purwarupa di Socorejo",
            unit = "DISKOMINFO",
            risks = new[] { new { title = "Jaringan desa terputus", category = "infrastructure", likelihood = 3, impact = 4, actions = new[] { new { action = "Jalur cadangan", unit = "DISKOMINFO", due = "2099-03-31" } } } },
        });
        var programme = await created.Content.ReadFromJsonAsync<JsonElement>();
        var programmeId = programme.GetProperty("id").GetString()!;
        var riskId = programme.GetProperty("risks")[0].GetProperty("id").GetString()!;

        // Bad input is refused per field and nothing is stored.
        var bad = new (string Name, object Body, string Field)[]
        {
            ("unknown category", new { category = "weather", description = "Sinyal lemah" }, "category"),
            ("no description", new { category = "infrastructure", description = " " }, "description"),
            ("unknown programme", new { category = "infrastructure", description = "Sinyal lemah", programme = Guid.NewGuid() }, "programme"),
            ("unknown unit", new { category = "infrastructure", description = "Sinyal lemah", responsible_unit = "NOPE" }, "responsible_unit"),
            ("support", new { category = "infrastructure", description = "Sinyal lemah", support_needed_from = "village" }, "support_needed_from"),
            ("ministry unnamed", new { category = "infrastructure", description = "Sinyal lemah", support_needed_from = "ministry" }, "support_body"),
            ("resolved silently", new { category = "infrastructure", description = "Sinyal lemah", status = "resolved" }, "resolution"),
            ("too long", new { category = "infrastructure", description = new string('x', 2001) }, "description"),
            ("due before since", new { category = "infrastructure", description = "Sinyal lemah", since = "2026-02-01", due = "2026-01-15" }, "due"),
        };
        foreach (var (name, body, field) in bad)
        {
            using var refused = await _tuban.PostAsJsonAsync(At("2026-S1", "obstacles"), body);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{name}: {text}");
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{name}: {text}");
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM obstacle"), Is.Zero, "no refusal stored anything");

        using (var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578"))
        using (var foreign = await surabaya.PostAsJsonAsync(At("2026-S1", "obstacles"), new { category = "infrastructure", description = "Sinyal lemah" }))
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's coordinator");
        }

        // S1: the obstacle is recorded.
        using var posted = await _tuban.PostAsJsonAsync(At("2026-S1", "obstacles"), new
        {
            programme = programmeId,
            category = "infrastructure",
            description = "Sinyal seluler lemah di tiga dusun",
            cause = "Belum ada menara BTS",
            impact = "Layanan daring desa tidak bisa diakses warga dusun",
            since = "2026-02-01",
            solution = "Usulan BTS ke BAKTI Kominfo",
            preventive_step = "Titik Wi-Fi di balai dusun",
            support_needed_from = "ministry",
            support_body = "BAKTI Kementerian Komunikasi dan Digital",
            responsible_unit = "DISKOMINFO",
            due = "2026-12-31",
        });
        var obstacle = await posted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), obstacle.ToString());
        var id = obstacle.GetProperty("id").GetString()!;
        Assert.That((obstacle.GetProperty("status").GetString(), obstacle.GetProperty("needs_update").GetBoolean()), Is.EqualTo(("open", false)));

        // S2 opens: the obstacle comes over with its id, needs an update and blocks the submission until it has one.
        await TestWorld.OpenPeriodAsync(_admin, "2026-S2", "2026-07-01", "2099-12-31");
        var carried = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "obstacles"))).EnumerateArray().Single();
        Assert.That((carried.GetProperty("id").GetString(), carried.GetProperty("needs_update").GetBoolean()), Is.EqualTo((id, true)));
        var keys = (await _tuban.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/indicators", UriKind.Relative))).EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
        (await _tuban.PutAsJsonAsync(At("2026-S2", "indicator-values"), keys.Select(k => new { key = k, not_available_reason = "Data belum dikumpulkan" }).ToArray())).EnsureSuccessStatusCode();
        (await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{riskId}/monitoring"), new
        {
            likelihood = 4,
            impact = 4,
            occurred = true,
            occurrence = "Menara BTS sementara roboh diterpa angin",
            actions = new[] { new { id = programme.GetProperty("risks")[0].GetProperty("actions")[0].GetProperty("id").GetString(), status = "in_progress" } },
        })).EnsureSuccessStatusCode();
        using (var blocked = await _tuban.PostAsync(At("2026-S2", "submit"), null))
        {
            var body = await blocked.Content.ReadAsStringAsync();
            Assert.That(blocked.IsSuccessStatusCode, Is.False, body);
            Assert.That(body, Does.Contain("Sinyal seluler lemah di tiga dusun").And.Contain("belum diperbarui"));
            Assert.That(body, Does.Contain("Menara BTS sementara roboh"), "the obstacle opened from the occurred risk also needs completing");
        }

        var list = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "obstacles"))).EnumerateArray().ToList();
        var fromRisk = list.Single(o => o.GetProperty("risk").ValueKind == JsonValueKind.String);
        Assert.That((fromRisk.GetProperty("risk").GetString(), fromRisk.GetProperty("programme").GetString(), fromRisk.GetProperty("category").GetString()), Is.EqualTo((riskId, programmeId, "infrastructure")));

        // A stale version is refused; the current one updates and clears the mark.
        var update = new
        {
            programme = programmeId,
            category = "infrastructure",
            description = "Sinyal seluler lemah di tiga dusun",
            since = "2026-02-01",
            solution = "BTS disetujui BAKTI, pembangunan November",
            support_needed_from = "ministry",
            support_body = "BAKTI Kementerian Komunikasi dan Digital",
            responsible_unit = "DISKOMINFO",
            due = "2026-12-31",
            status = "in_progress",
            version = 99,
        };
        using (var stale = await _tuban.PutAsJsonAsync(At("2026-S2", $"obstacles/{id}"), update))
        {
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await stale.Content.ReadAsStringAsync());
        }

        using (var updated = await _tuban.PutAsJsonAsync(At("2026-S2", $"obstacles/{id}"), update with { version = carried.GetProperty("version").GetInt32() }))
        {
            var body = await updated.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(updated.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That((body.GetProperty("status").GetString(), body.GetProperty("needs_update").GetBoolean()), Is.EqualTo(("in_progress", false)));
        }

        (await _tuban.PutAsJsonAsync(At("2026-S2", $"obstacles/{fromRisk.GetProperty("id").GetString()}"), new
        {
            programme = programmeId,
            risk = riskId,
            category = "infrastructure",
            description = "Menara BTS sementara roboh diterpa angin",
            solution = "Perbaikan oleh operator",
            status = "resolved",
            resolution = "Menara diperbaiki dalam seminggu",
        })).EnsureSuccessStatusCode();
        using (var submitted = await _tuban.PostAsync(At("2026-S2", "submit"), null))
        {
            Assert.That(submitted.IsSuccessStatusCode, Is.True, await submitted.Content.ReadAsStringAsync());
        }

        // The national inventory counts them, and the workbook says the same.
        using (var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator))
        {
            var byCategory = await evaluator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods/2026-S2/obstacles/summary?by=category", UriKind.Relative));
            var infrastructure = byCategory.GetProperty("groups").EnumerateArray().Single(g => g.GetProperty("key").GetString() == "infrastructure");
            Assert.That((infrastructure.GetProperty("label").GetString(), infrastructure.GetProperty("count").GetInt32(), infrastructure.GetProperty("open").GetInt32()), Is.EqualTo(("Infrastruktur", 2, 1)));
            Assert.That(byCategory.GetProperty("trend").EnumerateArray().Last().GetProperty("total").GetInt32(), Is.EqualTo(2));
            var bySupport = await evaluator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods/2026-S2/obstacles/summary?by=support", UriKind.Relative));
            var ask = bySupport.GetProperty("groups").EnumerateArray().Single();
            Assert.That((ask.GetProperty("label").GetString(), ask.GetProperty("count").GetInt32()), Is.EqualTo(("BAKTI Kementerian Komunikasi dan Digital", 1)), "only open obstacles ask for support");
            using (var unknown = await evaluator.GetAsync(new Uri("/api/v1/periods/2026-S2/obstacles/summary?by=weather", UriKind.Relative)))
            {
                Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            }

            using (var byRegion = await _tuban.GetAsync(new Uri("/api/v1/periods/2026-S2/obstacles/summary", UriKind.Relative)))
            {
                Assert.That(byRegion.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the national inventory is the ministry's");
            }

            using var download = await evaluator.GetAsync(new Uri("/periods/2026-S2/obstacles.xlsx", UriKind.Relative));
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var workbook = new ClosedXML.Excel.XLWorkbook(await download.Content.ReadAsStreamAsync());
            var row = workbook.Worksheet("Per kategori").RowsUsed().Single(r => r.Cell(1).GetString() == "Infrastruktur");
            Assert.That((row.Cell(2).GetDouble(), row.Cell(3).GetDouble()), Is.EqualTo((2d, 1d)), "the workbook shows the same counts");
            Assert.That(workbook.Worksheet("Semua hambatan").RowsUsed().Count(), Is.EqualTo(3), "a header and the two obstacles");
        }

        // S3: the open one comes over again, the resolved one stays behind; resolving it ends its carry-over.
        await TestWorld.OpenPeriodAsync(_admin, "2027-S1", "2027-01-01", "2099-12-31");
        var s3 = (await _tuban.GetFromJsonAsync<JsonElement>(At("2027-S1", "obstacles"))).EnumerateArray().ToList();
        Assert.That(s3.Select(o => o.GetProperty("id").GetString()), Is.EqualTo(new[] { id }));
        using (var resolved = await _tuban.PutAsJsonAsync(At("2027-S1", $"obstacles/{id}"), new
        {
            programme = programmeId,
            category = "infrastructure",
            description = "Sinyal seluler lemah di tiga dusun",
            since = "2026-02-01",
            solution = "BTS beroperasi",
            support_needed_from = "ministry",
            support_body = "BAKTI Kementerian Komunikasi dan Digital",
            status = "resolved",
            resolution = "BTS beroperasi sejak Januari 2027",
        }))
        {
            Assert.That(resolved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await resolved.Content.ReadAsStringAsync());
        }

        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity = 'obstacle'"), Is.EqualTo(7), "create, carry-over, from risk, two updates, carry-over, resolution");
    }

    [Test]
    public async Task TheObstacleForm_KeepsWhatWasTyped_AndSavesInBahasaIndonesia()
    {
        await TestWorld.OpenPeriodAsync(_admin, "2028-S1", "2028-01-01", "2099-12-31");
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"))).Dispose();
        var form = await browser.GetStringAsync(new Uri("/periods/2028-S1/regions/3523/obstacles/new", UriKind.Relative));
        Assert.That(form, Does.Contain("Dukungan diperlukan dari").And.Contain("Infrastruktur"));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
            ["Category"] = "data",
            ["Description"] = "OPD terlambat mengirim data sektoral",
            ["SupportNeededFrom"] = "ministry",
            ["Since"] = "32/11/2026",
        };
        using (var refused = await browser.PostAsync(new Uri("/periods/2028-S1/regions/3523/obstacles/save", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("OPD terlambat mengirim data sektoral").And.Contain("Sebutkan kementerian atau lembaga"));
            Assert.That(html, Does.Contain("value=\"32/11/2026\""), "the date comes back as typed");
        }

        fields["Since"] = "15/11/2026";
        fields["SupportBody"] = "Badan Pusat Statistik";
        using (var saved = await browser.PostAsync(new Uri("/periods/2028-S1/regions/3523/obstacles/save", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        }

        var list = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/periods/2028-S1/regions/3523/obstacles", UriKind.Relative)));
        Assert.That(list, Does.Contain("Hambatan tersimpan").And.Contain("OPD terlambat mengirim data sektoral").And.Contain("Badan Pusat Statistik").And.Contain("Terbuka"));
    }
}
