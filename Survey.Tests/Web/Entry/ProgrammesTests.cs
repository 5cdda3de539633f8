using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Entry;

public sealed class ProgrammesTests
{
    private SurveyWebFactory _factory = null!;
    private HttpClient _admin = null!;
    private HttpClient _tuban = null!;
    private string _tubanEmail = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        var connectionString = TestDatabase.CreateMigrated("programmes");
        _factory = new SurveyWebFactory(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString);

        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        foreach (var code in new[] { "2025-S2", "2026-S1" })
        {
            await TestWorld.OpenPeriodAsync(_admin, code, "2025-07-01", "2026-06-30");
        }

        _tubanEmail = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        _tuban = _factory.CreateClient();
        _tuban.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(_tuban, _tubanEmail));
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _admin.Dispose();
        _tuban.Dispose();
        _factory.Dispose();
    }

    private static object Programme(string name, int level, params object[] risks) => new
    {
        dimension = "governance",
        element = "pelayanan-publik",
        name,
        agency = "Diskominfo",
        start_year = 2024,
        budget = 1_250_000_000,
        maturity_level = level,
        justification = "SOP dan laporan kinerja tersedia",
        risks,
    };

    [Test]
    public async Task Put_ValidProgrammes_AreStoredWithRiskRatingAndBand()
    {
        using var put = await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2025-S2/regions/3523/programmes", UriKind.Relative), new[]
        {
            Programme("Tuban Smart Service", 3, new { title = "Server down", likelihood = 4, impact = 5, mitigation = "Cadangan di pusat data", owner = "Diskominfo" }),
            Programme("Lapor Bupati", 2),
        });

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        using var body = JsonDocument.Parse(await _tuban.GetStringAsync(new Uri("/api/v1/periods/2025-S2/regions/3523/programmes", UriKind.Relative)));
        var service = body.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Tuban Smart Service");
        var risk = service.GetProperty("risks")[0];
        Assert.That(risk.GetProperty("rating").GetInt32(), Is.EqualTo(20));
        Assert.That(risk.GetProperty("band").GetString(), Is.EqualTo("extreme"));
        Assert.That(service.GetProperty("budget").GetDecimal(), Is.EqualTo(1_250_000_000m));
    }

    [Test]
    public async Task Put_InvalidMaturityAndLikelihood_Is422AndSavesNothing()
    {
        using var put = await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/programmes", UriKind.Relative), new[]
        {
            Programme("Program Valid", 2),
            Programme("Program Salah", 6, new { title = "Risiko", likelihood = 0, impact = 3 }),
        });

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var body = await put.Content.ReadAsStringAsync();
        Assert.That(body, Does.Contain("items[1].maturity_level").And.Contain("items[1].risks[0].likelihood"));
        var list = await _tuban.GetStringAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/programmes", UriKind.Relative));
        Assert.That(list, Does.Not.Contain("Program Valid"));
    }

    [Test]
    public async Task CarryOver_CopiesTheProgrammesAndRisksOfThePreviousPeriodOnce()
    {
        await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2025-S2/regions/3523/programmes", UriKind.Relative), new[]
        {
            Programme("Tuban Smart Service", 3, new { title = "Server down", likelihood = 4, impact = 5 }),
            Programme("Lapor Bupati", 2),
        });

        using var first = await _tuban.PostAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/programmes/carry-over", UriKind.Relative), null);
        using var second = await _tuban.PostAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/programmes/carry-over", UriKind.Relative), null);

        Assert.That(await first.Content.ReadAsStringAsync(), Is.EqualTo("{\"copied\":2}"));
        Assert.That(await second.Content.ReadAsStringAsync(), Is.EqualTo("{\"copied\":0}"), "nothing is copied twice");
        using var body = JsonDocument.Parse(await _tuban.GetStringAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/programmes", UriKind.Relative)));
        var copied = body.RootElement.EnumerateArray().ToList();
        Assert.That(copied.Select(p => p.GetProperty("name").GetString()), Is.EquivalentTo(new[] { "Tuban Smart Service", "Lapor Bupati" }));
        Assert.That(copied.Single(p => p.GetProperty("name").GetString() == "Tuban Smart Service").GetProperty("risks").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task Put_AnotherRegion_Is403()
    {
        using var put = await _tuban.PutAsJsonAsync(new Uri("/api/v1/periods/2026-S1/regions/3578/programmes", UriKind.Relative), new[] { Programme("Program Surabaya", 2) });

        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task Form_EvidenceFile_ExecutableIsRefused_RealPdfIsAttached()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tubanEmail);
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/programmes/new", UriKind.Relative)));
        MultipartFormDataContent Form(string fileName, byte[] file)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent("living"), "Dimension" },
                { new StringContent("mobilitas"), "Element" },
                { new StringContent("Bus Trans Tuban"), "Name" },
                { new StringContent("2"), "MaturityLevel" },
                { new StringContent("Rute uji coba berjalan"), "Justification" },
            };
            form.Add(new ByteArrayContent(file), "File", fileName);
            return form;
        }

        using var refused = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/programmes/save", UriKind.Relative), Form("sk.pdf", Survey.Tests.Domain.Submissions.EvidenceFilesTests.Executable));
        var html = await refused.Content.ReadAsStringAsync();
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Isi berkas tidak sesuai").And.Contain("value=\"Bus Trans Tuban\""));

        using var saved = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/programmes/save", UriKind.Relative), Form("sk.pdf", Survey.Tests.Domain.Submissions.EvidenceFilesTests.Pdf));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var body = JsonDocument.Parse(await _tuban.GetStringAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/programmes", UriKind.Relative)));
        var id = body.RootElement.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Bus Trans Tuban").GetProperty("id").GetString();
        var edit = await client.GetStringAsync(new Uri($"/periods/2026-S1/regions/3523/programmes/{id}", UriKind.Relative));
        Assert.That(edit, Does.Contain(">sk.pdf</a>"));
    }

    [Test]
    public async Task Form_SaveWithAnError_KeepsTheInputAndShowsTheMessage()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tubanEmail);
        var page = await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/programmes/new", UriKind.Relative));

        using var response = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/programmes/save", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["Dimension"] = "economy",
            ["Element"] = "industri",
            ["Name"] = "Pasar Digital Tuban",
            ["Budget"] = "2.500.000.000",
            ["MaturityLevel"] = "3",
            ["Justification"] = "",
            ["Risks[0].Title"] = "Minat pedagang rendah",
            ["Risks[0].Likelihood"] = "3",
            ["Risks[0].Impact"] = "4",
        }));
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("Penjelasan wajib diisi."));
        Assert.That(html, Does.Contain("value=\"Pasar Digital Tuban\"").And.Contain("value=\"2.500.000.000\"").And.Contain("value=\"Minat pedagang rendah\""));
    }

    [Test]
    public async Task Form_DimensionAndElementAreOneChoice_KeptOnError_AndAMismatchIsNamedAtTheField()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tubanEmail);
        var page = await client.GetStringAsync(new Uri("/periods/2026-S1/regions/3523/programmes/new", UriKind.Relative));
        Assert.That(page, Does.Not.Contain("name=\"Dimension\""), "no second list that could disagree with the element");
        Assert.That(page, Does.Contain("<option value=\"economy/industri\">"));

        using var kept = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/programmes/save", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["DimensionElement"] = "economy/industri",
            ["Name"] = "Pasar Digital Tuban",
            ["MaturityLevel"] = "3",
        }));
        var html = await kept.Content.ReadAsStringAsync();
        Assert.That(kept.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(html, Does.Contain("<option value=\"economy/industri\" selected=\"selected\">"), "the choice survives the error");
        Assert.That(html, Does.Not.Contain("Elemen wajib diisi"));

        using var mismatch = await client.PostAsync(new Uri("/periods/2026-S1/regions/3523/programmes/save", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["Dimension"] = "governance",
            ["Element"] = "industri",
            ["Name"] = "Pasar Digital Tuban",
            ["MaturityLevel"] = "3",
            ["Justification"] = "Sudah berjalan",
        }));
        var refused = System.Net.WebUtility.HtmlDecode(await mismatch.Content.ReadAsStringAsync());
        Assert.That(mismatch.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(refused, Does.Contain("Elemen industri bukan bagian dari dimensi"));
        Assert.That(refused, Does.Contain("id=\"p-element-err\""));
    }
}
