using System.Net;
using System.Net.Http.Json;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Workbench;

/// <summary>Where each role lands after sign-in: the tasks of its role, not the brochure.</summary>
public sealed class WorkbenchTests
{
    private const string Period = "2026-S2";
    private static readonly Region Denpasar = new("5171", "Kota Denpasar", RegionKind.Kota, "Bali");
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private DateOnly _closes;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("workbench");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString, TestWorld.Tuban, TestWorld.Surabaya, Denpasar);
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        _closes = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10);
        await TestWorld.OpenPeriodAsync(admin, Period, "2026-07-01", _closes.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private async Task<(HttpClient Client, HttpResponseMessage SignIn)> SignInAsync(string email)
    {
        var client = _factory.CreateBrowserLikeClient();
        return (client, await TestUsers.SignInAsync(client, email));
    }

    [Test]
    public async Task Coordinator_LandsOnTheWorkbench_DeadlineInRegionTime_ProgressReturnsAndResponses()
    {
        var keys = Survey.Data.Catalogue.IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
        using var api = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "5171");
        var entries = keys.Select(k => k == "37122:5.1" ? (object)new { key = k, value = 40m, source = "BPS", source_year = 2025 } : new { key = k, not_available_reason = "Belum dikumpulkan" });
        (await api.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/5171/indicator-values", UriKind.Relative), entries)).EnsureSuccessStatusCode();
        (await api.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/5171/submit", UriKind.Relative), null)).EnsureSuccessStatusCode();
        using var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        (await evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/5171/review", UriKind.Relative),
            new { decision = "return", returned_items = new[] { new { key = "37122:5.1", reason = "Bukti belum diunggah" } } })).EnsureSuccessStatusCode();

        var (client, signIn) = await SignInAsync(await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "5171"));
        using (signIn)
        {
            Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/workbench"), "sign-in lands on the workbench");
        }

        using (var home = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(home.Headers.Location?.ToString(), Is.EqualTo("/workbench"));
        }

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/workbench", UriKind.Relative)));
        var daysLeft = _closes.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).DayNumber;
        var closes = _closes.ToString("dddd, d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("id-ID"));
        Assert.That(html, Does.Contain($"Batas pengisian: {closes} pukul 23.59 WITA").And.Contain($"sisa {daysLeft} hari"));
        Assert.That(html, Does.Contain("Evaluator mengembalikan 1 butir untuk diperbaiki").And.Contain("5.1 ").And.Contain("Bukti belum diunggah"));
        Assert.That(html, Does.Contain("Kemajuan pengisian per dimensi").And.Contain($"/periods/{Period}/regions/5171/entry/governance"));
        Assert.That(html, Does.Match("<progress [^>]*max=\"\\d+\" value=\"\\d+\""));
        Assert.That(html, Does.Contain("0 dari minimal 30 jawaban"));
        Assert.That(html, Does.Not.Contain("Tinjauan 2026").And.Not.Contain("Periode evaluasi"), "no tasks of other roles");
    }

    [Test]
    public async Task Evaluator_SeesTheRegionsAssigned_WithDaysWaiting()
    {
        var keys = Survey.Data.Catalogue.IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
        using var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        (await surabaya.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/indicator-values", UriKind.Relative), keys.Select(k => new { key = k, not_available_reason = "Belum dikumpulkan" }))).EnsureSuccessStatusCode();
        (await surabaya.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/submit", UriKind.Relative), null)).EnsureSuccessStatusCode();
        await using (var connection = new Npgsql.NpgsqlConnection(_connectionString))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE submission SET submitted_at = now() - interval '3 days 2 hours' WHERE period_code = @Period AND region_code = '3578'", new { Period });
        }

        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        var (evaluator, _) = await SignInAsync(email);
        var before = WebUtility.HtmlDecode(await evaluator.GetStringAsync(new Uri("/workbench", UriKind.Relative)));
        Assert.That(before, Does.Contain("Belum ada daerah yang ditugaskan kepada Anda").And.Contain("Kota Surabaya"));

        var evaluatorId = await IdOfAsync(email);
        var (admin, _) = await SignInAsync(await TestUsers.CreateAsync(_factory, UserRoles.Admin));
        var queue = await admin.GetStringAsync(new Uri($"/periods/{Period}/reviews", UriKind.Relative));
        using (var assign = await admin.PostAsync(new Uri($"/periods/{Period}/reviews/assign", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(queue),
            ["region"] = "3578",
            ["evaluators"] = evaluatorId.ToString(),
        })))
        {
            Assert.That(assign.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        var html = WebUtility.HtmlDecode(await evaluator.GetStringAsync(new Uri("/workbench", UriKind.Relative)));
        Assert.That(html, Does.Contain("Daerah yang ditugaskan kepada Anda").And.Not.Contain("Belum ada daerah yang ditugaskan"));
        Assert.That(html, Does.Match("Kota Surabaya[\\s\\S]*?Menunggu tinjauan[\\s\\S]*?3 hari"));
        Assert.That(html, Does.Contain($"/periods/{Period}/regions/3578/review"));
        Assert.That(html, Does.Not.Contain("Kota Denpasar · "), "no coordinator tasks");
    }

    [Test]
    public async Task Administrator_SeesEveryPeriodAndWhatItNeedsNext()
    {
        using var api = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        (await api.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code = "2027-S1", entry_opens = "2027-01-01", entry_closes = "2027-06-30", methodology = "v1" })).EnsureSuccessStatusCode();
        var (admin, _) = await SignInAsync(await TestUsers.CreateAsync(_factory, UserRoles.Admin));

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync(new Uri("/workbench", UriKind.Relative)));

        Assert.That(html, Does.Contain("Periode evaluasi"));
        Assert.That(html, Does.Match("Semester I 2027[\\s\\S]*?Draf[\\s\\S]*?Periksa tanggal lalu buka periode"));
        Assert.That(html, Does.Contain($"href=\"/admin/periods/{Period}/close\"").And.Contain("Pengisian berjalan sampai"));
        Assert.That(html, Does.Contain("Belum mulai: "), "regions that never started are counted");
    }

    [Test]
    public async Task Home_ForVisitors_LinksThePublicResults_ShowsNoSchemaVersion_AndHasAFavicon()
    {
        using var visitor = _factory.CreateBrowserLikeClient();
        var html = WebUtility.HtmlDecode(await visitor.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.That(html, Does.Contain("href=\"/results\"").And.Not.Contain("skema").And.Not.Contain("migrasi"));
        Assert.That(html, Does.Contain("rel=\"icon\" href=\"/favicon.svg\""));
        using var icon = await visitor.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        Assert.That(icon.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await icon.Content.ReadAsByteArrayAsync())[..4], Is.EqualTo(new byte[] { 0, 0, 1, 0 }));
        var results = WebUtility.HtmlDecode(await visitor.GetStringAsync(new Uri("/results", UriKind.Relative)));
        Assert.That(results, Does.Contain("Hasil evaluasi yang diterbitkan").And.Contain("Belum ada hasil yang diterbitkan."));
    }

    private async Task<Guid> IdOfAsync(string email)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        return await Dapper.SqlMapper.QuerySingleAsync<Guid>(connection, "SELECT id FROM app_user WHERE email = @email", new { email });
    }
}
