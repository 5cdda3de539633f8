using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Units;

/// <summary>The units of a region through the API and the pages: rules, ownership of data, village import.</summary>
public sealed class UnitsTests
{
    private const string Period = "2026-S2";
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("units");
        await TestWorld.SeedRegionsAsync(_connectionString);
        _factory = new SurveyWebFactory(_connectionString);
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _tuban.Dispose();
        _factory.Dispose();
    }

    private static Uri Units(string region = "3523", string rest = "") => new($"/api/v1/regions/{region}/units{rest}", UriKind.Relative);

    [Test]
    public async Task Agencies_AreAdded_Changed_AndRefusedWithAClearMessage()
    {
        using var created = await _tuban.PostAsJsonAsync(Units(), new { code = "diskominfo", name = "Dinas Komunikasi dan Informatika", kind = "agency", subtype = "dinas", head = "Kepala Dinas", contact = "diskominfo@tubankab.go.id" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var unit = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(unit.GetProperty("code").GetString(), Is.EqualTo("DISKOMINFO"), "short codes are kept in capitals");

        using var duplicate = await _tuban.PostAsJsonAsync(Units(), new { code = "DISKOMINFO", name = "Lagi", kind = "agency" });
        using var foreignVillage = await _tuban.PostAsJsonAsync(Units(), new { code = "35.78.01.1001", name = "Kelurahan Surabaya", kind = "kelurahan" });
        using var unknownKind = await _tuban.PostAsJsonAsync(Units(), new { code = "DINKES", name = "Dinas Kesehatan", kind = "kementerian" });
        using var subtypeOfVillage = await _tuban.PostAsJsonAsync(Units(), new { code = "35.23.12.2002", name = "Socorejo", kind = "desa", subtype = "dinas" });
        using var renamed = await _tuban.PutAsJsonAsync(Units(rest: "/DISKOMINFO"), new { name = "Dinas Kominfo Tuban", kind = "agency", subtype = "dinas" });
        using var codeChange = await _tuban.PutAsJsonAsync(Units(rest: "/DISKOMINFO"), new { code = "KOMINFO", name = "Dinas Kominfo Tuban", kind = "agency" });
        using var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        using var otherRegion = await surabaya.PostAsJsonAsync(Units(), new { code = "BAPPEDA", name = "Bappeda", kind = "agency" });
        using var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        using var byEvaluator = await evaluator.PostAsJsonAsync(Units(), new { code = "BAPPEDA", name = "Bappeda", kind = "agency" });
        var list = await evaluator.GetFromJsonAsync<JsonElement>(Units());

        Assert.Multiple(async () =>
        {
            Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(foreignVillage.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await foreignVillage.Content.ReadAsStringAsync(), Does.Contain("bukan desa/kelurahan di daerah ini").And.Contain("35.23"));
            Assert.That(unknownKind.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await unknownKind.Content.ReadAsStringAsync(), Does.Contain("\"kind\""));
            Assert.That(subtypeOfVillage.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(renamed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(codeChange.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(otherRegion.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's coordinator");
            Assert.That(byEvaluator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(list.EnumerateArray().Select(u => u.GetProperty("name").GetString()), Does.Contain("Dinas Kominfo Tuban"));
        });
        await using var connection = new NpgsqlConnection(_connectionString);
        var actions = (await connection.QueryAsync<string>("SELECT action FROM audit_event WHERE entity = 'unit' AND entity_key = '3523/DISKOMINFO' ORDER BY id")).ToList();
        Assert.That(actions, Is.EqualTo(new[] { "create", "update" }), "every change audited, refusals write nothing");

        var adminEmail = await TestUsers.CreateAsync(_factory, UserRoles.Admin);
        using var adminBrowser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(adminBrowser, adminEmail)).Dispose();
        var trail = System.Net.WebUtility.HtmlDecode(await adminBrowser.GetStringAsync(new Uri("/admin/audit?entity=unit", UriKind.Relative)));
        Assert.That(trail, Does.Contain("Unit Dinas Komunikasi dan Informatika ditambahkan").And.Contain("Unit Dinas Kominfo Tuban diubah: Kepala unit, Nama, Kontak"), "the audit page reads as sentences");
    }

    [Test]
    public async Task TuabansVillages_AreImportedFromTheKemendagriList_WithAPreview_AndAgainChangeNothing()
    {
        var csv = await File.ReadAllTextAsync(Path.Combine(TestContext.CurrentContext.TestDirectory, "demo", "villages-3523.csv"));
        using (var preview = await _tuban.PostAsync(Units(rest: "/import?preview=true"), new StringContent(csv, Encoding.UTF8, "text/csv")))
        {
            var rows = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows");
            Assert.That(rows.GetArrayLength(), Is.EqualTo(328));
            Assert.That(rows.EnumerateArray().All(r => r.GetProperty("status").GetString() == "new"), Is.True);
        }

        Assert.That((await _tuban.GetFromJsonAsync<JsonElement>(Units())).EnumerateArray().Count(u => u.GetProperty("kind").GetString() is "desa" or "kelurahan"), Is.EqualTo(0), "a preview writes nothing");
        using (var imported = await _tuban.PostAsync(Units(rest: "/import"), new StringContent(csv, Encoding.UTF8, "text/csv")))
        {
            var body = await imported.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That((body.GetProperty("added").GetInt32(), body.GetProperty("renamed").GetInt32()), Is.EqualTo((328, 0)), body.ToString());
        }

        using (var again = await _tuban.PostAsync(Units(rest: "/import"), new StringContent(csv, Encoding.UTF8, "text/csv")))
        {
            var body = await again.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That((body.GetProperty("added").GetInt32(), body.GetProperty("renamed").GetInt32()), Is.EqualTo((0, 0)));
        }

        var socorejo = (await _tuban.GetFromJsonAsync<JsonElement>(Units())).EnumerateArray().Single(u => u.GetProperty("name").GetString() == "Socorejo");
        Assert.That((socorejo.GetProperty("kind").GetString(), socorejo.GetProperty("district").GetString()), Is.EqualTo(("desa", "Jenu")));

        // The page lists the 328 villages and narrows them down by district, kind or a word of the name.
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, email)).Dispose();
        var jenu = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/regions/3523/units?group=village&district=Jenu", UriKind.Relative)));
        var byName = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/regions/3523/units?q=socorejo", UriKind.Relative)));
        var agencies = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync(new Uri("/regions/3523/units?group=agency", UriKind.Relative)));
        Assert.Multiple(() =>
        {
            Assert.That(jenu, Does.Contain("Menampilkan 17 dari").And.Contain("35.23.12.2002").And.Not.Contain("35.23.01.2001"));
            Assert.That(byName, Does.Contain("Menampilkan 1 dari").And.Contain("Socorejo"));
            Assert.That(agencies, Does.Contain("Menampilkan").And.Not.Contain("Socorejo"));
        });

        const string Mixed = "code,name\n35.23.01.2099,Desa Baru\n35.78.01.1001,Kelurahan Luar Daerah\n";
        using var refused = await _tuban.PostAsync(Units(rest: "/import"), new StringContent(Mixed, Encoding.UTF8, "text/csv"));
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("line 3"));
        using var onlyValid = await _tuban.PostAsync(Units(rest: "/import?only_valid=true"), new StringContent(Mixed, Encoding.UTF8, "text/csv"));
        Assert.That((await onlyValid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32(), Is.EqualTo(1));
    }

    [Test]
    public async Task AUnitWithAProgramme_IsDeactivatedNotDeleted_AndAProgrammeNeedsAnActiveUnitOfItsRegion()
    {
        using (var bappeda = await _tuban.PostAsJsonAsync(Units(), new { code = "BAPPEDA", name = "Badan Perencanaan Pembangunan Daerah", kind = "agency", subtype = "badan" }))
        {
            Assert.That(bappeda.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        using (var spare = await _tuban.PostAsJsonAsync(Units(), new { code = "BUMD-AIR", name = "Perumda Air Minum", kind = "bumd" }))
        {
            Assert.That(spare.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var programmes = new Uri($"/api/v1/periods/{Period}/regions/3523/programmes", UriKind.Relative);
        object Programme(string unit) => new[] { new { dimension = "governance", element = "pelayanan-publik", name = "Satu Data Tuban", maturity_level = 2, justification = "Portal data", unit, risks = Array.Empty<object>() } };
        using var unknown = await _tuban.PutAsJsonAsync(programmes, Programme("DINSOS"));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("Unit DINSOS tidak ada"));
        using var owned = await _tuban.PutAsJsonAsync(programmes, Programme("bappeda"));
        Assert.That(owned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await owned.Content.ReadAsStringAsync());
        var stored = await _tuban.GetFromJsonAsync<JsonElement>(programmes);
        Assert.That(stored[0].GetProperty("unit").GetString(), Is.EqualTo("BAPPEDA"));

        using var removeOwner = await _tuban.DeleteAsync(Units(rest: "/BAPPEDA"));
        using var removeSpare = await _tuban.DeleteAsync(Units(rest: "/BUMD-AIR"));
        Assert.Multiple(async () =>
        {
            Assert.That((await removeOwner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString(), Is.EqualTo("deactivated"));
            Assert.That((await removeSpare.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString(), Is.EqualTo("deleted"));
        });
        var left = (await _tuban.GetFromJsonAsync<JsonElement>(Units())).EnumerateArray().ToList();
        Assert.That(left.Single(u => u.GetProperty("code").GetString() == "BAPPEDA").GetProperty("active").GetBoolean(), Is.False);
        Assert.That(left.Any(u => u.GetProperty("code").GetString() == "BUMD-AIR"), Is.False);
        using var onDeactivated = await _tuban.PutAsJsonAsync(programmes, Programme("BAPPEDA"));
        Assert.That(onDeactivated.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), "a deactivated unit takes no new programme data");
    }

    [Test]
    public async Task Indicators_AreAssignedToTheUnitThatProducesTheirData_WhoseNameBecomesTheDefaultSource()
    {
        using (var dinkes = await _tuban.PostAsJsonAsync(Units(), new { code = "DINKES", name = "Dinas Kesehatan", kind = "agency", subtype = "dinas" }))
        {
            Assert.That(dinkes.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        }

        var uri = new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-assignments", UriKind.Relative);
        using var unknownKey = await _tuban.PutAsJsonAsync(uri, new[] { new { key = "37122:99.9", unit = "DINKES" } });
        using var unknownUnit = await _tuban.PutAsJsonAsync(uri, new[] { new { key = "37122:10.2", unit = "DINSOS" } });
        using var twice = await _tuban.PutAsJsonAsync(uri, new[] { new { key = "37122:10.2", unit = "DINKES" }, new { key = "37122:10.2", unit = "DINKES" } });
        using var evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        using var byEvaluator = await evaluator.PutAsJsonAsync(uri, new[] { new { key = "37122:10.2", unit = "DINKES" } });
        using var assigned = await _tuban.PutAsJsonAsync(uri, new[] { new { key = "37122:10.2", unit = "dinkes" } });
        Assert.Multiple(() =>
        {
            Assert.That(unknownKey.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(unknownUnit.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(byEvaluator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
        var list = await _tuban.GetFromJsonAsync<JsonElement>(uri);
        Assert.That(list.EnumerateArray().Select(a => (a.GetProperty("key").GetString(), a.GetProperty("unit").GetString())), Is.EqualTo(new[] { ((string?)"37122:10.2", (string?)"DINKES") }));

        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, email)).Dispose();
        var governance = await browser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative));
        Assert.That(governance, Does.Contain("value=\"Dinas Kesehatan\""), "the assigned unit is the default source of 37122:10.2");
        using var removeDinkes = await _tuban.DeleteAsync(Units(rest: "/DINKES"));
        Assert.That((await removeDinkes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString(), Is.EqualTo("deactivated"), "an assigned unit has data");
    }

    [Test]
    public async Task OneProgramme_IsChangedWithTheVersionItWasReadAt_AStaleVersionIs409AndChangesNothing()
    {
        var programmes = $"/api/v1/periods/{Period}/regions/3523/programmes";
        using var created = await _tuban.PostAsJsonAsync(new Uri(programmes, UriKind.Relative),
            new { dimension = "economy", element = "industri", name = "Pasar Digital", maturity_level = 2, justification = "Aplikasi pasar", risks = Array.Empty<object>() });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, version) = (body.GetProperty("id").GetString(), body.GetProperty("version").GetInt32());
        Assert.That(created.Headers.Location?.ToString(), Does.EndWith(id!));

        using var first = await _tuban.PutAsJsonAsync(new Uri($"{programmes}/{id}", UriKind.Relative),
            new { dimension = "economy", element = "industri", name = "Pasar Digital Tuban", maturity_level = 3, justification = "Dipakai 20 pasar", version, risks = Array.Empty<object>() });
        using var stale = await _tuban.PutAsJsonAsync(new Uri($"{programmes}/{id}", UriKind.Relative),
            new { dimension = "economy", element = "industri", name = "Tertimpa", maturity_level = 1, justification = "x", version, risks = Array.Empty<object>() });
        using var unknown = await _tuban.PutAsJsonAsync(new Uri($"{programmes}/{Guid.NewGuid()}", UriKind.Relative),
            new { dimension = "economy", element = "industri", name = "Tidak ada", maturity_level = 1, justification = "x", risks = Array.Empty<object>() });
        Assert.Multiple(async () =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
            Assert.That((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32(), Is.GreaterThan(version));
            Assert.That(stale.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
        var list = await _tuban.GetFromJsonAsync<JsonElement>(new Uri(programmes, UriKind.Relative));
        Assert.That(list.EnumerateArray().Single(p => p.GetProperty("id").GetString() == id).GetProperty("name").GetString(), Is.EqualTo("Pasar Digital Tuban"));
        using var deleted = await _tuban.DeleteAsync(new Uri($"{programmes}/{id}", UriKind.Relative));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task ThePage_ComesBackWithWhatWasTyped_AndAMessageInIndonesian()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var browser = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(browser, email)).Dispose();
        var page = await browser.GetStringAsync(new Uri("/regions/3523/units", UriKind.Relative));
        using var response = await browser.PostAsync(new Uri("/regions/3523/units", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["Kind"] = "desa",
            ["Code"] = "35.78.01.1001",
            ["Name"] = "Kelurahan Luar",
            ["Head"] = "Pak Lurah",
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("bukan desa/kelurahan di daerah ini"));
            Assert.That(html, Does.Contain("value=\"Kelurahan Luar\"").And.Contain("value=\"Pak Lurah\"").And.Contain("value=\"35.78.01.1001\""));
        });
    }
}
