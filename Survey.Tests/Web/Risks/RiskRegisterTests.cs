using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Risks;

/// <summary>The risk register of a programme through HTTP: fields, the analysis from the criteria, the refusals.</summary>
public sealed class RiskRegisterTests
{
    private const string Period = "2026-S2";
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;
    private HttpClient _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("risk-register");
        await TestWorld.SeedRegionsAsync(_connectionString);
        _factory = new SurveyWebFactory(_connectionString);
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        _tuban = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        (await _tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency" })).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _tuban.Dispose();
        _factory.Dispose();
    }

    private static Uri At(string rest) => new($"/api/v1/periods/{Period}/regions/3523/{rest}", UriKind.Relative);

    private static object Programme(string name, object risk) => new
    {
        dimension = "governance",
        element = "pelayanan-publik",
        name,
        maturity_level = 2,
        justification = "Berjalan di dua kecamatan",
        unit = "DISKOMINFO",
        risks = new[] { risk },
    };

    private static object FullRisk(object[]? actions = null, int likelihood = 1, int impact = 5) => new
    {
        type = "negative",
        category = "infrastructure",
        impact_area = "services",
        title = "Jaringan desa terputus",
        @event = "Layanan desa daring tidak dapat diakses",
        cause = "Satu penyedia jaringan tanpa cadangan",
        consequence = "Warga kembali datang ke kantor desa",
        existing_controls = "Perjanjian tingkat layanan dengan penyedia",
        likelihood,
        impact,
        treatment_option = "mitigate",
        actions = actions ?? [new { action = "Pasang jalur cadangan", output = "Jalur kedua aktif", unit = "DISKOMINFO", due = "2026-11-30", cost = 25_000_000 }],
        residual_likelihood = 1,
        residual_impact = 3,
    };

    [Test]
    public async Task ARisk_IsStoredWithItsRegister_AndAnalysedFromTheCriteria()
    {
        using var created = await _tuban.PostAsJsonAsync(At("programmes"), Programme("Desa Digital", FullRisk()));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var programme = await created.Content.ReadFromJsonAsync<JsonElement>();
        var risk = programme.GetProperty("risks")[0];
        Assert.Multiple(() =>
        {
            Assert.That(risk.GetProperty("magnitude").GetInt32(), Is.EqualTo(20), "likelihood 1, impact 5 is 20 in the matrix, not 5");
            Assert.That(risk.GetProperty("level").GetString(), Is.EqualTo("very_high"));
            Assert.That(risk.GetProperty("needs_treatment").GetBoolean(), Is.True);
            Assert.That(risk.GetProperty("residual_magnitude").GetInt32(), Is.EqualTo(5));
            Assert.That(risk.GetProperty("residual_level").GetString(), Is.EqualTo("very_low"));
            Assert.That(risk.GetProperty("event").GetString(), Is.EqualTo("Layanan desa daring tidak dapat diakses"));
            Assert.That(risk.GetProperty("actions")[0].GetProperty("due").GetString(), Is.EqualTo("2026-11-30"));
            Assert.That(risk.GetProperty("actions")[0].GetProperty("cost").GetDecimal(), Is.EqualTo(25_000_000m));
        });

        // The region's list of risks carries the same analysis.
        var list = await _tuban.GetFromJsonAsync<JsonElement>(At("risks"));
        var listed = list.EnumerateArray().Single(r => r.GetProperty("id").GetString() == risk.GetProperty("id").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(listed.GetProperty("programme").GetString(), Is.EqualTo(programme.GetProperty("id").GetString()));
            Assert.That(listed.GetProperty("unit").GetString(), Is.EqualTo("DISKOMINFO"));
            Assert.That(listed.GetProperty("category").GetString(), Is.EqualTo("infrastructure"));
            Assert.That((listed.GetProperty("magnitude").GetInt32(), listed.GetProperty("level").GetString(), listed.GetProperty("needs_treatment").GetBoolean()), Is.EqualTo((20, "very_high", true)));
            Assert.That(listed.GetProperty("residual_magnitude").GetInt32(), Is.EqualTo(5));
            Assert.That(listed.GetProperty("actions").GetArrayLength(), Is.EqualTo(1));
        });

