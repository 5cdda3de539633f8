using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Obstacles;

/// <summary>
/// Recommendations and their follow-up through HTTP over three semesters: two written in S1; in S2 the one due then
/// blocks the submission until followed up, is verified as done and closes; the other is reported in progress and
/// blocks in S3, its due period. Bad input and the wrong roles are refused with nothing changed.
/// </summary>
public sealed class RecommendationsTests
{
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;
    private HttpClient _evaluator = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("recommendations");
        await TestWorld.SeedRegionsAsync(_connectionString);
        _factory = new SurveyWebFactory(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(_admin, "2026-S1");
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        _evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        (await _tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency" })).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _tuban.Dispose();
        _admin.Dispose();
        _evaluator.Dispose();
        _factory.Dispose();
    }

    private static Uri At(string period, string rest) => new($"/api/v1/periods/{period}/regions/3523/{rest}", UriKind.Relative);

    private async Task SubmitAsync(string period, bool expected, params string[] mentions)
    {
        var keys = (await _tuban.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/indicators", UriKind.Relative))).EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
        (await _tuban.PutAsJsonAsync(At(period, "indicator-values"), keys.Select(k => new { key = k, not_available_reason = "Data belum dikumpulkan" }).ToArray())).EnsureSuccessStatusCode();
        using var submitted = await _tuban.PostAsync(At(period, "submit"), null);
        var body = await submitted.Content.ReadAsStringAsync();
        Assert.That(submitted.IsSuccessStatusCode, Is.EqualTo(expected), body);
        foreach (var mention in mentions)
        {
            Assert.That(body, Does.Contain(mention));
        }
    }

    [Test]
    public async Task TwoRecommendations_AreFollowedUp_Verified_AndBlockWhenDue()
    {
        await SubmitAsync("2026-S1", expected: true);

        // Bad recommendations are refused per field; a coordinator cannot write one.
        var bad = new (string Name, object Body, string Field)[]
        {
            ("due in the past", new { addressed_to = "regional_head", text = "Susun peta jalan", priority = "high", due_period = "2025-S2" }, "due_period"),
            ("due now", new { addressed_to = "regional_head", text = "Susun peta jalan", priority = "high", due_period = "2026-S1" }, "due_period"),
            ("due as text", new { addressed_to = "regional_head", text = "Susun peta jalan", priority = "high", due_period = "tahun depan" }, "due_period"),
            ("unknown unit", new { addressed_to = "DINKES", text = "Susun peta jalan", priority = "high", due_period = "2026-S2" }, "addressed_to"),
            ("unknown priority", new { addressed_to = "regional_head", text = "Susun peta jalan", priority = "urgent", due_period = "2026-S2" }, "priority"),
            ("unknown dimension", new { addressed_to = "regional_head", dimension = "weather", text = "Susun peta jalan", priority = "high", due_period = "2026-S2" }, "dimension"),
            ("too long", new { addressed_to = "regional_head", text = new string('x', 2001), priority = "high", due_period = "2026-S2" }, "text"),
        };
        foreach (var (name, body, field) in bad)
        {
            using var refused = await _evaluator.PostAsJsonAsync(At("2026-S1", "recommendations"), body);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{name}: {text}");
            Assert.That(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), Is.True, $"{name}: {text}");
        }

        using (var byCoordinator = await _tuban.PostAsJsonAsync(At("2026-S1", "recommendations"), new { addressed_to = "regional_head", text = "x", priority = "low", due_period = "2026-S2" }))
        {
            Assert.That(byCoordinator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM recommendation WHERE period_code = '2026-S1'"), Is.Zero, "no refusal stored anything");

        (await _admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
            new { email = "operator.rec@test.go.id", name = "Operator Diskominfo", role = "unit_operator", region = "3523", unit = "DISKOMINFO", password = TestUsers.Password })).EnsureSuccessStatusCode();
        using var kominfo = _factory.CreateClient();
        kominfo.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(kominfo, "operator.rec@test.go.id"));
        var roadmap = await PostAsync(new { addressed_to = "regional_head", dimension = "governance", text = "Tetapkan peta jalan kota cerdas dengan peraturan kepala daerah", priority = "high", due_period = "2026-S2" });
        var data = await PostAsync(new { addressed_to = "DISKOMINFO", text = "Bangun portal satu data yang memuat 80% data sektoral", priority = "medium", due_period = "2027-S1" });

        // The unit the portal is addressed to is told; so are the region's coordinators, of both.
        var told = (await kominfo.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/notifications", UriKind.Relative))).EnumerateArray().Where(n => n.GetProperty("kind").GetString() == "recommendation").ToList();
        Assert.That(told.Select(n => n.GetProperty("text").GetString()), Has.One.Contains("Bangun portal satu data"), "the unit's operator hears of its recommendation only");
        Assert.That(told, Has.Count.EqualTo(1));

        // S2: the road map is due and blocks; the portal is not due yet. The coordinator is reminded when the period opens.
        await TestWorld.OpenPeriodAsync(_admin, "2026-S2", "2026-07-01", "2099-12-31");
        var reminders = (await _tuban.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/notifications", UriKind.Relative))).EnumerateArray().ToList();
        Assert.That(reminders.Where(n => n.GetProperty("kind").GetString() == "follow_up_due").Select(n => n.GetProperty("text").GetString()), Has.One.StartsWith("1 rekomendasi jatuh tempo Semester II 2026"));
        Assert.That(reminders.Count(n => n.GetProperty("kind").GetString() == "recommendation" && n.GetProperty("period").GetString() == "2026-S1"), Is.EqualTo(2));
        var s2 = await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "recommendations"));
        Assert.That(s2.EnumerateArray().Select(r => (r.GetProperty("id").GetString(), r.GetProperty("due").GetBoolean())), Is.EquivalentTo(new[] { (roadmap, true), (data, false) }));
        await SubmitAsync("2026-S2", expected: false, "Tetapkan peta jalan kota cerdas", "tindak lanjut");

        using (var noAction = await _tuban.PutAsJsonAsync(At("2026-S2", $"recommendations/{roadmap}/follow-up"), new { status = "done" }))
        {
            Assert.That(noAction.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await noAction.Content.ReadAsStringAsync());
        }

        using (var noReason = await _tuban.PutAsJsonAsync(At("2026-S2", $"recommendations/{data}/follow-up"), new { status = "cannot" }))
        {
            Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await noReason.Content.ReadAsStringAsync());
        }

        using (var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578"))
        using (var foreign = await surabaya.PutAsJsonAsync(new Uri($"/api/v1/periods/2026-S2/regions/3578/recommendations/{roadmap}/follow-up", UriKind.Relative), new { status = "done", action = "x" }))
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another region's recommendation is not found in its own region");
        }

        (await _tuban.PutAsJsonAsync(At("2026-S2", $"recommendations/{roadmap}/follow-up"), new { status = "done", action = "Perbup 12/2026 tentang Masterplan Kota Cerdas ditetapkan", evidence = "https://jdih.tubankab.go.id/perbup-12-2026" })).EnsureSuccessStatusCode();
        (await _tuban.PutAsJsonAsync(At("2026-S2", $"recommendations/{data}/follow-up"), new { status = "in_progress", action = "Portal memuat 45% data sektoral" })).EnsureSuccessStatusCode();

        using (var early = await _evaluator.PostAsJsonAsync(At("2026-S2", $"recommendations/{roadmap}/verification"), new { verdict = "done" }))
        {
            Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "verified once the region has submitted");
        }

