using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Risks;

/// <summary>The risk criteria through HTTP: the JSON the API serves, the page in both languages, the revision a period fixes.</summary>
public sealed class RiskCriteriaApiTests
{
    private string _connectionString = null!;
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _connectionString = TestDatabase.CreateMigrated("risk-criteria");
        _factory = new SurveyWebFactory(_connectionString);
    }

    [OneTimeTearDown]
    public void Stop() => _factory.Dispose();

    [Test]
    public async Task TheApi_ServesTheCriteria_WithTheReferenceMatrix()
    {
        using var client = _factory.CreateClient();
        var body = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/risk-criteria/v1", UriKind.Relative));
        using var exact = await client.GetAsync(new Uri("/api/v1/risk-criteria/v1.1", UriKind.Relative));
        using var unknown = await client.GetAsync(new Uri("/api/v1/risk-criteria/v9", UriKind.Relative));
        var matrix = body.GetProperty("matrix").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetInt32()).ToArray()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("version").GetString(), Is.EqualTo("v1"));
            Assert.That(body.GetProperty("revision").GetInt32(), Is.EqualTo(1));
            Assert.That(matrix, Has.Length.EqualTo(5));
            Assert.That(matrix[0], Is.EqualTo(new[] { 1, 3, 5, 8, 20 }), "likelihood 1: impact 5 is magnitude 20, not 5");
            Assert.That(matrix[4], Is.EqualTo(new[] { 9, 15, 18, 23, 25 }));
            Assert.That(body.GetProperty("likelihood_levels")[2].GetProperty("name").GetProperty("id").GetString(), Is.EqualTo("Kadang terjadi"));
            Assert.That(body.GetProperty("impact_levels")[4].GetProperty("criteria").GetProperty("finance").GetProperty("en").GetString(), Does.Contain("25 %"));
            Assert.That(body.GetProperty("bands").EnumerateArray().Select(b => (b.GetProperty("min").GetInt32(), b.GetProperty("max").GetInt32())),
                Is.EqualTo(new[] { (1, 5), (6, 10), (11, 15), (16, 19), (20, 25) }));
            Assert.That(body.GetProperty("bands")[3].GetProperty("colour").GetString(), Does.Match("^#[0-9a-f]{6}$"));
            Assert.That(body.GetProperty("appetite").GetInt32(), Is.EqualTo(11));
            Assert.That(body.GetProperty("categories").GetArrayLength(), Is.EqualTo(16));
            Assert.That(body.GetProperty("impact_areas")[0].GetProperty("code").GetString(), Is.EqualTo("finance"));
            Assert.That(body.GetProperty("treatment_options").GetProperty("positive").EnumerateArray().Select(o => o.GetProperty("code").GetString()), Does.Contain("exploit"));
            Assert.That(exact.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task APeriod_FixesTheRevision_WhenItOpens_AndARestartStoresNothingNew()
    {
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2027-S1");
        var periods = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/periods", UriKind.Relative));
        var opened = periods.EnumerateArray().Single(p => p.GetProperty("code").GetString() == "2027-S1");
        Assert.That(opened.GetProperty("risk_criteria_revision").GetString(), Is.EqualTo("v1.1"));

        // A second start syncs the same file: no new revision, no audit row.
        using (var again = new SurveyWebFactory(_connectionString))
        {
            using var client = again.CreateClient();
            (await client.GetAsync(new Uri("/api/v1/risk-criteria/v1", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM risk_criteria_version"), Is.EqualTo(1));
        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_event WHERE entity = 'risk_criteria'"), Is.EqualTo(1));
    }

    [Test]
    public async Task ThePage_ExplainsTheCriteria_InIndonesianAndInEnglish()
    {
        using var client = _factory.CreateClient();
        var indonesian = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/risk-criteria", UriKind.Relative)));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/risk-criteria", UriKind.Relative));
        request.Headers.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString("c=id-ID|uic=en"));
        using var response = await client.SendAsync(request);
        var english = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var methodology = await client.GetStringAsync(new Uri("/methodology", UriKind.Relative));
        var bands = await client.GetStringAsync(new Uri("/risk-criteria/v1.1/bands.css", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(indonesian, Does.Contain("Matriks analisis risiko").And.Contain("Hampir pasti terjadi").And.Contain("Sangat tinggi").And.Contain("besaran 11 ke atas"));
            Assert.That(indonesian, Does.Contain("<span class=\"fw-bold\">20</span>"), "the matrix shows magnitude 20 at likelihood 1, impact 5");
            Assert.That(english, Does.Contain("Risk analysis matrix").And.Contain("Almost certain").And.Contain("magnitude of 11 or more"));
            Assert.That(methodology, Does.Contain("href=\"/risk-criteria\""));
            Assert.That(indonesian, Does.Contain("class=\"risk-band-very_high\"").And.Contain("/risk-criteria/v1.1/bands.css"), "cells are coloured by a class, never an inline style");
            Assert.That(bands, Does.Contain(".risk-band-very_high { --bs-table-bg: #e06666;"));
        });
    }
}
