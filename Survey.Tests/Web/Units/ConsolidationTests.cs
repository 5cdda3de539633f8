using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Dapper;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Units;

/// <summary>
/// The region consolidates its units' work: units created and imported, an operator of Diskominfo fills what is
/// assigned to it and its own programme, marks ready, the coordinator returns it once, then submits; the evaluator
/// sees both units, the review groups by unit, the region report lists the programmes by unit.
/// </summary>
public sealed class ConsolidationTests
{
    private const string Period = "2026-S2";
    private const string Socorejo = "35.23.12.2002";
    private static readonly string[] Keys = IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).ToArray();

    [Test]
    public async Task UnitsWork_IsMarkedReady_ReturnedOnce_ThenTheRegionSubmits_AndTheEvaluatorAndTheReportSeeItByUnit()
    {
        var connectionString = TestDatabase.CreateMigrated("consolidation");
        await TestWorld.SeedRegionsAsync(connectionString);
        using var factory = new SurveyWebFactory(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        using var tuban = await TestUsers.ApiClientAsync(factory, UserRoles.Coordinator, "3523");
        Uri At(string rest) => new($"/api/v1/periods/{Period}/regions/3523/{rest}", UriKind.Relative);

        // Units: two agencies by hand, the villages from a Kemendagri list.
        (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency", subtype = "dinas" })).EnsureSuccessStatusCode();
        (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISPEMASDES", name = "Dinas Pemberdayaan Masyarakat dan Desa dan KB", kind = "agency", subtype = "dinas" })).EnsureSuccessStatusCode();
        using (var csv = new StringContent($"code,name\n{Socorejo},Socorejo\n35.23.12.2001,Karangasem\n35.23.12.2003,Temaji\n", Encoding.UTF8, "text/csv"))
        using (var imported = await tuban.PostAsync(new Uri("/api/v1/regions/3523/units/import", UriKind.Relative), csv))
        {
            Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK), await imported.Content.ReadAsStringAsync());
        }

        (await tuban.PutAsJsonAsync(At("indicator-assignments"), new[] { new { key = "37122:10.2", unit = "DISKOMINFO" }, new { key = "37122:10.3", unit = "DISKOMINFO" } })).EnsureSuccessStatusCode();

        // Socorejo's Desa Digital: owned by the village, with the agency beside it and two villages replicating it.
        using var desaDigital = await tuban.PostAsJsonAsync(At("programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Desa Digital Socorejo",
            maturity_level = 3,
            justification = "Prototipe desa digital",
            start_year = 2023,
            unit = Socorejo,
            co_units = new[] { "DISPEMASDES" },
            replications = new object[] { new { unit = "35.23.12.2001", since = "2025-03-01", status = "running" }, new { unit = "35.23.12.2003", status = "planned" } },
            risks = Array.Empty<object>(),
        });
        Assert.That(desaDigital.StatusCode, Is.EqualTo(HttpStatusCode.Created), await desaDigital.Content.ReadAsStringAsync());
        var socorejoProgramme = await desaDigital.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(socorejoProgramme.GetProperty("co_units")[0].GetString(), Is.EqualTo("DISPEMASDES"));
            Assert.That(socorejoProgramme.GetProperty("replications").GetArrayLength(), Is.EqualTo(2));
            Assert.That(socorejoProgramme.GetProperty("replications")[0].GetProperty("since").GetString(), Is.EqualTo("2025-03-01"));
        });

        using (var badReplication = await tuban.PostAsJsonAsync(At("programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Replikasi salah",
            maturity_level = 2,
            justification = "x",
            unit = Socorejo,
            co_units = new[] { Socorejo },
            replications = new object[] { new { unit = "35.24.01.2001", status = "ongoing" } },
            risks = Array.Empty<object>(),
        }))
        {
            var body = await badReplication.Content.ReadAsStringAsync();
            Assert.That(badReplication.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(body, Does.Contain("co_units").And.Contain("replications[0].status").And.Contain("replications[0].unit"));
        }

        (await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
            new { email = "operator.kominfo@test.go.id", name = "Operator Diskominfo", role = "unit_operator", region = "3523", unit = "DISKOMINFO", password = TestUsers.Password })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
            new { email = "operator.socorejo@test.go.id", name = "Operator Socorejo", role = "unit_operator", region = "3523", unit = Socorejo, password = TestUsers.Password })).EnsureSuccessStatusCode();
        using var kominfo = await OperatorAsync(factory, "operator.kominfo@test.go.id");
        using var village = await OperatorAsync(factory, "operator.socorejo@test.go.id");

        // The operator's day: the assigned values, its own programme; refused elsewhere.
        (await kominfo.PutAsJsonAsync(At("indicator-values"), new[] { new { key = "37122:10.2", value = 64.5, source = "Diskominfo Tuban" } })).EnsureSuccessStatusCode();
        using var notAssigned = await kominfo.PutAsJsonAsync(At("indicator-values"), new[] { new { key = "37122:5.1", value = 10, source = "Diskominfo Tuban" } });
        using var othersProgramme = await kominfo.PutAsJsonAsync(At($"programmes/{socorejoProgramme.GetProperty("id").GetString()}"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Diambil alih",
            maturity_level = 4,
            justification = "x",
            version = socorejoProgramme.GetProperty("version").GetInt32(),
            risks = Array.Empty<object>(),
        });
        using var own = await kominfo.PostAsJsonAsync(At("programmes"), new
        {
            dimension = "governance",
            element = "pelayanan-publik",
            name = "Satu Data Tuban",
            maturity_level = 2,
            justification = "Portal data terbuka",
            risks = new[] { new { title = "Data OPD terlambat", likelihood = 3, impact = 4, mitigation = "Jadwal rilis data", owner = "Diskominfo" } },
        });
        Assert.Multiple(() =>
        {
            Assert.That(notAssigned.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(othersProgramme.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "Socorejo's programme is not Diskominfo's");
            Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });

        // Ready only when every assigned indicator is answered; only for the operator's own unit.
        using (var early = await kominfo.PostAsync(At("units/DISKOMINFO/ready"), null))
        {
            var body = await early.Content.ReadAsStringAsync();
            Assert.That(early.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
            Assert.That(body, Does.Contain("37122:10.3").And.Contain("tanpa nilai"), "the message names what is missing, in Indonesian");
        }

        using (var notMine = await village.PostAsync(At("units/DISKOMINFO/ready"), null))
        {
            Assert.That(notMine.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        }

        (await kominfo.PutAsJsonAsync(At("indicator-values"), new[] { new { key = "37122:10.3", not_available_reason = "Survei BPS belum terbit" } })).EnsureSuccessStatusCode();
        using (var ready = await kominfo.PostAsync(At("units/DISKOMINFO/ready"), null))
        {
            var body = await ready.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("ready").GetBoolean(), Is.True);
        }

        using (var heldBack = await kominfo.PutAsJsonAsync(At("indicator-values"), new[] { new { key = "37122:10.2", value = 70, source = "Diskominfo Tuban" } }))
        {
            Assert.That(heldBack.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a ready contribution changes only after a return");
        }

        var progress = await tuban.GetFromJsonAsync<JsonElement>(At("units"));
        var diskominfo = progress.EnumerateArray().Single(u => u.GetProperty("code").GetString() == "DISKOMINFO");
        Assert.Multiple(() =>
        {
            Assert.That(diskominfo.GetProperty("indicators_assigned").GetInt32(), Is.EqualTo(2));
            Assert.That(diskominfo.GetProperty("indicators_filled").GetInt32(), Is.EqualTo(2));
            Assert.That(diskominfo.GetProperty("programmes").GetInt32(), Is.EqualTo(1));
            Assert.That(diskominfo.GetProperty("risks").GetInt32(), Is.EqualTo(1));
            Assert.That(diskominfo.GetProperty("status").GetString(), Is.EqualTo("ready"));
            Assert.That(diskominfo.GetProperty("last_change").GetProperty("by").GetString(), Is.EqualTo("Operator Diskominfo"));
            Assert.That(progress.EnumerateArray().Select(u => u.GetProperty("code").GetString()), Does.Contain(Socorejo), "the village owns a programme and has an operator");
            Assert.That(progress.EnumerateArray().Select(u => u.GetProperty("code").GetString()), Does.Not.Contain("35.23.12.2003"), "a village without work is listed only with ?all=true");
        });

        // The coordinator returns it once, with a reason; the operator is told.
        using (var noReason = await tuban.PostAsJsonAsync(At("units/DISKOMINFO/return"), new { reason = " " }))
        {
            Assert.That(noReason.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        }

        using (var byOperator = await kominfo.PostAsJsonAsync(At("units/DISKOMINFO/return"), new { reason = "sendiri" }))
        {
            Assert.That(byOperator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "only the coordinator returns");
        }

        using (var returned = await tuban.PostAsJsonAsync(At("units/DISKOMINFO/return"), new { reason = "Nilai 10.2 harus dari laporan 2026, bukan 2025" }))
        {
            var body = await returned.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That(returned.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("returned"));
            Assert.That(body.GetProperty("reason").GetString(), Does.Contain("laporan 2026"));
        }

        using (var twice = await tuban.PostAsJsonAsync(At("units/DISKOMINFO/return"), new { reason = "lagi" }))
        {
            Assert.That(twice.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "a contribution that is not ready cannot be returned");
        }

        await using (var db = new NpgsqlConnection(connectionString))
        {
            var told = await db.ExecuteScalarAsync<string>(
                "SELECT n.text_id FROM notification n JOIN app_user u ON u.id = n.user_id WHERE u.email = 'operator.kominfo@test.go.id' AND n.kind = 'unit_returned'");
            Assert.That(told, Does.Contain("laporan 2026"), "the operator is notified with the reason");
            var audited = await db.QueryAsync<string>("SELECT action FROM audit_event WHERE entity = 'unit_contribution' AND entity_key = 'DISKOMINFO' ORDER BY id");
            Assert.That(audited, Is.EqualTo(new[] { "ready", "return" }));
        }

        (await kominfo.PutAsJsonAsync(At("indicator-values"), new[] { new { key = "37122:10.2", value = 66.1, source = "Diskominfo Tuban", source_year = 2026 } })).EnsureSuccessStatusCode();
        (await kominfo.PostAsync(At("units/DISKOMINFO/ready"), null)).EnsureSuccessStatusCode();

        // The coordinator answers the rest and submits the region.
        var rest = Keys.Where(k => k is not "37122:10.2" and not "37122:10.3").Select(k => new { key = k, not_available_reason = "Data belum dikumpulkan" }).ToArray();
        (await tuban.PutAsJsonAsync(At("indicator-values"), rest)).EnsureSuccessStatusCode();
        using (var submitted = await tuban.PostAsync(At("submit"), null))
        {
            Assert.That(submitted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await submitted.Content.ReadAsStringAsync());
        }

        using (var afterSubmit = await village.PostAsync(At($"units/{Socorejo}/ready"), null))
        {
            Assert.That(afterSubmit.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "nothing changes once the region is submitted");
        }

        // The evaluator sees both units, the review page grouped by unit, the report's programmes by unit.
        var evaluatorEmail = await TestUsers.CreateAsync(factory, UserRoles.Evaluator);
        using var evaluator = factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(evaluator, evaluatorEmail);
        using var evaluatorApi = await TestUsers.ApiClientAsync(factory, UserRoles.Evaluator);
        var seen = await evaluatorApi.GetFromJsonAsync<JsonElement>(At("units"));
        Assert.That(seen.EnumerateArray().Select(u => u.GetProperty("code").GetString()), Is.SupersetOf(new[] { "DISKOMINFO", Socorejo }));
        var review = await evaluator.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/review", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(review, Does.Contain("<h2 id=\"d-u-DISKOMINFO\" class=\"h4\">Dinas Komunikasi dan Informatika</h2>"));
            Assert.That(review, Does.Contain("id=\"d-u-35-23-12-2002\""), "Socorejo's programme is under the village");
            Assert.That(review, Does.Contain("Tanpa unit"));
        });
        var submitPage = System.Net.WebUtility.HtmlDecode(await evaluator.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/submit", UriKind.Relative)));
        Assert.That(submitPage, Does.Contain("Kontribusi unit").And.Match(@"\d dari \d unit sudah siap"), "the submit page tells how far the units are");
        var unitPage = await evaluator.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/units/DISKOMINFO", UriKind.Relative));
        Assert.That(unitPage, Does.Contain("Satu Data Tuban").And.Contain("Siap").And.Contain("Kontribusi Dinas Komunikasi dan Informatika dikembalikan"));

        using var report = await evaluator.GetAsync(new Uri($"/periods/{Period}/regions/3523/report.xlsx", UriKind.Relative));
        Assert.That(report.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var workbook = new XLWorkbook(await report.Content.ReadAsStreamAsync());
        var byUnit = workbook.Worksheet("Program per unit");
        var rows = byUnit.RowsUsed().Skip(1).Select(r => (Unit: r.Cell(1).GetString(), Programme: r.Cell(7).GetString(), Role: r.Cell(8).GetString(), Replications: r.Cell(14).GetString())).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(rows, Does.Contain(("Dinas Komunikasi dan Informatika", "Satu Data Tuban", "Pemilik", string.Empty)));
            Assert.That(rows.Single(r => r.Unit == "Socorejo").Programme, Is.EqualTo("Desa Digital Socorejo"));
            Assert.That(rows.Single(r => r.Unit == "Socorejo").Replications, Does.Contain("Karangasem (Berjalan, 1 Mar 2025)").And.Contain("Temaji (Direncanakan)"));
            Assert.That(rows.Single(r => r.Unit == "Karangasem").Role, Does.StartWith("Tempat replikasi"));
            Assert.That(rows.Single(r => r.Unit == "Dinas Pemberdayaan Masyarakat dan Desa dan KB").Role, Does.StartWith("Pendamping"));
        });

        // The review history speaks of names, not codes: the dimension and the units by name, the year as a year, no ids.
        var created = workbook.Worksheet("Riwayat tinjauan").RowsUsed().Select(r => r.Cell(5).GetString()).First(v => v.Contains("Desa Digital Socorejo", StringComparison.Ordinal) && v.Contains("Tahun mulai", StringComparison.Ordinal));
        var riskRow = workbook.Worksheet("Riwayat tinjauan").RowsUsed().Select(r => r.Cell(5).GetString()).First(v => v.Contains("Data OPD terlambat", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(created, Does.Contain("Tahun mulai: 2023").And.Contain("Tata Kelola Cerdas").And.Contain("Unit: Socorejo").And.Not.Contain("governance"));
            Assert.That(riskRow, Does.Contain("Program: Satu Data Tuban").And.Not.Contain("programme"));
        });

        var region = await evaluator.GetStringAsync(new Uri("/regions/3523", UriKind.Relative));
        Assert.That(region, Does.Contain("Sebaran program unggulan").And.Contain("Desa Digital Socorejo"));
    }

    private static async Task<HttpClient> OperatorAsync(SurveyWebFactory factory, string email)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(client, email));
        return client;
    }
}
