using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Risks;

/// <summary>The ministry's national risk picture through HTTP: analysis across regions, filters, counts, access.</summary>
public sealed class NationalRisksTests
{
    private const string Period = "2026-S2";
    private SurveyWebFactory _factory = null!;
    private HttpClient _evaluator = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        var connectionString = TestDatabase.CreateMigrated("national-risks");
        await TestWorld.SeedRegionsAsync(connectionString);
        _factory = new SurveyWebFactory(connectionString);
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period, "2026-07-01", "2099-12-31");
        using var tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        using var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency" })).EnsureSuccessStatusCode();
        (await tuban.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Desa Digital",
            maturity_level = 3,
            justification = "Purwarupa",
            risks = new object[]
            {
                new { title = "Jaringan desa terputus", category = "infrastructure", likelihood = 1, impact = 5, treatment_option = "mitigate",
                      actions = new[] { new { action = "Jalur cadangan", unit = "DISKOMINFO", due = "2026-07-31" } } },
                new { title = "Pelatihan tertunda", category = "human_resources", likelihood = 2, impact = 2 },
            },
        })).EnsureSuccessStatusCode();
        (await surabaya.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/programmes", UriKind.Relative), new
        {
            dimension = "living",
            element = "kesehatan",
            name = "Puskesmas Daring",
            maturity_level = 2,
            justification = "Berjalan",
            risks = new object[] { new { title = "Data pasien bocor", category = "security", likelihood = 3, impact = 5 } },
        })).EnsureSuccessStatusCode();
        _evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _evaluator.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task TheMinistry_SeesEveryRegionsRisks_HighestFirst_WithCountsAndFilters()
    {
        var all = await _evaluator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/risks", UriKind.Relative));
        var risks = all.GetProperty("risks").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(risks.Select(r => r.GetProperty("title").GetString()), Is.EqualTo(new[] { "Data pasien bocor", "Jaringan desa terputus", "Pelatihan tertunda" }), "22, 20, 7");
            Assert.That(risks.Select(r => r.GetProperty("magnitude").GetInt32()), Is.EqualTo(new[] { 22, 20, 7 }));
            Assert.That(all.GetProperty("unmitigated").GetInt32(), Is.EqualTo(1), "Surabaya's very high risk has no treatment");
            Assert.That(all.GetProperty("overdue").GetInt32(), Is.EqualTo(1), "Tuban's action was due on 31 July 2026");
            Assert.That(all.GetProperty("by_level").EnumerateArray().Select(g => (g.GetProperty("key").GetString(), g.GetProperty("count").GetInt32())), Is.EqualTo(new[] { ("very_high", 2), ("low", 1) }));
            Assert.That(all.GetProperty("regions_most_unmitigated")[0].GetProperty("region").GetString(), Is.EqualTo("3578"));
        });

        var filtered = await _evaluator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/risks?level=very_high&province=Jawa%20Timur&overdue=true", UriKind.Relative));
        Assert.That(filtered.GetProperty("risks").EnumerateArray().Select(r => r.GetProperty("title").GetString()), Is.EqualTo(new[] { "Jaringan desa terputus" }));
        var category = await _evaluator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/risks?category=security", UriKind.Relative));
        Assert.That(category.GetProperty("total").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task ThePage_ShowsTheSamePicture_AndOnlyTheMinistrySeesIt()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, email)).Dispose();
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/periods/{Period}/risks", UriKind.Relative)));
        Assert.That(page, Does.Contain("3 risiko dari 2 daerah; 2 perlu ditangani, 1 di antaranya belum ditangani; 1 dengan aksi terlambat.")
            .And.Contain("Data pasien bocor").And.Contain("Keamanan").And.Contain("1 terlambat"));

        using var coordinator = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        using var refused = await coordinator.GetAsync(new Uri($"/api/v1/periods/{Period}/risks", UriKind.Relative));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        using var unknown = await _evaluator.GetAsync(new Uri("/api/v1/periods/2030-S1/risks", UriKind.Relative));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task EarlyWarnings_NameTheProgrammes_OnTheApiTheDashboardAndTheReview()
    {
        var surabaya = await _evaluator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/regions/3578/early-warnings", UriKind.Relative));
        var tuban = await _evaluator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/regions/3523/early-warnings", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(surabaya.EnumerateArray().Select(f => f.GetProperty("code").GetString()), Is.EqualTo(new[] { "untreated" }));
            Assert.That(surabaya[0].GetProperty("reason").GetString(), Does.Contain("Data pasien bocor").And.Contain("besaran 22"));
            Assert.That(tuban.EnumerateArray().Select(f => f.GetProperty("code").GetString()), Is.EqualTo(new[] { "overdue" }));
            Assert.That(tuban[0].GetProperty("reason").GetString(), Does.Contain("Jalur cadangan").And.Contain("2026-07-31"));
        });

        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3578");
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, email)).Dispose();
        var dashboard = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri($"/periods/{Period}/regions/3578/dashboard", UriKind.Relative)));
        Assert.That(dashboard, Does.Contain("Peringatan dini: 1 program perlu perhatian").And.Contain("Puskesmas Daring"));
        Assert.That(dashboard, Does.Contain("risk-map.png").And.Contain("kemungkinan 3, dampak 5: besaran 22 (Sangat tinggi)"), "the map and its table");
        using var map = await browser.GetAsync(new Uri($"/charts/periods/{Period}/regions/3578/risk-map.png", UriKind.Relative));
        using var svg = await browser.GetAsync(new Uri($"/charts/periods/{Period}/regions/3578/risk-map.svg", UriKind.Relative));
        using var foreign = await browser.GetAsync(new Uri($"/charts/periods/{Period}/regions/3523/risk-map.png", UriKind.Relative));
        Assert.Multiple(async () =>
        {
            Assert.That(map.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(await svg.Content.ReadAsStringAsync(), Does.Contain("Peta risiko Kota Surabaya"));
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's map");
        });

        // The risk profile by category and by unit, with text alternatives on the dashboard.
        using var byCategory = await browser.GetAsync(new Uri($"/charts/periods/{Period}/regions/3578/risk-categories.svg", UriKind.Relative));
        using var byUnit = await browser.GetAsync(new Uri($"/charts/periods/{Period}/regions/3578/risk-units.png", UriKind.Relative));
        Assert.Multiple(async () =>
        {
            Assert.That(await byCategory.Content.ReadAsStringAsync(), Does.Contain("Profil risiko menurut kategori").And.Contain("Keamanan"));
            Assert.That(byUnit.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(dashboard, Does.Contain("Profil risiko menurut kategori: Keamanan: Sangat tinggi 1."), "the text alternative");
        });
    }
}
