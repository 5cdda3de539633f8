using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Risks;

/// <summary>
/// The early warnings of a region show the same in the review queue and the national picture as on its dashboard:
/// an untreated risk above the appetite, a risk whose level rose since last semester, and a maturity that fell.
/// </summary>
public sealed class NationalWarningsTests
{
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("national-warnings");
        await TestWorld.SeedRegionsAsync(_connectionString);
        _factory = new SurveyWebFactory(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(_admin, "2026-S1");
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _tuban.Dispose();
        _admin.Dispose();
        _factory.Dispose();
    }

    private static Uri At(string period, string rest) => new($"/api/v1/periods/{period}/regions/3523/{rest}", UriKind.Relative);

    private static List<string> Codes(JsonElement warnings) => warnings.EnumerateArray().Select(w => w.GetProperty("code").GetString()!).Order(StringComparer.Ordinal).ToList();

    [Test]
    public async Task TheRegionsWarnings_AreTheSameInTheQueueAndTheNationalPicture()
    {
        using (var created = await _tuban.PostAsJsonAsync(At("2026-S1", "programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Mal Pelayanan Publik",
            maturity_level = 3,
            justification = "Beroperasi sejak 2024",
            risks = new object[]
            {
                new { title = "Antrean server tunggal", category = "infrastructure", likelihood = 2, impact = 2 },
                new { title = "Anggaran pemeliharaan dipotong", category = "plan_budget", likelihood = 4, impact = 4, treatment_option = "mitigate" },
            },
        }))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        // S2 opens with the programme; its maturity falls to 2 and the small risk is monitored at likelihood 4, impact 5.
        await TestWorld.OpenPeriodAsync(_admin, "2026-S2", "2026-07-01", "2099-12-31");
        var programme = JsonNode.Parse(await _tuban.GetStringAsync(At("2026-S2", "programmes")))![0]!.AsObject();
        var id = programme["id"]!.GetValue<string>();
        var small = programme["risks"]!.AsArray().Single(r => r!["title"]!.GetValue<string>() == "Antrean server tunggal")!["id"]!.GetValue<string>();
        programme["maturity_level"] = 2;
        programme["justification"] = "Dua loket berhenti beroperasi";
        using (var put = await _tuban.PutAsync(At("2026-S2", $"programmes/{id}"), new StringContent(programme.ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        (await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{small}/monitoring"), new { likelihood = 4, impact = 5 })).EnsureSuccessStatusCode();

        var expected = new[] { "level_rose", "maturity_fell", "untreated" };
        var region = await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "early-warnings"));
        var regionWarnings = region.ValueKind == JsonValueKind.Array ? region : region.GetProperty("flags");
        Assert.That(Codes(regionWarnings), Is.EqualTo(expected), region.ToString());

        using var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        var national = await evaluator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods/2026-S2/risks", UriKind.Relative));
        var tuban = national.GetProperty("early_warnings").EnumerateArray().Where(w => w.GetProperty("region").GetString() == "3523").ToList();
        Assert.That(tuban.Select(w => w.GetProperty("code").GetString()).Order(StringComparer.Ordinal), Is.EqualTo(expected), national.GetProperty("early_warnings").ToString());
        Assert.That(tuban.Single(w => w.GetProperty("code").GetString() == "maturity_fell").GetProperty("reason").GetString(), Does.Contain("3").And.Contain("2"));
        Assert.That(national.GetProperty("early_warnings_by_code").EnumerateArray().Sum(c => c.GetProperty("count").GetInt32()), Is.EqualTo(3));

        var queue = await evaluator.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods/2026-S2/reviews", UriKind.Relative));
        var row = queue.EnumerateArray().Single(r => r.GetProperty("region").GetString() == "3523");
        Assert.That(Codes(row.GetProperty("early_warnings")), Is.EqualTo(expected));

        // The pages say so in words.
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator))).Dispose();
        var queuePage = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/periods/2026-S2/reviews?sort=warnings", UriKind.Relative)));
        Assert.That(queuePage, Does.Contain("Kematangan turun 1").And.Contain("Tingkat risiko naik 1").And.Contain("Tanpa penanganan 1"));
        var nationalPage = WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/periods/2026-S2/risks", UriKind.Relative)));
        Assert.That(nationalPage, Does.Contain("Peringatan dini: 1 program di 1 daerah").And.Contain("Anggaran pemeliharaan dipotong"));
    }
}
