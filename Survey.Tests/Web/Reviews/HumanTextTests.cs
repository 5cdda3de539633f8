using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Reviews;

/// <summary>
/// What people read of the audit trail and of the administration forms, through HTTP: sentences in their language
/// ("Nilai 5.1 … diubah dari 12,5 menjadi 14"), details behind a disclosure, filters by names, no internal codes
/// (entity names, raw JSON, ids), and the period form answering in Indonesian at its fields.
/// </summary>
public sealed partial class HumanTextTests
{
    private const string Period = "2026-S2";
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tubanApi = null!;
    private HttpClient _adminBrowser = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        var connectionString = TestDatabase.CreateMigrated("humantext");
        _connectionString = connectionString;
        _factory = new SurveyWebFactory(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString, TestWorld.Tuban, TestWorld.Surabaya);
        using (var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin))
        {
            await TestWorld.OpenPeriodAsync(admin, Period);
        }

        _tubanApi = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        _adminBrowser = _factory.CreateClient();
        await TestUsers.SignInAsync(_adminBrowser, await TestUsers.CreateAsync(_factory, UserRoles.Admin));
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tubanApi.Dispose();
        _adminBrowser.Dispose();
        _factory.Dispose();
    }

    private async Task PutAsync(params object[] entries)
    {
        using var response = await _tubanApi.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative), entries);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    private static void AssertNoInternalCodes(string html)
    {
        // What is on screen: the text of the main part, without tags and attributes.
        var main = TagPattern().Replace(html[html.IndexOf("<main", StringComparison.Ordinal)..], " ");
        Assert.That(main, Does.Not.Contain("indicator_value").And.Not.Contain("review_mark").And.Not.Contain("· create").And.Not.Contain("status: draft"));
        Assert.That(main, Does.Not.Contain("{&quot;").And.Not.Contain("{\""), "no raw JSON");
        Assert.That(GuidPattern().IsMatch(main), Is.False, "no ids: " + GuidPattern().Match(main).Value);
        Assert.That(main, Does.Not.Contain("(ke-0)"));
    }

    [Test]
    public async Task HistoryAndAudit_SpeakInSentences_WithDetailsBehindADisclosure_AndFilterByNames()
    {
        await PutAsync(new { key = "37122:5.1", value = 12.5m, source = "BPS", source_year = 2025 });
        await PutAsync(new { key = "37122:5.1", value = 14m, source = "BPS", source_year = 2025 });
        await PutAsync(new { key = "37122:5.1", value = 14m, source = "Dinas Pendidikan", source_year = 2025 });
        await PutAsync(new { key = "37122:10.2", not_available_reason = "Belum dikumpulkan" });
        using (var programmes = await _tubanApi.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative), new[]
        {
            new { dimension = "governance", element = "pelayanan-publik", name = "Mal Pelayanan Publik", maturity_level = 4, justification = "SOP tersedia", risks = Array.Empty<object>() },
        }))
        {
            Assert.That(programmes.StatusCode, Is.EqualTo(HttpStatusCode.OK), await programmes.Content.ReadAsStringAsync());
        }

        // The coordinator's own history of the region (a second coordinator of Tuban reads it as a browser would).
        using var coordinator = _factory.CreateClient();
        await TestUsers.SignInAsync(coordinator, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        var history = WebUtility.HtmlDecode(await coordinator.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/history", UriKind.Relative)));
        Assert.That(history, Does.Contain("Nilai 5.1 ").And.Contain("diubah dari 12,5 menjadi 14"));
        Assert.That(history, Does.Contain("Keterangan nilai 5.1").And.Contain("Sumber data (OPD)"));
        Assert.That(history, Does.Contain("Nilai 10.2").And.Contain("ditandai tidak tersedia: Belum dikumpulkan"));
        Assert.That(history, Does.Contain("Menambahkan program “Mal Pelayanan Publik”"));
        Assert.That(history, Does.Contain("<details class=\"audit-details"), "the changed fields are behind a disclosure");
        AssertNoInternalCodes(history);

        // The administrator's trail: the same sentences, filters by names of regions, periods and kinds of data.
        var audit = WebUtility.HtmlDecode(await _adminBrowser.GetStringAsync(new Uri("/admin/audit?region=3523&entity=indicator_value", UriKind.Relative)));
        Assert.That(audit, Does.Contain("diubah dari 12,5 menjadi 14").And.Contain("Kabupaten Tuban"));
        Assert.That(audit, Does.Contain("<option value=\"indicator_value\" selected=\"selected\">Nilai indikator</option>"));
        Assert.That(audit, Does.Contain("<option value=\"3523\" selected=\"selected\">Kabupaten Tuban</option>"));
        Assert.That(audit, Does.Contain($"<option value=\"{Period}\">Semester II 2026</option>"));
        Assert.That(audit, Does.Not.Contain("Menambahkan program"), "the kind filter applies");
        AssertNoInternalCodes(audit);

        // The menu names the page for what it holds.
        Assert.That(audit, Does.Contain("Jejak audit").And.Not.Contain("Audit masuk"));
    }

    [Test]
    public async Task PeriodForm_AnswersInIndonesianAtItsFields_AndKeepsWhatWasTyped_NoEmptyErrorBox()
    {
        var page = await _adminBrowser.GetStringAsync(new Uri("/admin/periods", UriKind.Relative));
        Assert.That(page, Does.Not.Contain("validation-summary-errors"), "no error box before anything was sent");
        Assert.That(await _adminBrowser.GetStringAsync(new Uri("/css/site.css", UriKind.Relative)), Does.Contain(".validation-summary-valid { display: none; }"));

        using var response = await _adminBrowser.PostAsync(new Uri("/admin/periods", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = "2026-S3",
            ["EntryOpens"] = "2026-07-01",
            ["EntryCloses"] = "2026-06-01",
            ["Methodology"] = "v1",
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        }));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Kode periode berbentuk TAHUN-S1 atau TAHUN-S2").And.Contain("Tanggal tutup pengisian tidak boleh sebelum tanggal buka"));
        Assert.That(html, Does.Not.Contain("code must be").And.Not.Contain("entry_closes must").And.Not.Contain("is required"));
        Assert.That(html, Does.Contain("id=\"p-code\" name=\"Code\" value=\"2026-S3\" class=\"form-control is-invalid\""));
        Assert.That(html, Does.Contain("aria-describedby=\"p-code-help p-code-err\""));
        Assert.That(html, Does.Contain("value=\"2026-06-01\""), "the typed dates come back");
    }

    [Test]
    public async Task ReviewPage_ValuesReadToTwoDecimals_StacksOnPhones_AndAcceptsEverythingStillOpenInOneStep()
    {
        var keys = Survey.Data.Catalogue.IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();
        using var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        var entries = keys.Where(k => k != "37122:5.1").Select(k => (object)new { key = k, not_available_reason = "Belum dikumpulkan" }).Append(new { key = "37122:5.1", value = 12.34567m, source = "BPS", source_year = 2025 }).ToList();
        using (var put = await surabaya.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/indicator-values", UriKind.Relative), entries))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        }

        using (var submit = await surabaya.PostAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/submit", UriKind.Relative), null))
        {
            Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.OK), await submit.Content.ReadAsStringAsync());
        }

        using var evaluator = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(evaluator, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator));
        var page = await evaluator.GetStringAsync(new Uri($"/periods/{Period}/regions/3578/review", UriKind.Relative));
        Assert.That(page, Does.Contain("12,35").And.Not.Contain("12,3457"));
        Assert.That(page, Does.Contain("stack-sm").And.Contain("data-label=\"Tinjauan\""));
        Assert.That(page, Does.Contain("value=\"accept_rest\""));

        // As a browser posts the form: every item's mark; one of them returned with a reason.
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(page), ["action"] = "accept_rest" };
        foreach (Match field in StatePattern().Matches(page))
        {
            form[field.Groups[1].Value] = "open";
        }

        form["state:indicator:37122:10.2"] = "returned";
        form["reason:indicator:37122:10.2"] = "Alasan tidak tersedia perlu bukti";
        using var accepted = await evaluator.PostAsync(new Uri($"/periods/{Period}/regions/3578/review", UriKind.Relative), new FormUrlEncodedContent(form));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        var states = (await Dapper.SqlMapper.QueryAsync<(string State, long Count)>(connection,
            "SELECT state, count(*) FROM review_mark WHERE period_code = @Period AND region_code = '3578' GROUP BY state ORDER BY state", new { Period })).ToList();
        Assert.That(states, Is.EqualTo(new[] { ("accepted", (long)keys.Length - 1), ("returned", 1L) }));
        var after = WebUtility.HtmlDecode(await evaluator.GetStringAsync(new Uri($"/periods/{Period}/regions/3578/review", UriKind.Relative)));
        Assert.That(after, Does.Contain($"{keys.Length - 1} butir yang belum ditinjau ditandai diterima."));
    }

    [GeneratedRegex("name=\"(state:[^\"]+)\"")]
    private static partial Regex StatePattern();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex TagPattern();
}
