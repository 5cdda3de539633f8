using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Reviews;

/// <summary>
/// The workflow rules around a review, through HTTP: a returned region resubmits when its returned items are fixed,
/// whatever flags appeared on its locked values later (they go to the evaluator as information, and the queue counts
/// what the submit page counts); the queue lists regions that never started; publishing waits for every submitted
/// or returned region unless the administrator excludes it with a reason, and the snapshot holds reviewed data only.
/// </summary>
public sealed class WorkflowGuardTests
{
    private const string Period = "2026-S2";
    private static readonly string[] Keys = IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
    private static readonly Region Bandung = new("3273", "Kota Bandung", RegionKind.Kota, "Jawa Barat");
    private static readonly Region Sleman = new("3404", "Kabupaten Sleman", RegionKind.Kabupaten, "DI Yogyakarta");
    private static readonly Region Badung = new("5103", "Kabupaten Badung", RegionKind.Kabupaten, "Bali");
    private static readonly Region Malang = new("3573", "Kota Malang", RegionKind.Kota, "Jawa Timur");
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _admin = null!;
    private HttpClient _evaluator = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("workflow");
        // Three other regions are enough for the cross-region rule here (eight in production).
        _factory = new SurveyWebFactory(_connectionString, settings: new Dictionary<string, string> { ["Survey:Plausibility:MinimumRegions"] = "3" });
        await TestWorld.SeedRegionsAsync(_connectionString, TestWorld.Tuban, TestWorld.Surabaya, Bandung, Sleman, Badung, Malang);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        _evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        await TestWorld.OpenPeriodAsync(_admin, Period);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _admin.Dispose();
        _evaluator.Dispose();
        _tuban.Dispose();
        _factory.Dispose();
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Stores values of another region directly (its own submission is not under test).</summary>
    private async Task PeerValueAsync(string period, string region, string key, decimal value)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.ExecuteAsync("INSERT INTO submission (period_code, region_code) VALUES (@Period, @Region) ON CONFLICT DO NOTHING", new { Period = period, Region = region });
        await connection.ExecuteAsync("""
            INSERT INTO indicator_value (period_code, region_code, indicator_key, value, source_agency, source_year) VALUES (@Period, @Region, @Key, @Value, 'BPS', 2025)
            ON CONFLICT (period_code, region_code, indicator_key) DO UPDATE SET value = EXCLUDED.value
            """, new { Period = period, Region = region, Key = key, Value = value });
    }

    [Test]
    public async Task ReturnedRegion_ResubmitsWhenReturnedItemsAreFixed_LaterFlagsOnLockedValuesAreInformation_QueueCountsEqualTheSubmitPage()
    {
        var locked = "37122:5.1";
        var returned = "37122:10.2";
        foreach (var (region, value) in new[] { ("3273", 39m), ("3404", 40m), ("5103", 41m) })
        {
            await PeerValueAsync(Period, region, locked, value);
        }

        var entries = Keys.Except([locked, returned]).Select(k => (object)new { key = k, not_available_reason = "Belum dikumpulkan" }).ToList();
        entries.Add(new { key = locked, value = 40m, source = "BPS", source_year = 2025 });
        entries.Add(new { key = returned, value = 55m, source = "BPS", source_year = 2025 });
        await JsonAsync(await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative), entries), HttpStatusCode.OK);
        await JsonAsync(await _tuban.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/submit", UriKind.Relative), null), HttpStatusCode.OK);
        await JsonAsync(await _evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/review", UriKind.Relative),
            new { decision = "return", returned_items = new[] { new { key = returned, reason = "Sumber data belum sesuai" } } }), HttpStatusCode.OK);

        // The other regions' values move after the return: Tuban's locked value now lies far from their median.
        foreach (var (region, value) in new[] { ("3273", 1000m), ("3404", 1010m), ("5103", 1020m) })
        {
            await PeerValueAsync(Period, region, locked, value);
        }

        var status = await JsonAsync(await _tuban.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/status", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(status.GetProperty("status").GetString(), Is.EqualTo("returned"));
            Assert.That(status.GetProperty("blocking").GetArrayLength(), Is.Zero, status.ToString());
            Assert.That(status.GetProperty("flags").EnumerateArray().Where(f => !f.GetProperty("informational").GetBoolean()).Count(), Is.Zero);
            Assert.That(status.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("informational").GetBoolean()).GetProperty("key").GetString(), Is.EqualTo(locked));
        });

        var queue = await JsonAsync(await _evaluator.GetAsync(new Uri($"/api/v1/periods/{Period}/reviews", UriKind.Relative)), HttpStatusCode.OK);
        Assert.That(queue.EnumerateArray().Single(r => r.GetProperty("region").GetString() == "3523").GetProperty("flags").GetInt32(), Is.Zero, "the queue counts what the submit page counts");

        // The submit page says the same and leaves "Kirim" enabled.
        using (var page = _factory.CreateClient())
        {
            page.DefaultRequestHeaders.Authorization = _tuban.DefaultRequestHeaders.Authorization;
            var html = await page.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/submit", UriKind.Relative));
            Assert.That(html, Does.Contain("Semua aturan terpenuhi"));
            Assert.That(html, Does.Contain("sebagai informasi untuk evaluator"));
            Assert.That(html, Does.Not.Contain("disabled=\"disabled\">Kirim"));
        }

        // The locked value stays locked; the returned one is fixed and the region resubmits.
        using (var lockedEdit = await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative),
            new[] { new { key = locked, value = 1000m, source = "BPS", source_year = 2025 } }))
        {
            Assert.That(lockedEdit.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        }

        await JsonAsync(await _tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative),
            new[] { new { key = returned, value = 56m, source = "BPS Kabupaten Tuban", source_year = 2025 } }), HttpStatusCode.OK);
        var after = await JsonAsync(await _tuban.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/submit", UriKind.Relative), null), HttpStatusCode.OK);
        Assert.That(after.GetProperty("status").GetString(), Is.EqualTo("submitted"));

        queue = await JsonAsync(await _evaluator.GetAsync(new Uri($"/api/v1/periods/{Period}/reviews", UriKind.Relative)), HttpStatusCode.OK);
        var row = queue.EnumerateArray().Single(r => r.GetProperty("region").GetString() == "3523");
        Assert.Multiple(() =>
        {
            Assert.That(row.GetProperty("flags").GetInt32(), Is.EqualTo(after.GetProperty("flags").EnumerateArray().Count(f => !f.GetProperty("informational").GetBoolean())));
            Assert.That(row.GetProperty("information_flags").GetInt32(), Is.EqualTo(1), "the later flag reaches the evaluator as information");
        });
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.QuerySingleAsync<bool>("SELECT informational FROM plausibility_flag WHERE period_code = @Period AND region_code = '3523' AND indicator_key = @Key",
            new { Period, Key = locked }), Is.True);
    }

    [Test]
    public async Task Queue_ListsRegionsThatNeverStarted_AndTheShortLinkKeepsItsFilter()
    {
        var queue = await JsonAsync(await _evaluator.GetAsync(new Uri($"/api/v1/periods/{Period}/reviews", UriKind.Relative)), HttpStatusCode.OK);
        Assert.That(queue.EnumerateArray().Single(r => r.GetProperty("region").GetString() == "3573").GetProperty("status").GetString(), Is.EqualTo("not_started"),
            "Kota Malang entered nothing and is listed as not started");
        Assert.That(queue.GetArrayLength(), Is.EqualTo(6), "every participating region is listed");

        using var page = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        page.DefaultRequestHeaders.Authorization = _evaluator.DefaultRequestHeaders.Authorization;
        using var redirect = await page.GetAsync(new Uri("/reviews?status=not_started", UriKind.Relative));
        Assert.That(redirect.Headers.Location?.ToString(), Does.EndWith("/reviews?status=not_started"));
        var html = await page.GetStringAsync(redirect.Headers.Location);
        Assert.Multiple(() =>
        {
            Assert.That(html, Does.Contain("Kota Malang"));
            Assert.That(html, Does.Contain("Belum mulai"));
            Assert.That(html, Does.Not.Contain(">Kabupaten Tuban<"), "the filter applies");
        });
    }

    [Test]
    public async Task Publish_WaitsForSubmittedAndReturnedRegions_UnlessExcludedWithAReason_AndTheSnapshotHoldsReviewedDataOnly()
    {
        var period = "2027-S1";
        await TestWorld.OpenPeriodAsync(_admin, period, "2027-01-01", "2099-06-30");
        foreach (var region in new[] { "3523", "3578", "3273", "3404" })
        {
            await PeerValueAsync(period, region, "37122:5.1", 40m);
        }

        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            // States set directly: the review itself is tested elsewhere.
            await connection.ExecuteAsync("""
                UPDATE submission SET status = CASE region_code WHEN '3523' THEN 'approved' WHEN '3578' THEN 'submitted' WHEN '3273' THEN 'returned' ELSE 'draft' END, round = 1
                WHERE period_code = @Period
                """, new { Period = period });
        }

        // "Tutup" asks first: the confirmation page names who has not submitted.
        var confirmClose = await (await AdminPageAsync()).GetStringAsync(new Uri($"/admin/periods/{period}/close", UriKind.Relative));
        Assert.That(confirmClose, Does.Contain("Ya, tutup pengisian").And.Contain("Kota Malang"));
        await JsonAsync(await _admin.PostAsync(new Uri($"/api/v1/periods/{period}/close", UriKind.Relative), null), HttpStatusCode.OK);

        var preview = await JsonAsync(await _admin.GetAsync(new Uri($"/api/v1/periods/{period}/publication", UriKind.Relative)), HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(preview.GetProperty("can_publish").GetBoolean(), Is.False);
            Assert.That(preview.GetProperty("regions").EnumerateArray().Select(r => (r.GetProperty("region").GetString(), r.GetProperty("status").GetString())),
                Is.EquivalentTo(new[] { ("3523", "approved"), ("3578", "submitted"), ("3273", "returned"), ("3404", "draft"), ("5103", "not_started"), ("3573", "not_started") }));
        });

        var refused = await JsonAsync(await _admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{period}/publish", UriKind.Relative), new { }), HttpStatusCode.Conflict);
        Assert.That(refused.GetProperty("blocking").EnumerateArray().Select(b => b.GetProperty("region").GetString()), Is.EquivalentTo(new[] { "3578", "3273" }));

        var noReason = await JsonAsync(await _admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{period}/publish", UriKind.Relative),
            new { exclusions = new[] { new { region = "3578", reason = " " }, new { region = "3273", reason = "Perbaikan data belum selesai" } } }), HttpStatusCode.UnprocessableEntity);
        Assert.That(noReason.GetProperty("errors").GetProperty("exclusions.3578")[0].GetString(), Does.Contain("alasan"));

        // The page refuses the same and keeps what was typed.
        using (var page = await AdminPageAsync())
        {
            var form = await page.GetStringAsync(new Uri($"/admin/periods/{period}/publish", UriKind.Relative));
            Assert.That(form, Does.Contain("Menunggu tinjauan").And.Contain("Dikembalikan untuk perbaikan").And.Contain("Belum mulai"));
            using var post = await page.PostAsync(new Uri($"/admin/periods/{period}/publish", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Html.AntiforgeryToken(form),
                ["exclude"] = "3273",
                ["exclude_reason_3273"] = "Perbaikan data belum selesai",
            }));
            var html = await post.Content.ReadAsStringAsync();
            Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(html, Does.Contain("Perbaikan data belum selesai").And.Contain("masih menunggu tinjauan"));
        }

        var published = await JsonAsync(await _admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{period}/publish", UriKind.Relative),
            new { exclusions = new[] { new { region = "3578", reason = "Belum selesai ditinjau" }, new { region = "3273", reason = "Perbaikan data belum selesai" } } }), HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(published.GetProperty("snapshot").GetProperty("regions").GetInt32(), Is.EqualTo(1), "only the approved region is in the snapshot");
            Assert.That(published.GetProperty("included").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "3523" }));
        });

        await using (var connection = new NpgsqlConnection(_connectionString))
        {
            Assert.That(await connection.QueryAsync<string>("SELECT r.region_code FROM score_snapshot_region r JOIN score_snapshot s ON s.id = r.snapshot_id WHERE s.period_code = @Period", new { Period = period }),
                Is.EqualTo(new[] { "3523" }));
            Assert.That(await connection.QueryAsync<(string, string, string)>("SELECT e.region_code, e.status, e.reason FROM publication_exclusion e JOIN score_snapshot s ON s.id = e.snapshot_id WHERE s.period_code = @Period ORDER BY 1", new { Period = period }),
                Is.EqualTo(new[] { ("3273", "returned", "Perbaikan data belum selesai"), ("3578", "submitted", "Belum selesai ditinjau") }));
        }

        using var anonymous = _factory.CreateClient();
        var publicPage = await anonymous.GetStringAsync(new Uri($"/public/periods/{period}", UriKind.Relative));
        Assert.That(publicPage, Does.Contain("Belum selesai ditinjau").And.Contain("dikecualikan"));

        var queue = await JsonAsync(await _evaluator.GetAsync(new Uri($"/api/v1/periods/{period}/reviews", UriKind.Relative)), HttpStatusCode.OK);
        Assert.That(queue.EnumerateArray().ToDictionary(r => r.GetProperty("region").GetString()!, r => r.GetProperty("publication_status").GetString()), Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["3523"] = "published",
            ["3578"] = "excluded",
            ["3273"] = "excluded",
            ["3404"] = "not_submitted",
            ["5103"] = "not_submitted",
            ["3573"] = "not_submitted",
        }));
    }

    private async Task<HttpClient> AdminPageAsync()
    {
        var client = _factory.CreateClient();
        await TestUsers.SignInAsync(client, await TestUsers.CreateAsync(_factory, UserRoles.Admin));
        return client;
    }
}
