using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Periods;

public sealed class PeriodsApiTests
{
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;

    [OneTimeSetUp]
    public void StartApp()
    {
        _connectionString = TestDatabase.CreateMigrated("periods");
        _factory = new SurveyWebFactory(_connectionString);
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task Period_CreateOpenClose_FixesTheMethodologyRevisionAndAuditsEachStep()
    {
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);

        using var created = await admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative),
            new { code = "2026-S2", entry_opens = "2026-07-01", entry_closes = "2026-11-30", methodology = "v1" });
        var body = await created.Content.ReadAsStringAsync();
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        using (var json = JsonDocument.Parse(body))
        {
            Assert.That(json.RootElement.GetProperty("name").GetString(), Is.EqualTo("Semester II 2026"));
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("draft"));
            Assert.That(json.RootElement.GetProperty("methodology_revision").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }

        using var opened = await admin.PostAsync(new Uri("/api/v1/periods/2026-S2/open", UriKind.Relative), null);
        using var openedAgain = await admin.PostAsync(new Uri("/api/v1/periods/2026-S2/open", UriKind.Relative), null);
        using var closed = await admin.PostAsync(new Uri("/api/v1/periods/2026-S2/close", UriKind.Relative), null);

        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await opened.Content.ReadAsStringAsync(), Does.Contain("\"methodology_revision\":\"v1.1\"").And.Contain("\"status\":\"open\""));
        Assert.That(openedAgain.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await closed.Content.ReadAsStringAsync(), Does.Contain("\"status\":\"closed\""));
        await using var connection = new NpgsqlConnection(_connectionString);
        var actions = (await connection.QueryAsync<string>("SELECT action FROM audit_event WHERE entity = 'period' AND entity_key = '2026-S2' ORDER BY id")).ToList();
        Assert.That(actions, Is.EqualTo(new[] { "create", "open", "closed" }));
    }

    [Test]
    public async Task Period_InvalidInput_Is422PerField_DuplicateIs409()
    {
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);

        using var invalid = await admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative),
            new { code = "2026-S3", entry_opens = "2026-07-01", entry_closes = "2026-06-30", methodology = "v9" });
        await admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code = "2025-S1", entry_opens = "2025-01-01", entry_closes = "2025-06-30", methodology = "v1" });
        using var duplicate = await admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code = "2025-S1", entry_opens = "2025-01-01", entry_closes = "2025-06-30", methodology = "v1" });

        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        var errors = await invalid.Content.ReadAsStringAsync();
        Assert.That(errors, Does.Contain("Kode periode berbentuk TAHUN-S1 atau TAHUN-S2").And.Contain("Tanggal tutup pengisian tidak boleh sebelum tanggal buka").And.Contain("Metodologi v9 belum dimuat"));
        Assert.That(duplicate.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
    }

    [Test]
    public async Task Period_Coordinator_MayListButNotCreateOrOpen()
    {
        using var coordinator = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3501");

        using var list = await coordinator.GetAsync(new Uri("/api/v1/periods", UriKind.Relative));
        using var create = await coordinator.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code = "2027-S1", entry_opens = "2027-01-01", entry_closes = "2027-06-30", methodology = "v1" });
        using var open = await coordinator.PostAsync(new Uri("/api/v1/periods/2025-S1/open", UriKind.Relative), null);

        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(open.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
