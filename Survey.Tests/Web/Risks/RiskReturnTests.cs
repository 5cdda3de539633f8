using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Risks;

/// <summary>
/// The evaluator returns one risk's register entry and another risk's monitoring entry with a reason, like values:
/// the coordinator changes exactly those (the programme's other fields and risks stay locked), the region resubmits,
/// and the evaluator sees what changed.
/// </summary>
public sealed class RiskReturnTests
{
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;
    private HttpClient _evaluator = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("risk-return");
        await TestWorld.SeedRegionsAsync(_connectionString);
        _factory = new SurveyWebFactory(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(_admin, "2026-S1");
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        _evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
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

    private static object Review(params object[] returned) => new { decision = "return", comment = "Perbaiki risiko", returned_items = returned };

    [Test]
    public async Task AReturnedRiskAndAReturnedMonitoring_AreTheOnlyThingsTheCoordinatorCanChange()
    {
        using (var created = await _tuban.PostAsJsonAsync(At("2026-S1", "programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Desa Digital",
            maturity_level = 3,
            justification = "Purwarupa di Socorejo",
            risks = new object[]
            {
                new { title = "Jaringan desa terputus", category = "infrastructure", likelihood = 2, impact = 2 },
                new { title = "Pelatihan operator tertunda", category = "human_resources", likelihood = 2, impact = 2 },
            },
        }))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        }

        // 2026-S2 opens with the programme and both risks; the coordinator monitors both and submits.
        await TestWorld.OpenPeriodAsync(_admin, "2026-S2", "2026-07-01", "2099-12-31");
        var programme = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "programmes")))[0];
        var programmeId = programme.GetProperty("id").GetString()!;
        var risks = programme.GetProperty("risks").EnumerateArray().ToDictionary(r => r.GetProperty("title").GetString()!, r => r.GetProperty("id").GetString()!);
        var (network, training) = (risks["Jaringan desa terputus"], risks["Pelatihan operator tertunda"]);
        foreach (var id in new[] { network, training })
        {
            (await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{id}/monitoring"), new { likelihood = 2, impact = 2 })).EnsureSuccessStatusCode();
        }

        var keys = (await _tuban.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/indicators", UriKind.Relative))).EnumerateArray().Select(i => i.GetProperty("key").GetString()!).ToList();
        (await _tuban.PutAsJsonAsync(At("2026-S2", "indicator-values"), keys.Select(k => new { key = k, not_available_reason = "Data belum dikumpulkan" }).ToArray())).EnsureSuccessStatusCode();
        using (var submitted = await _tuban.PostAsync(At("2026-S2", "submit"), null))
        {
            Assert.That(submitted.IsSuccessStatusCode, Is.True, await submitted.Content.ReadAsStringAsync());
        }

        // Marks on an unknown risk, or on a monitoring entry that does not exist, are refused per field.
        using (var unknown = await _evaluator.PostAsJsonAsync(At("2026-S2", "review"), Review(new { kind = "risk", key = Guid.NewGuid().ToString(), reason = "?" })))
        {
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), await unknown.Content.ReadAsStringAsync());
        }

        using (var noReason = await _evaluator.PostAsJsonAsync(At("2026-S2", "review"), Review(new { kind = "risk", key = network, reason = " " })))
        {
            var body = await noReason.Content.ReadAsStringAsync();
            Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty($"risk:{network}", out _), Is.True, body);
        }

        // The evaluator returns the network risk's register (explicit kind) and the training risk's monitoring (prefixed key).
        using (var returned = await _evaluator.PostAsJsonAsync(At("2026-S2", "review"), Review(
            new { kind = "risk", key = network, reason = "Kemungkinan terlalu rendah untuk desa tanpa jalur cadangan" },
            new { key = $"monitoring:{training}", reason = "Bukti pelatihan belum dilampirkan" })))
        {
            var body = await returned.Content.ReadAsStringAsync();
            Assert.That(returned.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            var items = JsonDocument.Parse(body).RootElement.GetProperty("returned_items").EnumerateArray()
                .Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("key").GetString())).ToList();
            Assert.That(items, Is.EquivalentTo(new[] { ((string?)"risk", (string?)network), ("monitoring", training) }));
        }

        // The whole list is sent with everything changed: only the returned risk takes the change.
        using (var put = await _tuban.PutAsJsonAsync(At("2026-S2", "programmes"), new[]
        {
            new
            {
                id = programmeId, dimension = "governance", element = "pelayanan-publik", name = "Desa Digital Baru", maturity_level = 4, justification = "Diubah",
                risks = new object[]
                {
                    new { id = network, title = "Jaringan desa terputus", category = "infrastructure", likelihood = 4, impact = 3 },
                    new { id = training, title = "Pelatihan operator tertunda", category = "human_resources", likelihood = 5, impact = 5 },
                },
            },
        }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        var after = (await _tuban.GetFromJsonAsync<JsonElement>(At("2026-S2", "programmes")))[0];
        Assert.That((after.GetProperty("name").GetString(), after.GetProperty("maturity_level").GetInt32()), Is.EqualTo(("Desa Digital", 3)), "the programme stays locked");
        var byId = after.GetProperty("risks").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.That((byId[network].GetProperty("likelihood").GetInt32(), byId[network].GetProperty("impact").GetInt32()), Is.EqualTo((4, 3)), "the returned risk changed");
        Assert.That((byId[training].GetProperty("likelihood").GetInt32(), byId[training].GetProperty("impact").GetInt32()), Is.EqualTo((2, 2)), "the other risk stays locked");

        // Monitoring: the returned entry may change, the other one not.
        using (var locked = await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{network}/monitoring"), new { likelihood = 3, impact = 3 }))
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), await locked.Content.ReadAsStringAsync());
        }

        using (var open = await _tuban.PutAsJsonAsync(At("2026-S2", $"risks/{training}/monitoring"), new { likelihood = 2, impact = 1, note = "Daftar hadir pelatihan dilampirkan" }))
        {
            Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.OK), await open.Content.ReadAsStringAsync());
        }

        // The programme form shows the rest locked and the returned risk open; the risk page gives the reason.
        using var browser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        var form = await browser.GetStringAsync(new Uri($"/periods/2026-S2/regions/3523/programmes/{programmeId}", UriKind.Relative));
        Assert.That(form, Does.Contain("Evaluator hanya mengembalikan risiko yang ditandai"));
        Assert.That(form, Does.Contain("Kemungkinan terlalu rendah untuk desa tanpa jalur cadangan"));
        Assert.That(form, Does.Match("id=\"p-name\"[^>]*disabled"), "the programme's own fields are locked");
        var riskPage = await browser.GetStringAsync(new Uri($"/periods/2026-S2/regions/3523/risks/{training}", UriKind.Relative));
        Assert.That(riskPage, Does.Contain("Bukti pelatihan belum dilampirkan"));

        using (var resubmitted = await _tuban.PostAsync(At("2026-S2", "submit"), null))
        {
            Assert.That(resubmitted.IsSuccessStatusCode, Is.True, await resubmitted.Content.ReadAsStringAsync());
        }

        // The evaluator sees both changes since the return.
        using var evaluatorPage = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(evaluatorPage, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator));
        var review = await evaluatorPage.GetStringAsync(new Uri("/periods/2026-S2/regions/3523/review", UriKind.Relative));
        Assert.That(review, Does.Contain($"href=\"#r-{network}\"").And.Contain($"href=\"#r-{training}\""));
        Assert.That(review, Does.Contain($"name=\"state:risk:{network}\"").And.Contain($"name=\"state:monitoring:{training}\""));
        var changes = WebUtility.HtmlDecode(review);
        Assert.That(changes, Does.Contain("Negatif (ancaman)").And.Contain("Kemungkinan: 4"), "the change in words");
        Assert.That(changes, Does.Not.Contain(": negative").And.Not.Contain(": infrastructure"), "no codes on screen");
    }
}