        // Saved again as read, the actions without their ids: the action keeps its id, and nothing is audited.
        var id = programme.GetProperty("id").GetString();
        var actionId = risk.GetProperty("actions")[0].GetProperty("id").GetString();
        var asRead = System.Text.Json.Nodes.JsonNode.Parse(programme.GetRawText())!.AsObject();
        asRead["risks"]![0]!["actions"]![0]!.AsObject().Remove("id");
        await using var connection = new NpgsqlConnection(_connectionString);
        var audits = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity IN ('programme', 'programme_risk')");
        using (var again = await _tuban.PutAsJsonAsync(At($"programmes/{id}"), asRead))
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        }

        var after = (await _tuban.GetFromJsonAsync<JsonElement>(At("programmes"))).EnumerateArray().Single(p => p.GetProperty("id").GetString() == id);
        Assert.That(after.GetProperty("risks")[0].GetProperty("actions")[0].GetProperty("id").GetString(), Is.EqualTo(actionId));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity IN ('programme', 'programme_risk')"), Is.EqualTo(audits), "nothing changed, nothing audited");

        // A changed treatment is audited with the register fields.
        asRead["risks"]![0]!["treatment_option"] = "transfer";
        asRead["version"] = after.GetProperty("version").GetInt32();
        (await _tuban.PutAsJsonAsync(At($"programmes/{id}"), asRead)).EnsureSuccessStatusCode();
        var audited = await connection.ExecuteScalarAsync<string>("SELECT new_value::text FROM audit_event WHERE entity = 'programme_risk' ORDER BY id DESC LIMIT 1");
        Assert.That(audited, Does.Contain("\"treatment_option\": \"transfer\"").Or.Contain("\"treatment_option\":\"transfer\""));
    }

    [Test]
    public async Task BadRegisterInput_IsRefusedWithAClearMessage_AndNothingChanges()
    {
        var cases = new (string Name, object Risk, string Field, string Message)[]
        {
            ("likelihood", FullRisk(likelihood: 6), "risks[0].likelihood", "Kemungkinan harus antara 1 dan 5"),
            ("category", new { title = "X", likelihood = 2, impact = 2, category = "weather" }, "risks[0].category", "Kategori risiko \"weather\" tidak dikenal"),
            ("area", new { title = "X", likelihood = 2, impact = 2, impact_area = "mood" }, "risks[0].impact_area", "Area dampak \"mood\" tidak dikenal"),
            ("option", new { title = "X", likelihood = 2, impact = 2, type = "negative", treatment_option = "exploit" }, "risks[0].treatment_option", "Pilihan penanganan \"exploit\" tidak dikenal"),
            ("type", new { title = "X", likelihood = 2, impact = 2, type = "neutral" }, "risks[0].type", "negatif atau positif"),
            ("no unit", FullRisk([new { action = "Pasang jalur cadangan", due = "2026-11-30" }]), "risks[0].actions[0].unit", "perlu unit penanggung jawab"),
            ("no due", FullRisk([new { action = "Pasang jalur cadangan", unit = "DISKOMINFO" }]), "risks[0].actions[0].due", "perlu tenggat"),
            ("early due", FullRisk([new { action = "Pasang jalur cadangan", unit = "DISKOMINFO", due = "2026-06-30" }]), "risks[0].actions[0].due", "sebelum periode dimulai"),
            ("foreign unit", FullRisk([new { action = "Pasang jalur cadangan", unit = "DINKES", due = "2026-11-30" }]), "risks[0].actions[0].unit", "Unit DINKES tidak ada"),
            ("residual", new { title = "X", likelihood = 2, impact = 2, residual_likelihood = 1 }, "risks[0].residual_impact", "bersama-sama"),
        };
        await using var connection = new NpgsqlConnection(_connectionString);
        var before = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM programme_risk");
        foreach (var (name, risk, field, message) in cases)
        {
            using var response = await _tuban.PostAsJsonAsync(At("programmes"), Programme($"Program {name}", risk));
            var body = await response.Content.ReadAsStringAsync();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), $"{name}: {body}");
            var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
            Assert.That(errors.TryGetProperty(field, out var messages), Is.True, $"{name}: {body}");
            Assert.That(messages[0].GetString(), Does.Contain(message), name);
        }

        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM programme_risk"), Is.EqualTo(before), "nothing was stored");

        // A risk within the appetite may plan an action without a unit or a due date.
        using var low = await _tuban.PostAsJsonAsync(At("programmes"), Programme("Program kecil", new { title = "Pelatihan tertunda", likelihood = 2, impact = 2, actions = new[] { new { action = "Jadwalkan ulang" } } }));
        Assert.That(low.StatusCode, Is.EqualTo(HttpStatusCode.Created), await low.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task TheForm_KeepsTheRegisterAsTyped_OnARefusal_AndSavesIt()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var client = _factory.CreateBrowserLikeClient();
        (await TestUsers.SignInAsync(client, email)).Dispose();
        var page = await client.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/programmes/new", UriKind.Relative));
        Assert.That(page, Does.Contain("Identifikasi, penanganan dan rencana aksi").And.Contain("<option value=\"infrastructure\">Infrastruktur</option>"));
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["DimensionElement"] = "governance/pelayanan-publik",
            ["Name"] = "Satu Data Tuban",
            ["MaturityLevel"] = "2",
            ["Justification"] = "Portal data terbuka",
            ["Unit"] = "DISKOMINFO",
            ["Risks[0].Title"] = "OPD terlambat mengirim data",
            ["Risks[0].Likelihood"] = "4",
            ["Risks[0].Impact"] = "3",
            ["Risks[0].Type"] = "negative",
            ["Risks[0].Category"] = "data",
            ["Risks[0].ImpactArea"] = "performance",
            ["Risks[0].Event"] = "Data sektoral tidak terbit tepat waktu",
            ["Risks[0].TreatmentOption"] = "mitigate",
            ["Risks[0].ResidualLikelihood"] = "2",
            ["Risks[0].ResidualImpact"] = "3",
            ["Risks[0].Actions[0].Action"] = "Jadwal rilis data per OPD",
            ["Risks[0].Actions[0].Output"] = "Kalender rilis",
            ["Risks[0].Actions[0].Due"] = "2026-10-31",
            ["Risks[0].Actions[0].Cost"] = "12.500.000",
        };
        using (var refused = await client.PostAsync(new Uri($"/periods/{Period}/regions/3523/programmes/save", UriKind.Relative), new FormUrlEncodedContent(form)))
        {
            var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(html, Does.Contain("perlu unit penanggung jawab"), "magnitude 16 reaches the appetite: the action needs a unit");
            Assert.That(html, Does.Contain("value=\"Jadwal rilis data per OPD\"").And.Contain("value=\"12.500.000\"").And.Contain("value=\"2026-10-31\"")
                .And.Contain("Data sektoral tidak terbit tepat waktu").And.Contain("<option value=\"data\" selected=\"selected\">"), "what was typed comes back");
            Assert.That(html, Does.Contain("Besaran 16 – Tinggi"));
        }

        form["Risks[0].Actions[0].Unit"] = "DISKOMINFO";
        using (var saved = await client.PostAsync(new Uri($"/periods/{Period}/regions/3523/programmes/save", UriKind.Relative), new FormUrlEncodedContent(form)))
        {
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await saved.Content.ReadAsStringAsync());
        }

        var risks = await _tuban.GetFromJsonAsync<JsonElement>(At("risks"));
        var risk = risks.EnumerateArray().Single(r => r.GetProperty("title").GetString() == "OPD terlambat mengirim data");
        Assert.Multiple(() =>
        {
            Assert.That((risk.GetProperty("magnitude").GetInt32(), risk.GetProperty("level").GetString()), Is.EqualTo((16, "high")));
            Assert.That(risk.GetProperty("residual_magnitude").GetInt32(), Is.EqualTo(11), "likelihood 2, impact 3");
            Assert.That(risk.GetProperty("actions")[0].GetProperty("cost").GetDecimal(), Is.EqualTo(12_500_000m), "id-ID numbers are read as typed");
            Assert.That(risk.GetProperty("actions")[0].GetProperty("unit").GetString(), Is.EqualTo("DISKOMINFO"));
        });
    }
}