        await SubmitAsync("2026-S2", expected: true);
        using (var byCoordinator = await _tuban.PostAsJsonAsync(At("2026-S2", $"recommendations/{roadmap}/verification"), new { verdict = "done" }))
        {
            Assert.That(byCoordinator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        using (var noNote = await _evaluator.PostAsJsonAsync(At("2026-S2", $"recommendations/{data}/verification"), new { verdict = "not_done" }))
        {
            Assert.That(noNote.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "a verdict that differs from the report needs a note");
        }

        using (var verified = await _evaluator.PostAsJsonAsync(At("2026-S2", $"recommendations/{roadmap}/verification"), new { verdict = "done", note = "Perbup diperiksa di JDIH" }))
        {
            var body = await verified.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That((body.GetProperty("status").GetString(), body.GetProperty("closed_period").GetString()), Is.EqualTo(("closed", "2026-S2")));
            Assert.That(body.GetProperty("follow_ups")[0].GetProperty("verdict").GetString(), Is.EqualTo("done"));
        }

        (await _evaluator.PostAsJsonAsync(At("2026-S2", $"recommendations/{data}/verification"), new { verdict = "in_progress" })).EnsureSuccessStatusCode();

        // The national inventory: one due in S2, followed up as done and verified in time.
        var national = await _evaluator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods/2026-S2/obstacles/summary", UriKind.Relative));
        var recommendations = national.GetProperty("recommendations");
        Assert.That(recommendations.GetProperty("by_follow_up").EnumerateArray().Select(s => (s.GetProperty("status").GetString(), s.GetProperty("count").GetInt32())),
            Is.EqualTo(new[] { ((string?)"done", 1) }));
        var province = recommendations.GetProperty("in_time_by_province").EnumerateArray().Single();
        Assert.That((province.GetProperty("label").GetString(), province.GetProperty("due").GetInt32(), province.GetProperty("in_time").GetInt32(), province.GetProperty("share").GetDouble()),
            Is.EqualTo(("Jawa Timur", 1, 1, 1d)));

        // The region report lists both with the period's follow-up and verdict.
        using (var report = await _evaluator.GetAsync(new Uri("/periods/2026-S2/regions/3523/report.xlsx", UriKind.Relative)))
        {
            Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var workbook = new ClosedXML.Excel.XLWorkbook(await report.Content.ReadAsStreamAsync());
            var sheet = workbook.Worksheet("Rekomendasi");
            var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString().StartsWith("Tetapkan peta jalan", StringComparison.Ordinal));
            Assert.That((row.Cell(2).GetString(), row.Cell(7).GetString(), row.Cell(9).GetString(), row.Cell(10).GetString()),
                Is.EqualTo(("Kepala daerah", "Semester II 2026: Selesai", "Diterima selesai", "Semester II 2026")));
            Assert.That(sheet.RowsUsed().Count(), Is.EqualTo(3), "a header and the two recommendations");
        }

        // S3: the portal is due now and blocks; the road map shows as recently closed.
        await TestWorld.OpenPeriodAsync(_admin, "2027-S1", "2027-01-01", "2099-12-31");
        var s3 = (await _tuban.GetFromJsonAsync<JsonElement>(At("2027-S1", "recommendations"))).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.That((s3[roadmap].GetProperty("status").GetString(), s3[roadmap].GetProperty("due").GetBoolean()), Is.EqualTo(("closed", false)));
        Assert.That((s3[data].GetProperty("status").GetString(), s3[data].GetProperty("due").GetBoolean(), s3[data].GetProperty("follow_ups").GetArrayLength()), Is.EqualTo(("open", true, 1)));
        await SubmitAsync("2027-S1", expected: false, "Bangun portal satu data");
        using (var closed = await _tuban.PutAsJsonAsync(At("2027-S1", $"recommendations/{roadmap}/follow-up"), new { status = "done", action = "x" }))
        {
            Assert.That(closed.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "a closed recommendation takes no follow-up");
        }

        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity IN ('recommendation', 'recommendation_follow_up') AND period_code < '2028-S1'"), Is.EqualTo(6),
            "two written, two followed up, two verified");
    }

    private async Task<string> PostAsync(object body)
    {
        using var created = await _evaluator.PostAsJsonAsync(At("2026-S1", "recommendations"), body);
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    [Test]
    public async Task ThePage_WritesARecommendation_KeepsWhatWasTyped_AndShowsTheMatrix()
    {
        await TestWorld.OpenPeriodAsync(_admin, "2028-S1", "2028-01-01", "2099-12-31");
        using var evaluator = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(evaluator, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator))).Dispose();
        var page = await evaluator.GetStringAsync(new Uri("/periods/2028-S1/regions/3523/recommendations", UriKind.Relative));
        Assert.That(page, Does.Contain("Tulis rekomendasi").And.Contain("value=\"2028-S2\""), "the next period is offered as the due period");
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["AddressedTo"] = "regional_head",
            ["Priority"] = "high",
            ["DuePeriod"] = "2027-S2",
            ["Text"] = "Bentuk dewan kota cerdas dengan keputusan bupati",
        };
        using (var refused = await evaluator.PostAsync(new Uri("/periods/2028-S1/regions/3523/recommendations", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("Bentuk dewan kota cerdas dengan keputusan bupati").And.Contain("harus setelah periode ini"));
        }

        fields["DuePeriod"] = "2028-S2";
        using (var saved = await evaluator.PostAsync(new Uri("/periods/2028-S1/regions/3523/recommendations", UriKind.Relative), new FormUrlEncodedContent(fields)))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        }

        using var coordinator = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(coordinator, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"))).Dispose();
        var seen = WebUtility.HtmlDecode(await coordinator.GetStringAsync(new Uri("/periods/2028-S1/regions/3523/recommendations", UriKind.Relative)));
        Assert.That(seen, Does.Contain("Matriks tindak lanjut").And.Contain("Bentuk dewan kota cerdas").And.Contain("Kepala daerah").And.Contain("Prioritas tinggi"));
        Assert.That(seen, Does.Not.Contain("Tulis rekomendasi"), "only evaluators write recommendations");
        Assert.That(seen, Does.Not.Contain("Simpan tindak lanjut"), "written in this period: its follow-up begins next semester");
    }
}
