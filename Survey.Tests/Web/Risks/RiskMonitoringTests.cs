using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Risks;

/// <summary>
/// Two semesters of a risk through HTTP: assessed and treated in 2026-S1, carried into 2026-S2 with its id, the
/// submission blocked until it is monitored, an overdue action flagged, a risk that occurred, a closed risk that stays
/// behind, and the refusals of bad monitoring.
/// </summary>
public sealed class RiskMonitoringTests
{
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("risk-monitoring");
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
    public async Task ARisk_IsCarriedOver_Monitored_AndTheSubmissionWaitsForIt()
    {
        // 2026-S1: a high risk with two actions (one due in March 2026, long past) and a low one.
        using var created = await _tuban.PostAsJsonAsync(At("2026-S1", "programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Desa Digital",
            maturity_level = 3,
            justification = "Purwarupa di Socorejo",
            unit = "DISKOMINFO",
            risks = new object[]
            {
                new
                {
                    title = "Jaringan desa terputus", category = "infrastructure", impact_area = "services", likelihood = 3, impact = 4, treatment_option = "mitigate",
                    actions = new[]
                    {
                        new { action = "Pasang jalur cadangan", unit = "DISKOMINFO", due = "2026-03-31" },
                        new { action = "Pasang UPS di balai desa", unit = "DISKOMINFO", due = "2099-06-30" },
                    },
                    residual_likelihood = 2, residual_impact = 3,
                },
                new { title = "Pelatihan operator tertunda", category = "human_resources", likelihood = 2, impact = 2 },
            },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var s1 = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S1", "risks"))).EnumerateArray().ToList();
        var high = s1.Single(r => r.GetProperty("title").GetString() == "Jaringan desa terputus");
        var low = s1.Single(r => r.GetProperty("title").GetString() == "Pelatihan operator tertunda");
        var (highId, lowId) = (high.GetProperty("id").GetString()!, low.GetProperty("id").GetString()!);
        var actionIds = high.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()!).ToArray();
        Assert.That(high.GetProperty("magnitude").GetInt32(), Is.EqualTo(17));
        Assert.That(high.GetProperty("actions")[0].GetProperty("overdue").GetBoolean(), Is.True, "due 31 March 2026, not done");

        using (var tooEarly = await _tuban.PutAsJsonAsync(At("2026-S1", $"risks/{highId}/monitoring"), new { likelihood = 3, impact = 4, actions = Array.Empty<object>() }))
        {
            Assert.That(tooEarly.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await tooEarly.Content.ReadAsStringAsync(), Does.Contain("baru pada periode ini"));
        }

        // 2026-S2 opens: the programme comes over by itself and its risks keep their ids; the coordinator's own
        // carry-over finds nothing left to copy.
        await TestWorld.OpenPeriodAsync(_admin, "2026-S2", "2026-07-01", "2099-12-31");
        using (var again = await _tuban.PostAsync(At("2026-S2", "programmes/carry-over"), null))
        {
            Assert.That(await again.Content.ReadAsStringAsync(), Is.EqualTo("{\"copied\":0}"), "carried over when the period opened");
        }

        var s2 = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "risks"))).EnumerateArray().ToList();
        Assert.That(s2.Select(r => r.GetProperty("id").GetString()), Is.EquivalentTo(new[] { highId, lowId }));
        Assert.That(s2.All(r => r.GetProperty("carried_over").GetBoolean() && r.GetProperty("needs_monitoring").GetBoolean()), Is.True);

        // Submitting waits for the monitoring (the values are answered as not available to leave only that).
        var keys = (await _tuban.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/indicators", UriKind.Relative))).EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
        (await _tuban.PutAsJsonAsync(At("2026-S2", "indicator-values"), keys.Select(k => new { key = k, not_available_reason = "Data belum dikumpulkan" }).ToArray())).EnsureSuccessStatusCode();
        using (var blocked = await _tuban.PostAsync(At("2026-S2", "submit"), null))
        {
            var body = await blocked.Content.ReadAsStringAsync();
            Assert.That(blocked.IsSuccessStatusCode, Is.False, body);
            Assert.That(body, Does.Contain("Jaringan desa terputus").And.Contain("belum dipantau"));
        }

        // Bad monitoring is refused with a message, nothing stored.
        var bad = new (string Name, object Body, string Field)[]
        {
            ("likelihood", new { likelihood = 0, impact = 3, actions = new[] { new { id = actionIds[0], status = "done" }, new { id = actionIds[1], status = "done" } } }, "likelihood"),
            ("status", new { likelihood = 2, impact = 3, actions = new[] { new { id = actionIds[0], status = "finished" }, new { id = actionIds[1], status = "done" } } }, "actions[0].status"),
            ("unknown action", new { likelihood = 2, impact = 3, actions = new[] { new { id = Guid.NewGuid().ToString(), status = "done" }, new { id = actionIds[1], status = "done" } } }, "actions[0].id"),
            ("missing action", new { likelihood = 2, impact = 3, actions = new[] { new { id = actionIds[1], status = "done" } } }, "actions"),
            ("occurred", new { likelihood = 2, impact = 3, occurred = true, actions = new[] { new { id = actionIds[0], status = "done" }, new { id = actionIds[1], status = "done" } } }, "occurrence"),
            ("closed", new { likelihood = 2, impact = 3, closed = true, actions = new[] { new { id = actionIds[0], status = "done" }, new { id = actionIds[1], status = "done" } } }, "close_reason"),
        };
        foreach (var (name, body, field) in bad)
        {
            using var refused = await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{highId}/monitoring"), body);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{name}: {text}");
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{name}: {text}");
        }

        using (var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578"))
        using (var foreign = await surabaya.PutAsJsonAsync(At("2026-S2", $"risks/{highId}/monitoring"), new { likelihood = 2, impact = 3 }))
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's coordinator");
        }

        using (var unknown = await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{Guid.NewGuid()}/monitoring"), new { likelihood = 2, impact = 3 }))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM risk_monitoring"), Is.Zero, "no refusal stored anything");

        // The high risk occurred: the first action is still in progress (overdue), the second done; the low one closes.
        using (var monitored = await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{highId}/monitoring"), new
        {
            likelihood = 2,
            impact = 4,
            occurred = true,
            occurrence = "Jaringan putus tiga hari pada Agustus 2026",
            actions = new[]
            {
                new { id = actionIds[0], status = "in_progress", result = "Kontrak penyedia kedua dalam proses", evidence = (string?)"https://tubankab.go.id/kontrak" },
                new { id = actionIds[1], status = "done", result = "UPS terpasang", evidence = (string?)null },
            },
        }))
        {
            var body = await monitored.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(monitored.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.Multiple(() =>
            {
                Assert.That(body.GetProperty("monitoring").GetProperty("magnitude").GetInt32(), Is.EqualTo(13), "likelihood 2, impact 4");
                Assert.That(body.GetProperty("monitoring").GetProperty("occurred").GetBoolean(), Is.True);
                Assert.That(body.GetProperty("actions")[0].GetProperty("overdue").GetBoolean(), Is.True, "in progress after its due date");
                Assert.That(body.GetProperty("actions")[1].GetProperty("overdue").GetBoolean(), Is.False);
                Assert.That(body.GetProperty("needs_monitoring").GetBoolean(), Is.False);
            });
        }

        (await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{lowId}/monitoring"), new { likelihood = 1, impact = 1, closed = true, close_reason = "Pelatihan sudah terlaksana" })).EnsureSuccessStatusCode();

        // The risk that occurred became an obstacle linked to it; the region completes it before submitting.
        var obstacle = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "obstacles"))).EnumerateArray().Single();
        Assert.That((obstacle.GetProperty("risk").GetString(), obstacle.GetProperty("description").GetString(), obstacle.GetProperty("needs_update").GetBoolean()),
            Is.EqualTo((highId, "Jaringan putus tiga hari pada Agustus 2026", true)));
        (await _tuban.PutAsJsonAsync(At("2026-S2", $"obstacles/{obstacle.GetProperty("id").GetString()}"), new
        {
            programme = obstacle.GetProperty("programme").GetString(),
            risk = highId,
            category = "infrastructure",
            description = "Jaringan putus tiga hari pada Agustus 2026",
            solution = "Jalur cadangan dari penyedia kedua",
            status = "in_progress",
            responsible_unit = "DISKOMINFO",
        })).EnsureSuccessStatusCode();
        using (var submitted = await _tuban.PostAsync(At("2026-S2", "submit"), null))
        {
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await submitted.Content.ReadAsStringAsync());
        }

        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity = 'risk_monitoring'"), Is.EqualTo(2));

        // The evaluator verifies the high risk: a different position needs a note; the region cannot verify.
        using (var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator))
        {
            using (var noNote = await evaluator.PutAsJsonAsync(At("2026-S2", $"risks/{highId}/verification"), new { likelihood = 4, impact = 4 }))
            {
                Assert.That(noNote.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
                Assert.That(await noNote.Content.ReadAsStringAsync(), Does.Contain("catatan"));
            }

            using (var byRegion = await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{highId}/verification"), new { likelihood = 1, impact = 1, note = "Sudah aman" }))
            {
                Assert.That(byRegion.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            }

            using var verified = await evaluator.PutAsJsonAsync(At("2026-S2", $"risks/{highId}/verification"), new { likelihood = 4, impact = 4, note = "Gangguan Agustus menunjukkan kemungkinan lebih tinggi" });
            var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That((body.GetProperty("verified_magnitude").GetInt32(), body.GetProperty("verified_level").GetString()), Is.EqualTo((19, "high")));
            Assert.That(body.GetProperty("likelihood").GetInt32(), Is.EqualTo(3), "the region's own assessment stays as it was");
        }

        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity = 'programme_risk' AND action = 'verify'"), Is.EqualTo(1));

        // The Excel forms show the same numbers as the API: the register, the treatment plan, the monitoring report.
        using (var download = await _tuban.GetAsync(new Uri("/periods/2026-S2/regions/3523/risks.xlsx", UriKind.Relative)))
        {
            Assert.That(download.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var workbook = new ClosedXML.Excel.XLWorkbook(await download.Content.ReadAsStreamAsync());
            var register = workbook.Worksheet("Register risiko");
            var registerRow = register.RowsUsed().Single(r => r.Cell(5).GetString() == "Jaringan desa terputus");
            var plan = workbook.Worksheet("Rencana penanganan");
            var overdueRow = plan.RowsUsed().Single(r => r.Cell(4).GetString() == "Pasang jalur cadangan");
            var monitoringRow = workbook.Worksheet("Pemantauan risiko").RowsUsed().Single(r => r.Cell(2).GetString() == "Jaringan desa terputus");
            Assert.Multiple(() =>
            {
                Assert.That(registerRow.Cell(15).DataType, Is.EqualTo(ClosedXML.Excel.XLDataType.Number));
                Assert.That(registerRow.Cell(15).GetDouble(), Is.EqualTo(17), "magnitude as a number");
                Assert.That(registerRow.Cell(16).GetString(), Is.EqualTo("Tinggi"));
                Assert.That(registerRow.Cell(16).Style.Fill.BackgroundColor.Color.ToArgb() & 0xFFFFFF, Is.EqualTo(0xF4B183), "coloured as in the matrix");
                Assert.That(registerRow.Cell(21).GetDouble(), Is.EqualTo(11), "target magnitude");
                Assert.That(overdueRow.Cell(10).GetString(), Is.EqualTo("Terlambat"));
                Assert.That(overdueRow.Cell(7).DataType, Is.EqualTo(ClosedXML.Excel.XLDataType.DateTime));
                Assert.That(monitoringRow.Cell(6).GetDouble(), Is.EqualTo(13), "the monitored position");
                Assert.That(monitoringRow.Cell(9).GetString(), Is.EqualTo("Ya"), "it occurred");
            });
        }

        using (var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator))
        {
            var national = await evaluator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods/2026-S2/risks", UriKind.Relative));
            var listed = national.GetProperty("risks").EnumerateArray().Single(r => r.GetProperty("id").GetString() == highId);
            Assert.That((listed.GetProperty("magnitude").GetInt32(), listed.GetProperty("overdue_actions").GetInt32(), listed.GetProperty("current_magnitude").GetInt32()), Is.EqualTo((17, 1, 13)));
            using var profile = await evaluator.GetAsync(new Uri("/periods/2026-S2/risks.xlsx", UriKind.Relative));
            Assert.That(profile.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var workbook = new ClosedXML.Excel.XLWorkbook(await profile.Content.ReadAsStreamAsync());
            var row = workbook.Worksheet("Risiko nasional").RowsUsed().Single(r => r.Cell(5).GetString() == "Jaringan desa terputus");
            Assert.That((row.Cell(9).GetDouble(), row.Cell(13).GetDouble()), Is.EqualTo((17d, 1d)), "the national profile shows the same magnitude and overdue count");
        }

        // The closed risk stays behind when 2027-S1 carries the programme over; the open one comes with its id.
        await TestWorld.OpenPeriodAsync(_admin, "2027-S1", "2027-01-01", "2099-12-31");
        var s3 = (await _tuban.GetFromJsonAsync<JsonElement>(At("2027-S1", "risks"))).EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.That(s3, Is.EqualTo(new[] { highId }));
    }

    [Test]
    public async Task TheRiskPage_ShowsThePositions_AndItsMonitoringFormKeepsWhatWasTyped()
    {
        await TestWorld.OpenPeriodAsync(_admin, "2028-S1", "2028-01-01", "2099-12-31");
        await TestWorld.OpenPeriodAsync(_admin, "2028-S2", "2028-07-01", "2099-12-31");
        using var created = await _tuban.PostAsJsonAsync(At("2028-S1", "programmes"), new
        {
            dimension = "governance",
            element = "kebijakan-publik",
            name = "Satu Data Tuban",
            maturity_level = 2,
            justification = "Portal daring",
            unit = "DISKOMINFO",
            risks = new[] { new { title = "OPD terlambat mengirim data", category = "data", likelihood = 1, impact = 5, actions = new[] { new { action = "Jadwal rilis", unit = "DISKOMINFO", due = "2099-01-31" } } } },
        });
        var programme = await created.Content.ReadFromJsonAsync<JsonElement>();
        var riskId = programme.GetProperty("risks")[0].GetProperty("id").GetString();
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, email)).Dispose();
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/periods/2028-S1/regions/3523/risks/{riskId}", UriKind.Relative)));
        Assert.Multiple(() =>
        {
            Assert.That(page, Does.Contain("Melekat (sebelum penanganan)").And.Contain("Sangat tinggi").And.Contain("Data dan informasi"));
            Assert.That(page, Does.Contain("<td data-label=\"Besaran\">20</td>"), "likelihood 1, impact 5 is 20");
            Assert.That(page, Does.Contain("baru pada semester ini"));
            Assert.That(page, Does.Not.Contain("Simpan pemantauan"), "a new risk has nothing to monitor yet");
        });

        // Next semester the form appears; a refusal keeps what was typed, then the entry is saved.
        (await _tuban.PostAsync(At("2028-S2", "programmes/carry-over"), null)).EnsureSuccessStatusCode();
        var carried = (await _tuban.GetFromJsonAsync<JsonElement>(At("2028-S2", "risks")))[0];
        var id = carried.GetProperty("id").GetString();
        var actionId = carried.GetProperty("actions")[0].GetProperty("id").GetString()!;
        var form = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/periods/2028-S2/regions/3523/risks/{id}", UriKind.Relative)));
        Assert.That(form, Does.Contain("Simpan pemantauan").And.Contain("perlu dipantau sebelum data daerah dikirim"));
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
            ["Actions[0].Id"] = actionId,
            ["Actions[0].Status"] = "in_progress",
            ["Actions[0].Result"] = "Jadwal rilis disusun untuk 12 OPD",
            ["Likelihood"] = "1",
            ["Impact"] = "4",
            ["Closed"] = "true",
        };
        using (var refused = await browser.PostAsync(new Uri($"/periods/2028-S2/regions/3523/risks/{id}/monitoring", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("Beri alasan menutup risiko ini").And.Contain("value=\"Jadwal rilis disusun untuk 12 OPD\"").And.Contain("<option value=\"in_progress\" selected=\"selected\">"));
        }

        fields.Remove("Closed");
        using (var saved = await browser.PostAsync(new Uri($"/periods/2028-S2/regions/3523/risks/{id}/monitoring", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        }

        var after = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/periods/2028-S2/regions/3523/risks/{id}", UriKind.Relative)));
        Assert.That(after, Does.Contain("Pemantauan risiko disimpan").And.Contain("Saat ini (pemantauan)").And.Contain("<td data-label=\"Besaran\">8</td>"), "likelihood 1, impact 4 is 8");
    }
}
