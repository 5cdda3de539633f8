using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Units;

/// <summary>A unit operator changes only what belongs to the unit, reads the region's data, and cannot submit.</summary>
public sealed class UnitOperatorTests
{
    private const string Period = "2026-S2";

    [Test]
    public async Task AnOperatorOfDiskominfo_FillsItsAssignedValues_AndItsOwnProgramme_AndIsRefusedEverythingElse()
    {
        var connectionString = TestDatabase.CreateMigrated("unit-operator");
        await TestWorld.SeedRegionsAsync(connectionString);
        using var factory = new SurveyWebFactory(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        using var tuban = await TestUsers.ApiClientAsync(factory, UserRoles.Coordinator, "3523");
        string Base(string rest) => $"/api/v1/periods/{Period}/regions/3523/{rest}";
        (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency", subtype = "dinas" })).EnsureSuccessStatusCode();
        (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "35.23.12.2002", name = "Socorejo", kind = "desa" })).EnsureSuccessStatusCode();
        (await tuban.PutAsJsonAsync(new Uri(Base("indicator-assignments"), UriKind.Relative), new[] { new { key = "37122:10.2", unit = "DISKOMINFO" } })).EnsureSuccessStatusCode();
        using var villageProgramme = await tuban.PostAsJsonAsync(new Uri(Base("programmes"), UriKind.Relative),
            new { dimension = "governance", element = "pelayanan-publik", name = "Desa Digital Socorejo", maturity_level = 3, justification = "Prototipe desa digital", unit = "35.23.12.2002", risks = Array.Empty<object>() });
        Assert.That(villageProgramme.StatusCode, Is.EqualTo(HttpStatusCode.Created), await villageProgramme.Content.ReadAsStringAsync());
        var socorejoId = (await villageProgramme.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using (var created = await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
            new { email = "operator.kominfo@test.go.id", name = "Operator Diskominfo", role = "unit_operator", region = "3523", unit = "DISKOMINFO", password = TestUsers.Password }))
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
            Assert.That((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unit").GetString(), Is.EqualTo("DISKOMINFO"));
        }

        using (var noUnit = await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
            new { email = "operator.tanpa.unit@test.go.id", name = "Tanpa Unit", role = "unit_operator", region = "3523", password = TestUsers.Password }))
        {
            Assert.That(noUnit.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        }

        using var operatorClient = factory.CreateClient();
        operatorClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(operatorClient, "operator.kominfo@test.go.id"));

        using var assignedValue = await operatorClient.PutAsJsonAsync(new Uri(Base("indicator-values"), UriKind.Relative), new[] { new { key = "37122:10.2", value = 64.5, source = "Diskominfo Tuban" } });
        using var otherValue = await operatorClient.PutAsJsonAsync(new Uri(Base("indicator-values"), UriKind.Relative), new[] { new { key = "37122:5.1", value = 10, source = "Diskominfo Tuban" } });
        using var ownProgramme = await operatorClient.PostAsJsonAsync(new Uri(Base("programmes"), UriKind.Relative),
            new { dimension = "governance", element = "pelayanan-publik", name = "Satu Data Tuban", maturity_level = 2, justification = "Portal data terbuka", risks = Array.Empty<object>() });
        using var villagesProgramme = await operatorClient.PutAsJsonAsync(new Uri(Base($"programmes/{socorejoId}"), UriKind.Relative),
            new { dimension = "governance", element = "pelayanan-publik", name = "Diambil alih", maturity_level = 4, justification = "x", risks = Array.Empty<object>() });
        using var deleteVillages = await operatorClient.DeleteAsync(new Uri(Base($"programmes/{socorejoId}"), UriKind.Relative));
        using var wholeList = await operatorClient.PutAsJsonAsync(new Uri(Base("programmes"), UriKind.Relative), Array.Empty<object>());
        using var submit = await operatorClient.PostAsync(new Uri(Base("submit"), UriKind.Relative), null);
        using var units = await operatorClient.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "BAPPEDA", name = "Bappeda", kind = "agency" });
        using var readValues = await operatorClient.GetAsync(new Uri(Base("indicator-values"), UriKind.Relative));
        using var otherRegion = await operatorClient.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/indicator-values", UriKind.Relative));

        Assert.Multiple(async () =>
        {
            Assert.That(assignedValue.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assignedValue.Content.ReadAsStringAsync());
            Assert.That(otherValue.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "37122:5.1 is not assigned to Diskominfo");
            Assert.That(ownProgramme.StatusCode, Is.EqualTo(HttpStatusCode.Created), await ownProgramme.Content.ReadAsStringAsync());
            Assert.That((await ownProgramme.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unit").GetString(), Is.EqualTo("DISKOMINFO"), "an operator's programme belongs to its unit");
            Assert.That(villagesProgramme.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "Socorejo's programme");
            Assert.That(deleteVillages.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(wholeList.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the region's whole list is the coordinator's");
            Assert.That(submit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "an operator cannot submit the region");
            Assert.That(units.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(readValues.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the region's data is readable");
            Assert.That(otherRegion.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });

        var programmes = await tuban.GetFromJsonAsync<JsonElement>(new Uri(Base("programmes"), UriKind.Relative));
        Assert.That(programmes.EnumerateArray().Single(p => p.GetProperty("id").GetString() == socorejoId).GetProperty("name").GetString(), Is.EqualTo("Desa Digital Socorejo"), "nothing changed");

        using (var deactivated = await tuban.DeleteAsync(new Uri("/api/v1/regions/3523/units/DISKOMINFO", UriKind.Relative)))
        {
            Assert.That((await deactivated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("result").GetString(), Is.EqualTo("deactivated"));
        }

        using var refusedSignIn = await TestUsers.RequestTokenAsync(factory.CreateClient(), "operator.kominfo@test.go.id", TestUsers.Password);
        Assert.That(refusedSignIn.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await refusedSignIn.Content.ReadAsStringAsync(), Does.Contain("deactivated"));

        using var browser = factory.CreateBrowserLikeClient();
        var login = await browser.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        using var form = await browser.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(login),
            ["Email"] = "operator.kominfo@test.go.id",
            ["Password"] = TestUsers.Password,
        }));
        Assert.That(await form.Content.ReadAsStringAsync(), Does.Contain("sudah dinonaktifkan"), "the page says why, in Indonesian");
    }
}
