using System.Net;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Entry;

/// <summary>The coordinator's form through HTTP, as a browser without JavaScript uses it.</summary>
public sealed class EntryFormTests
{
    private const string Page = "/periods/2026-S1/regions/3523/entry/environment";
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private string _tuban = null!;
    private string _tubanTwo = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("entry-form");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);

        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1", "2026-01-01", "2026-06-30");
        _tuban = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        _tubanTwo = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, email);
        return client;
    }

    private static FormUrlEncodedContent Form(string token, params (string Key, string Value, string Source, int Version)[] items)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        for (var i = 0; i < items.Length; i++)
        {
            fields.Add(new($"items[{i}].Key", items[i].Key));
            fields.Add(new($"items[{i}].Value", items[i].Value));
            fields.Add(new($"items[{i}].Source", items[i].Source));
            fields.Add(new($"items[{i}].Version", items[i].Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return new FormUrlEncodedContent(fields);
    }

    [Test]
    public async Task Save_WithAMistake_ShowsTheMessageKeepsEveryInput_SavesTheValidRows_ThenSavesDecimalComma()
    {
        using var client = await SignedInAsync(_tuban);
        var page = await client.GetStringAsync(new Uri(Page, UriKind.Relative));
        var token = Html.AntiforgeryToken(page);

        using var bad = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, ("37122:7.6", "12,5", "DLH Tuban", 0), ("37122:7.7", "120", "PLN", 0), ("37122:7.9", "abc", "PLN", 0)));
        var html = System.Net.WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync());

        Assert.That(bad.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Persentase harus antara 0 dan 100 (tertulis 120)."));
        Assert.That(html, Does.Contain("Nilai bukan angka yang valid"));
        Assert.That(html, Does.Contain("value=\"12,5\"").And.Contain("value=\"120\"").And.Contain("value=\"abc\"").And.Contain("value=\"DLH Tuban\""));
        // A draft is never lost: the valid row is saved, the page says so and carries its new version.
        Assert.That(html, Does.Contain("isian itu belum disimpan").And.Contain("Isian lain di halaman ini tersimpan (1 indikator berubah)."));
        Assert.That(html, Does.Not.Contain("Tidak ada yang disimpan"));
        Assert.That(System.Text.RegularExpressions.Regex.Match(html, "data-key=\"37122:7.6\"[\\s\\S]*?name=\"items\\[\\d+\\]\\.Version\" value=\"(\\d+)\"").Groups[1].Value, Is.EqualTo("1"));
        Assert.That(System.Text.RegularExpressions.Regex.Match(html, "data-key=\"37122:7.7\"[\\s\\S]*?name=\"items\\[\\d+\\]\\.Version\" value=\"(\\d+)\"").Groups[1].Value, Is.EqualTo("0"));
        await using (var connection = new Npgsql.NpgsqlConnection(_connectionString))
        {
            var stored = await Dapper.SqlMapper.QueryAsync<string>(connection, "SELECT indicator_key FROM indicator_value WHERE period_code = '2026-S1' AND region_code = '3523' AND indicator_key IN ('37122:7.6', '37122:7.7', '37122:7.9')");
            Assert.That(stored, Is.EqualTo(new[] { "37122:7.6" }));
        }

        using var good = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, ("37122:7.6", "12,5", "DLH Tuban", 1), ("37122:7.7", "1.234,5", "PLN", 0)));
        Assert.That(good.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "1.234,5 is above 100 %");
        using var saved = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, ("37122:7.6", "12,75", "DLH Tuban", 1)));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = await client.GetStringAsync(new Uri(Page, UriKind.Relative));
        Assert.That(after, Does.Contain("value=\"12,75\"").And.Contain("Tersimpan (1 indikator berubah)"));

        using var again = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, ("37122:7.6", "12,75", "DLH Tuban", 2)));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await client.GetStringAsync(new Uri(Page, UriKind.Relative)), Does.Contain("Semua isian di halaman ini sudah tersimpan."), "after an autosave, Simpan says what is saved");
    }

    [Test]
    public async Task Autosave_ValueBeforeItsSource_IsSavedAsADraft_TheSubmitChecklistAsksForTheSource()
    {
        using var client = await SignedInAsync(_tuban);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));
        async Task<(HttpStatusCode Status, string Body)> AutosaveAsync(Dictionary<string, string> fields)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/periods/2026-S1/regions/3523/entry/autosave", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("RequestVerificationToken", token);
            using var response = await client.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var first = await AutosaveAsync(new() { ["Key"] = "37122:8.2", ["Value"] = "3,5", ["Version"] = "0" });
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body);
        Assert.That(first.Body, Does.Contain("\"saved\":true").And.Contain("\"version\":1"));

        var refused = await AutosaveAsync(new() { ["Key"] = "37122:8.2", ["Value"] = "3,5", ["SourceYear"] = "abcd", ["Version"] = "1" });
        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        using (var json = System.Text.Json.JsonDocument.Parse(refused.Body))
        {
            Assert.That(json.RootElement.GetProperty("message").GetString(), Is.EqualTo("Belum tersimpan: perbaiki isian yang ditandai."));
            Assert.That(json.RootElement.GetProperty("errors").GetProperty("source_year")[0].GetString(), Does.Contain("Tahun data"));
        }

        var checklist = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/submit", UriKind.Relative)));
        Assert.That(checklist, Does.Contain("Sumber data (OPD) wajib diisi untuk nilai yang dilaporkan."));

        var complete = await AutosaveAsync(new() { ["Key"] = "37122:8.2", ["Value"] = "3,5", ["Source"] = "Dinkes", ["SourceDocument"] = "Profil Kesehatan 2025", ["SourceYear"] = "2025", ["Version"] = "1" });
        Assert.That(complete.Status, Is.EqualTo(HttpStatusCode.OK), complete.Body);
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        var row = await Dapper.SqlMapper.QuerySingleAsync<(string Agency, string Document, int Year)>(connection,
            "SELECT source_agency, source_document, source_year FROM indicator_value WHERE period_code = '2026-S1' AND region_code = '3523' AND indicator_key = '37122:8.2'");
        Assert.That(row, Is.EqualTo(("Dinkes", "Profil Kesehatan 2025", 2025)));
    }

    [Test]
    public async Task Save_ConcurrentEdit_SecondEditorSeesTheChangeKeepsTheirInputAndDecides()
    {
        using var first = await SignedInAsync(_tuban);
        using var second = await SignedInAsync(_tubanTwo);
        var firstToken = Html.AntiforgeryToken(await first.GetStringAsync(new Uri(Page, UriKind.Relative)));
        var secondToken = Html.AntiforgeryToken(await second.GetStringAsync(new Uri(Page, UriKind.Relative)));

        using var firstSave = await first.PostAsync(new Uri(Page, UriKind.Relative), Form(firstToken, ("37122:8.1", "40", "Dinas PUPR", 0)));
        using var secondSave = await second.PostAsync(new Uri(Page, UriKind.Relative), Form(secondToken, ("37122:8.1", "55", "Dinas PUPR", 0)));
        var html = await secondSave.Content.ReadAsStringAsync();

        Assert.That(firstSave.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(secondSave.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(html, Does.Contain("mengubah indikator ini").And.Contain("menjadi 40"));
        Assert.That(html, Does.Contain("value=\"55\""), "the second editor's input is kept");

        using var overwrite = await second.PostAsync(new Uri(Page, UriKind.Relative), Form(secondToken, ("37122:8.1", "55", "Dinas PUPR", 1)));
        Assert.That(overwrite.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "saving again with the version shown overwrites");
    }

    [Test]
    public async Task Autosave_OneField_AnswersJsonWithTheNewVersion()
    {
        using var client = await SignedInAsync(_tuban);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/periods/2026-S1/regions/3523/entry/autosave", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Key"] = "37122:8.3", ["Value"] = "7,5", ["Source"] = "Dinkes", ["Version"] = "0" }),
        };
        request.Headers.Add("RequestVerificationToken", token);

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("\"saved\":true").And.Contain("\"version\":1"));
    }

    /// <summary>Ends the user's sessions as their expiry would (the session row stays, unexpired by sign-out).</summary>
    private async Task ExpireSessionsAsync(string email)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        await Dapper.SqlMapper.ExecuteAsync(connection, """
            UPDATE auth_session s SET expires_at = now() - interval '1 minute' FROM app_user u WHERE u.id = s.user_id AND u.email = @Email
            """, new { Email = email });
    }

    private async Task<long> KeptPostsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        return await Dapper.SqlMapper.QuerySingleAsync<long>(connection, "SELECT count(*) FROM pending_draft");
    }

    [Test]
    public async Task ExpiredSession_PostIsKeptBeforeSignIn_AndShownBackAfterwards()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var client = await SignedInAsync(email);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));
        await ExpireSessionsAsync(email);

        using var response = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, ("37122:22.1", "17,25", "PDAM Tuban", 0)));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.StartWith("/account/login?ReturnUrl="));
        Assert.That(response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("survey.draft=", StringComparison.Ordinal)), Is.True);
        await TestUsers.SignInAsync(client, email);
        var html = await client.GetStringAsync(new Uri(Page, UriKind.Relative));
        Assert.That(html, Does.Contain("Isian yang Anda ketik saat itu dipulihkan"));
        Assert.That(html, Does.Contain("value=\"17,25\"").And.Contain("value=\"PDAM Tuban\""));
    }

    [Test]
    public async Task Post_WithAForgedCookie_OrWithoutItsAntiforgeryToken_WritesNothing()
    {
        var before = await KeptPostsAsync();
        using var raw = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        for (var i = 0; i < 5; i++)
        {
            using var forged = new HttpRequestMessage(HttpMethod.Post, new Uri(Page, UriKind.Relative))
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["items[0].Key"] = "37122:22.1", ["items[0].Value"] = new string('x', 100_000) }),
            };
            forged.Headers.Add("Cookie", "survey.auth=expired-or-tampered" + i);
            using var answer = await raw.SendAsync(forged);
            Assert.That(answer.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("survey.draft=", StringComparison.Ordinal)), Is.False);
        }

        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var client = await SignedInAsync(email);
        await client.GetStringAsync(new Uri(Page, UriKind.Relative));
        // An expired session with a post that has no (or a wrong) anti-forgery token keeps nothing.
        await ExpireSessionsAsync(email);
        using (var noToken = await client.PostAsync(new Uri(Page, UriKind.Relative), Form("not-the-token", ("37122:22.1", "1", "PDAM", 0))))
        {
            Assert.That(noToken.Headers.TryGetValues("Set-Cookie", out var set) && set.Any(c => c.StartsWith("survey.draft=", StringComparison.Ordinal)), Is.False);
        }

        Assert.That(await KeptPostsAsync(), Is.EqualTo(before), "no row for a forged cookie or a post without its anti-forgery token");
    }

    [Test]
    public async Task ExpiredSession_KeepsAtMostFivePostsPerUser()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var client = await SignedInAsync(email);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri(Page, UriKind.Relative)));
        await ExpireSessionsAsync(email);
        for (var i = 0; i < 8; i++)
        {
            using var response = await client.PostAsync(new Uri(Page, UriKind.Relative), Form(token, ("37122:22.1", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "PDAM", 0)));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        await using var connection = new Npgsql.NpgsqlConnection(_connectionString);
        Assert.That(await Dapper.SqlMapper.QuerySingleAsync<long>(connection, "SELECT count(*) FROM pending_draft d JOIN app_user u ON u.id = d.user_id WHERE u.email = @Email", new { Email = email }), Is.EqualTo(5));
    }

    [Test]
    public async Task Post_WithoutAnySignInCookie_IsNotKept()
    {
        using var raw = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var response = await raw.PostAsync(new Uri(Page, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["items[0].Key"] = "37122:22.1", ["items[0].Value"] = "1" }));

        Assert.That(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("survey.draft=", StringComparison.Ordinal)), Is.False,
            "a cross-site post carries no cookie, so nothing can be planted");
    }

    [Test]
    public async Task Page_ClosedPeriod_IsReadOnly()
    {
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2025-S2", "2025-07-01", "2025-12-31");
        await admin.PostAsync(new Uri("/api/v1/periods/2025-S2/close", UriKind.Relative), null);
        using var client = await SignedInAsync(_tuban);

        var html = await client.GetStringAsync(new Uri("/periods/2025-S2/regions/3523/entry/environment", UriKind.Relative));
        using var post = await client.PostAsync(new Uri("/periods/2025-S2/regions/3523/entry/environment", UriKind.Relative),
            Form(Html.AntiforgeryToken(html), ("37122:8.1", "40", "PUPR", 0)));

        Assert.That(html, Does.Contain("tidak sedang dibuka untuk pengisian").And.Contain("disabled"));
        Assert.That(post.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = await client.GetStringAsync(new Uri("/periods/2025-S2/regions/3523/entry/environment", UriKind.Relative));
        Assert.That(after, Does.Not.Contain("value=\"40\""), "nothing was written into the closed period");
    }

    [Test]
    public async Task Page_AnotherRegion_Is403_AndPostWithoutToken_IsRejected()
    {
        using var client = await SignedInAsync(_tuban);

        using var other = await client.GetAsync(new Uri("/periods/2026-S1/regions/3578/entry/environment", UriKind.Relative));
        using var otherPost = await client.PostAsync(new Uri("/periods/2026-S1/regions/3578/entry/environment", UriKind.Relative), Form("x", ("37122:8.1", "1", "x", 0)));
        using var noToken = await client.PostAsync(new Uri(Page, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["items[0].Key"] = "37122:8.1", ["items[0].Value"] = "1" }));

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(otherPost.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.BadRequest));
        Assert.That(noToken.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task RateIndicator_NamesTheCountAsDenominator_WithAnExample_AndAValueFarBeyondTheGoalpostsIsFlagged()
    {
        using var client = await SignedInAsync(_tuban);
        var page = await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/entry/governance", UriKind.Relative));
        Assert.That(page, Does.Contain("jumlah penduduk (jiwa)").And.Not.Contain("jumlah penduduk / 100.000"));
        Assert.That(page, Does.Contain("pembilang ÷ penyebut × 100.000").And.Contain("1.234,5 ÷ 1.250.000 × 100.000 = 98,76"));

        // Following the old label (the population already divided by 100 000) gives a value no region has.
        using var api = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        using var put = await api.PutAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/indicator-values", UriKind.Relative), new StringContent(
            """[{"key":"37122:10.1","numerator":1234.5,"denominator":12.3,"source":"Diskominfo"}]""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        var status = await api.GetStringAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/status", UriKind.Relative));
        Assert.That(status, Does.Contain("beyond_goalposts").And.Contain("lebih dari sepuluh kali batas metodologi"));
    }
}
