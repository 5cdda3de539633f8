using System.Net;
using System.Net.Http.Json;
using System.Text;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Hostile;

/// <summary>
/// Hostile and malformed input at every kind of entrance: each gets a clear 4xx, the server logs no
/// unhandled exception, and the database holds exactly what it held before. Text that is valid but
/// dangerous (script, SQL, formulas) is stored as typed and shown escaped wherever it appears.
/// </summary>
public sealed class BadInputTests
{
    private const string Period = "2026-S1";
    private const string Values = $"/api/v1/periods/{Period}/regions/3523/indicator-values";
    private const string Programmes = $"/api/v1/periods/{Period}/regions/3523/programmes";
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tuban = null!;
    private HttpClient _admin = null!;
    private HttpClient _evaluator = null!;
    private HttpClient _tubanBrowser = null!;
    private string _token = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("hostile");
        _factory = new SurveyWebFactory(_connectionString);
        await TestWorld.SeedRegionsAsync(_connectionString);
        _admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(_admin, Period);
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        _tuban = _factory.CreateClient();
        _tuban.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(_tuban, email));
        _tubanBrowser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(_tubanBrowser, email);
        _evaluator = await TestUsers.ApiClientAsync(_factory, UserRoles.Evaluator);
        using var surabaya = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3578");
        await surabaya.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3578/indicator-values", UriKind.Relative), new[] { new { key = "37122:5.1", value = 10, source = "BPS" } });
        (await _tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency" })).EnsureSuccessStatusCode();
        using var links = await _tuban.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/invitations", UriKind.Relative), new { count = 1 });
        _token = new Uri(System.Text.Json.JsonDocument.Parse(await links.Content.ReadAsStringAsync()).RootElement.GetProperty("links")[0].GetString()!).AbsolutePath[3..];
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _admin.Dispose();
        _evaluator.Dispose();
        _tubanBrowser.Dispose();
        _factory.Dispose();
    }

    /// <summary>Everything a request could have changed, as one comparable text.</summary>
    private async Task<string> StateAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.QuerySingleAsync<string>("""
            SELECT concat_ws('|',
                (SELECT md5(coalesce(string_agg(region_code || indicator_key || coalesce(value::text, '') || coalesce(source_agency, '') || version, ',' ORDER BY region_code, indicator_key), '')) FROM indicator_value),
                (SELECT count(*) FROM programme), (SELECT count(*) FROM programme_risk), (SELECT count(*) FROM evidence),
                (SELECT count(*) FROM response), (SELECT count(*) FROM answer), (SELECT count(*) FROM period), (SELECT count(*) FROM audit_event),
                (SELECT count(*) FROM review_mark), (SELECT string_agg(status, ',' ORDER BY region_code) FROM submission),
                (SELECT md5(string_agg(code || coalesce(cohort_year::text, '') || participating::text, ',' ORDER BY code)) FROM region),
                (SELECT md5(coalesce(string_agg(region_code || code || kind || name || active::text, ',' ORDER BY region_code, code), '')) FROM unit),
                (SELECT count(*) FROM indicator_assignment), (SELECT count(*) FROM unit_contribution), (SELECT count(*) FROM programme_replication),
                (SELECT count(*) FROM app_user), (SELECT count(*) FROM notification), (SELECT count(*) FROM risk_monitoring),
                (SELECT md5(coalesce(string_agg(id::text || coalesce(category, '') || actions::text, ',' ORDER BY id), '')) FROM programme_risk),
                (SELECT count(*) FROM obstacle), (SELECT count(*) FROM recommendation), (SELECT count(*) FROM recommendation_follow_up),
                (SELECT count(*) FROM evaluation_report))
            """);
    }

#pragma warning disable CA1859 // an anonymous JSON body
    private static object Programme(int level = 3, int likelihood = 2, string name = "Mal Pelayanan Publik", string dimension = "governance") => new[]
    {
        new { dimension, element = "pelayanan-publik", name, maturity_level = level, justification = "SOP", risks = new[] { new { title = "Anggaran", likelihood, impact = 2 } } },
    };
#pragma warning restore CA1859

    public static IEnumerable<TestCaseData> ApiCases()
    {
        TestCaseData Case(string name, string method, string path, string json, HttpStatusCode expected, string client = "tuban") =>
            new TestCaseData(method, path, json, expected, client).SetName("Api_" + name);

        yield return Case("ValueAsText", "PUT", Values, """[{"key":"37122:5.1","value":"abc","source":"BPS"}]""", HttpStatusCode.BadRequest);
        yield return Case("ValueWithBothSeparatorsAsText", "PUT", Values, """[{"key":"37122:5.1","value":"1.234,5","source":"BPS"}]""", HttpStatusCode.BadRequest);
        yield return Case("NaN", "PUT", Values, """[{"key":"37122:5.1","value":NaN,"source":"BPS"}]""", HttpStatusCode.BadRequest);
        yield return Case("Infinity", "PUT", Values, """[{"key":"37122:5.1","value":1e400,"source":"BPS"}]""", HttpStatusCode.BadRequest);
        yield return Case("HugeNumber", "PUT", Values, """[{"key":"37122:6.2","value":1e25,"source":"BPS"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("Negative", "PUT", Values, """[{"key":"37122:6.2","value":-5,"source":"BPS"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("PercentageOver100", "PUT", Values, """[{"key":"37122:5.1","value":120,"source":"BPS"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("HugeString", "PUT", Values, $$"""[{"key":"37122:5.1","value":5,"source":"{{new string('x', 100_000)}}"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ControlCharacters", "PUT", Values, """[{"key":"37122:5.1","value":5,"source":"BPS\u0000\u0007"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("UnknownKey", "PUT", Values, """[{"key":"37122:99.9","value":5,"source":"BPS"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("SqlInKey", "PUT", Values, """[{"key":"37122:5.1'; DROP TABLE region; --","value":5,"source":"BPS"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("MalformedJson", "PUT", Values, """[{"key":""", HttpStatusCode.BadRequest);
        yield return Case("ObjectInsteadOfList", "PUT", Values, """{"key":"37122:5.1","value":5}""", HttpStatusCode.BadRequest);
        yield return Case("AnotherRegion", "PUT", $"/api/v1/periods/{Period}/regions/3578/indicator-values", """[{"key":"37122:5.1","value":5,"source":"BPS"}]""", HttpStatusCode.Forbidden);
        yield return Case("AnotherRegionsProgrammes", "GET", $"/api/v1/periods/{Period}/regions/3578/programmes", string.Empty, HttpStatusCode.Forbidden);
        yield return Case("UnknownPeriod", "PUT", "/api/v1/periods/2031-S1/regions/3523/indicator-values", """[{"key":"37122:5.1","value":5,"source":"BPS"}]""", HttpStatusCode.NotFound);
        yield return Case("MaturityOutOfRange", "PUT", Programmes, System.Text.Json.JsonSerializer.Serialize(Programme(level: 7)), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskLikelihoodZero", "PUT", Programmes, System.Text.Json.JsonSerializer.Serialize(Programme(likelihood: 0)), HttpStatusCode.UnprocessableEntity);
        yield return Case("ProgrammeNameTooLong", "PUT", Programmes, System.Text.Json.JsonSerializer.Serialize(Programme(name: new string('n', 5000))), HttpStatusCode.UnprocessableEntity);
        yield return Case("UnknownDimension", "PUT", Programmes, System.Text.Json.JsonSerializer.Serialize(Programme(dimension: "../../etc")), HttpStatusCode.UnprocessableEntity);
        yield return Case("ResponseUnknownToken", "POST", "/api/v1/responses", """{"token":"AAAAAAAAAAAAAAAAAAAAAA","answers":[]}""", HttpStatusCode.NotFound, "anonymous");
        yield return Case("ResponseMalformed", "POST", "/api/v1/responses", """{"token":""", HttpStatusCode.BadRequest, "anonymous");
        yield return Case("PeriodCodeInvalid", "POST", "/api/v1/periods", """{"code":"2026-S3","entry_opens":"2026-01-01","entry_closes":"2026-06-30","methodology":"v1"}""", HttpStatusCode.UnprocessableEntity, "admin");
        yield return Case("PeriodClosesBeforeOpening", "POST", "/api/v1/periods", """{"code":"2027-S1","entry_opens":"2027-06-01","entry_closes":"2027-01-01","methodology":"v1"}""", HttpStatusCode.UnprocessableEntity, "admin");
        yield return Case("PeriodsByCoordinator", "POST", "/api/v1/periods", """{"code":"2027-S1","entry_opens":"2027-01-01","entry_closes":"2027-06-30","methodology":"v1"}""", HttpStatusCode.Forbidden);
        yield return Case("ReviewUnknownItem", "POST", $"/api/v1/periods/{Period}/regions/3578/review", """{"returned_items":[{"key":"37122:99.9","reason":"x"}]}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("ReviewUnknownRisk", "POST", $"/api/v1/periods/{Period}/regions/3578/review", $$"""{"returned_items":[{"kind":"risk","key":"{{Guid.Empty}}","reason":"x"}]}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("ReviewMonitoringNotThere", "POST", $"/api/v1/periods/{Period}/regions/3578/review", $$"""{"returned_items":[{"key":"monitoring:{{Guid.Empty}}","reason":"x"}]}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("ReviewUnknownKind", "POST", $"/api/v1/periods/{Period}/regions/3578/review", """{"returned_items":[{"kind":"obstacle","key":"1","reason":"x"}]}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("ReviewByCoordinator", "POST", $"/api/v1/periods/{Period}/regions/3523/review", """{"decision":"approve"}""", HttpStatusCode.Forbidden);
        yield return Case("NoToken", "GET", Values, string.Empty, HttpStatusCode.Unauthorized, "anonymous");
        yield return Case("TokenWithWrongCode", "POST", "/api/v1/auth/token", """{"email":"nobody@test.go.id","password":"x","code":"000000"}""", HttpStatusCode.Unauthorized, "anonymous");
        yield return Case("RevokeUnknownToken", "DELETE", $"/api/v1/auth/tokens/{Guid.Empty}", string.Empty, HttpStatusCode.NotFound);
        yield return Case("CohortBeforeTheMovement", "PATCH", "/api/v1/regions/3523", """{"cohort_year":1999}""", HttpStatusCode.UnprocessableEntity, "admin");
        yield return Case("CohortAsText", "PATCH", "/api/v1/regions/3523", """{"cohort_year":"2018'; DROP TABLE region; --"}""", HttpStatusCode.UnprocessableEntity, "admin");
        yield return Case("ParticipatingAsText", "PATCH", "/api/v1/regions/3523", """{"participating":"ya"}""", HttpStatusCode.UnprocessableEntity, "admin");
        yield return Case("RegionPatchAsList", "PATCH", "/api/v1/regions/3523", """[{"participating":true}]""", HttpStatusCode.UnprocessableEntity, "admin");
        yield return Case("RegionPatchByCoordinator", "PATCH", "/api/v1/regions/3523", """{"participating":false}""", HttpStatusCode.Forbidden);
        yield return Case("RegionPatchByEvaluator", "PATCH", "/api/v1/regions/3523", """{"participating":false}""", HttpStatusCode.Forbidden, "evaluator");
        yield return Case("RevokeWithoutSignIn", "DELETE", $"/api/v1/auth/tokens/{Guid.Empty}", string.Empty, HttpStatusCode.Unauthorized, "anonymous");
        const string Units = "/api/v1/regions/3523/units";
        const string Work = $"/api/v1/periods/{Period}/regions/3523/units";
        yield return Case("UnitUnknownKind", "POST", Units, """{"code":"DINKES","name":"Dinas Kesehatan","kind":"ministry"}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("UnitVillageOfAnotherRegion", "POST", Units, """{"code":"35.78.01.1001","name":"Kelurahan Lain","kind":"kelurahan"}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("UnitDuplicateCode", "POST", Units, """{"code":"diskominfo","name":"Lagi","kind":"agency"}""", HttpStatusCode.Conflict);
        yield return Case("UnitOfAnotherRegion", "POST", "/api/v1/regions/3578/units", """{"code":"DISKOMINFO","name":"Diskominfo Surabaya","kind":"agency"}""", HttpStatusCode.Forbidden);
        yield return Case("UnitByEvaluator", "PUT", $"{Units}/DISKOMINFO", """{"name":"Diubah","kind":"agency"}""", HttpStatusCode.Forbidden, "evaluator");
        yield return Case("AssignmentToUnknownUnit", "PUT", $"/api/v1/periods/{Period}/regions/3523/indicator-assignments", """[{"key":"37122:10.2","unit":"NOPE"}]""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ProgrammeOfUnknownUnit", "POST", Programmes, """{"dimension":"governance","element":"pelayanan-publik","name":"Satu Data","maturity_level":2,"justification":"x","unit":"NOPE","risks":[]}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ProgrammeCoOwnerIsOwner", "POST", Programmes, """{"dimension":"governance","element":"pelayanan-publik","name":"Satu Data","maturity_level":2,"justification":"x","unit":"DISKOMINFO","co_units":["DISKOMINFO"],"risks":[]}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ReplicationUnknownStatus", "POST", Programmes, """{"dimension":"governance","element":"pelayanan-publik","name":"Satu Data","maturity_level":2,"justification":"x","replications":[{"unit":"DISKOMINFO","status":"ongoing"}],"risks":[]}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ReplicationDateAsText", "POST", Programmes, """{"dimension":"governance","element":"pelayanan-publik","name":"Satu Data","maturity_level":2,"justification":"x","replications":[{"unit":"DISKOMINFO","since":"kemarin","status":"running"}],"risks":[]}""", HttpStatusCode.BadRequest);
        yield return Case("ReadyOfUnknownUnit", "POST", $"{Work}/NOPE/ready", string.Empty, HttpStatusCode.NotFound);
        yield return Case("ReadyWithNothingToDo", "POST", $"{Work}/DISKOMINFO/ready", string.Empty, HttpStatusCode.UnprocessableEntity);
        yield return Case("ReturnNotReady", "POST", $"{Work}/DISKOMINFO/return", """{"reason":"Perbaiki sumber data"}""", HttpStatusCode.Conflict);
        yield return Case("ReturnWithoutReason", "POST", $"{Work}/DISKOMINFO/return", """{"reason":"  "}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ReturnByEvaluator", "POST", $"{Work}/DISKOMINFO/return", """{"reason":"x"}""", HttpStatusCode.Forbidden, "evaluator");
        yield return Case("UnitProgressOfAnotherRegion", "GET", $"/api/v1/periods/{Period}/regions/3578/units", string.Empty, HttpStatusCode.Forbidden);
        const string Risky = """{"dimension":"governance","element":"pelayanan-publik","name":"Satu Data","maturity_level":2,"justification":"x","unit":"DISKOMINFO","risks":[RISK]}""";
        yield return Case("RiskLikelihoodOutOfRange", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":6,"impact":3}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskUnknownCategory", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":3,"impact":3,"category":"weather"}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskUnknownImpactArea", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":3,"impact":3,"impact_area":"mood"}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskOptionOfTheOtherType", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":3,"impact":3,"type":"negative","treatment_option":"exploit"}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskActionWithoutUnitAboveAppetite", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":4,"impact":4,"actions":[{"action":"Jadwal rilis","due":"2026-05-31"}]}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskActionWithoutDueAboveAppetite", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":4,"impact":4,"actions":[{"action":"Jadwal rilis","unit":"DISKOMINFO"}]}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskActionDueBeforeThePeriod", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":2,"impact":2,"actions":[{"action":"Jadwal rilis","due":"2025-12-31"}]}""", StringComparison.Ordinal), HttpStatusCode.UnprocessableEntity);
        yield return Case("RiskActionDueAsText", "POST", Programmes, Risky.Replace("RISK", """{"title":"Data terlambat","likelihood":2,"impact":2,"actions":[{"action":"Jadwal rilis","due":"besok"}]}""", StringComparison.Ordinal), HttpStatusCode.BadRequest);
        yield return Case("MonitoringOfUnknownRisk", "PUT", $"/api/v1/periods/{Period}/regions/3523/risks/{Guid.Empty}/monitoring", """{"likelihood":2,"impact":2}""", HttpStatusCode.NotFound);
        yield return Case("MonitoringOfAnotherRegion", "PUT", $"/api/v1/periods/{Period}/regions/3578/risks/{Guid.Empty}/monitoring", """{"likelihood":2,"impact":2}""", HttpStatusCode.Forbidden);
        yield return Case("MonitoringByEvaluator", "PUT", $"/api/v1/periods/{Period}/regions/3523/risks/{Guid.Empty}/monitoring", """{"likelihood":2,"impact":2}""", HttpStatusCode.Forbidden, "evaluator");
        const string Obstacles = $"/api/v1/periods/{Period}/regions/3523/obstacles";
        const string Recommendations = $"/api/v1/periods/{Period}/regions/3523/recommendations";
        yield return Case("ObstacleUnknownCategory", "POST", Obstacles, """{"category":"weather","description":"Sinyal lemah"}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ObstacleTooLong", "POST", Obstacles, $$"""{"category":"data","description":"{{new string('x', 2001)}}"}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ObstacleControlCharacters", "POST", Obstacles, """{"category":"data","description":"Sinyal\u0007lemah"}""", HttpStatusCode.UnprocessableEntity);
        yield return Case("ObstacleDateAsText", "POST", Obstacles, """{"category":"data","description":"Sinyal lemah","since":"kemarin"}""", HttpStatusCode.BadRequest);
        yield return Case("ObstacleOfAnotherRegion", "POST", $"/api/v1/periods/{Period}/regions/3578/obstacles", """{"category":"data","description":"Sinyal lemah"}""", HttpStatusCode.Forbidden);
        yield return Case("ObstacleUnknownId", "PUT", $"{Obstacles}/{Guid.Empty}", """{"category":"data","description":"Sinyal lemah"}""", HttpStatusCode.NotFound);
        yield return Case("ObstacleByEvaluator", "POST", Obstacles, """{"category":"data","description":"Sinyal lemah"}""", HttpStatusCode.Forbidden, "evaluator");
        yield return Case("RecommendationByCoordinator", "POST", Recommendations, """{"addressed_to":"regional_head","text":"x","priority":"high","due_period":"2026-S2"}""", HttpStatusCode.Forbidden);
        yield return Case("RecommendationDueInThePast", "POST", Recommendations, """{"addressed_to":"regional_head","text":"x","priority":"high","due_period":"2025-S2"}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("RecommendationTooLong", "POST", Recommendations, $$"""{"addressed_to":"regional_head","text":"{{new string('x', 2001)}}","priority":"high","due_period":"2026-S2"}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("RecommendationUnknownPriority", "POST", Recommendations, """{"addressed_to":"regional_head","text":"x","priority":"urgent","due_period":"2026-S2"}""", HttpStatusCode.UnprocessableEntity, "evaluator");
        yield return Case("FollowUpOfUnknownRecommendation", "PUT", $"{Recommendations}/{Guid.Empty}/follow-up", """{"status":"done","action":"x"}""", HttpStatusCode.NotFound);
        yield return Case("FollowUpOfAnotherRegion", "PUT", $"/api/v1/periods/{Period}/regions/3578/recommendations/{Guid.Empty}/follow-up", """{"status":"done","action":"x"}""", HttpStatusCode.Forbidden);
        yield return Case("VerificationByCoordinator", "POST", $"{Recommendations}/{Guid.Empty}/verification", """{"verdict":"done"}""", HttpStatusCode.Forbidden);
        yield return Case("VerifyForgedHash", "GET", $"/verify/{new string('a', 64)}", string.Empty, HttpStatusCode.NotFound, "anonymous");
        yield return Case("VerifyNotAHash", "GET", "/verify/'; DROP TABLE evaluation_report; --", string.Empty, HttpStatusCode.NotFound, "anonymous");
        yield return Case("EvaluationReportOfAnotherRegion", "GET", $"/periods/{Period}/regions/3578/evaluation-report.pdf", string.Empty, HttpStatusCode.Forbidden);
        yield return Case("OperatorOfUnknownUnit", "POST", "/api/v1/users", """{"email":"op.nope@test.go.id","name":"Op","role":"unit_operator","region":"3523","unit":"NOPE","password":"Sangat-Rahasia-2026!"}""", HttpStatusCode.UnprocessableEntity, "admin");
    }

    [TestCaseSource(nameof(ApiCases))]
    public async Task HostileApiInput_GetsAClear4xx_AndChangesNothing(string method, string path, string json, HttpStatusCode expected, string client)
    {
        var before = await StateAsync();
        using var anonymous = _factory.CreateClient();
        var http = client switch { "admin" => _admin, "evaluator" => _evaluator, "anonymous" => anonymous, _ => _tuban };
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
        if (json.Length > 0)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body.Length > 500 ? body[..500] : body);
        if (expected is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
        {
            Assert.That(body, Does.Contain("\"errors\"").Or.Contain("\"title\""), "a problem document says what is wrong");
        }

        Assert.That(await StateAsync(), Is.EqualTo(before), "the database holds what it held");
        Assert.That(_factory.Errors, Is.Empty, "no unhandled exception was logged");
    }

    [TestCase("/periods/2026-S1/regions/3523/entry/governance", TestName = "Form_EntryWithoutAntiforgery")]
    [TestCase("/periods/2026-S1/regions/3523/programmes/save", TestName = "Form_ProgrammeWithoutAntiforgery")]
    [TestCase("/periods/2026-S1/regions/3523/survey/invitations", TestName = "Form_InvitationsWithoutAntiforgery")]
    [TestCase("/periods/2026-S1/regions/3523/import", TestName = "Form_ImportWithoutAntiforgery")]
    [TestCase("/account/logout", TestName = "Form_LogoutWithoutAntiforgery")]
    public async Task FormsWithoutAntiforgery_AreRefused(string path)
    {
        var before = await StateAsync();
        using var response = await _tubanBrowser.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["items[0].Key"] = "37122:5.1",
            ["items[0].Value"] = "5",
            ["items[0].Source"] = "BPS",
            ["count"] = "5",
        }));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await StateAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task EntryForm_BadNumber_ComesBackWithTheInputAndAMessage_InBahasaIndonesia()
    {
        var page = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative));
        var before = await StateAsync();
        using var response = await _tubanBrowser.PostAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
            ["items[0].Key"] = "37122:5.1",
            ["items[0].Value"] = "12,5x<b>",
            ["items[0].Source"] = "BPS",
        }));
        var html = await response.Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("12,5x&lt;b&gt;"), "what was typed comes back, escaped");
        Assert.That(html, Does.Contain("is-invalid"));
        Assert.That(await StateAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Evidence_PathTraversalNameIsCleaned_MislabelledAndOversizeFilesAreRefused()
    {
        async Task<HttpResponseMessage> UploadAsync(string name, byte[] content)
        {
            var page = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative));
            var form = new MultipartFormDataContent
            {
                { new StringContent(Html.AntiforgeryToken(page)), "__RequestVerificationToken" },
                { new StringContent("37122:5.1"), "items[0].Key" },
                { new StringContent("7"), "items[0].Value" },
                { new StringContent("BPS"), "items[0].Source" },
                { new ByteArrayContent(content), "items[0].File", name },
            };
            return await _tubanBrowser.PostAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative), form);
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        var before = await StateAsync();
        using (var exe = await UploadAsync("laporan.pdf", EvidenceFilesTests.Executable))
        {
            Assert.That(await exe.Content.ReadAsStringAsync(), Does.Contain("is-invalid"));
        }

        using (var big = await UploadAsync("besar.pdf", [.. EvidenceFilesTests.Pdf, .. new byte[11 * 1024 * 1024]]))
        {
            Assert.That((int)big.StatusCode, Is.AnyOf(200, 413, 422), "refused with a message");
        }

        Assert.That(await StateAsync(), Is.EqualTo(before), "nothing of the refused uploads was stored");
        using (var traversal = await UploadAsync("../../etc/passwd.pdf", EvidenceFilesTests.Pdf))
        {
            Assert.That((int)traversal.StatusCode, Is.LessThan(400));
        }

        var names = (await connection.QueryAsync<string>("SELECT file_name FROM evidence")).ToList();
        Assert.That(names, Has.Count.EqualTo(1));
        Assert.That(names[0], Does.Not.Contain("/").And.Not.Contain(".."));
        Assert.That(_factory.Errors, Is.Empty);
    }

    [Test]
    public async Task ScriptSqlAndFormulaText_IsStoredAsTyped_AndEscapedWhereverItAppears()
    {
        var script = "<script>alert('x')</script>";
        var formula = "=HYPERLINK(\"http://evil.example\",\"klik\")";
        using (var put = await _tuban.PutAsJsonAsync(new Uri(Values, UriKind.Relative), new object[]
        {
            new { key = "37122:10.2", value = 5, source = script, note = "'; DROP TABLE region; --" },
            new { key = "37122:9.2", value = 6, source = formula },
        }))
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var programme = await _tuban.PutAsJsonAsync(new Uri(Programmes, UriKind.Relative), Programme(name: "<img src=x onerror=alert(1)>")))
        {
            Assert.That(programme.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM region"), Is.GreaterThanOrEqualTo(2), "the SQL fragment is only text");
        foreach (var path in new[] { $"/periods/{Period}/regions/3523/entry/governance", $"/periods/{Period}/regions/3523/programmes", $"/periods/{Period}/regions/3523/history" })
        {
            var html = await _tubanBrowser.GetStringAsync(new Uri(path, UriKind.Relative));
            Assert.That(html, Does.Not.Contain(script).And.Not.Contain("<img src=x"), path);
        }

        var entry = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative));
        Assert.That(entry, Does.Contain("&lt;script&gt;"));
        var csv = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/export/indicator-values.csv", UriKind.Relative));
        Assert.That(csv, Does.Contain("'=HYPERLINK").And.Not.Contain(",=HYPERLINK"), "a formula is neutralised in CSV");
        Assert.That(_factory.Errors, Is.Empty);
    }

    [Test]
    public async Task AnotherPeriodsToken_AndAUsedToken_AreRefused()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        using var anonymous = _factory.CreateClient();
        using var unknownItem = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = _token, answers = new[] { new { item = "X-NOPE", value = 1 } } });
        Assert.That(unknownItem.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        // The link's period closes: its token is refused as gone.
        await connection.ExecuteAsync("UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE period_code = @Period", new { Period });
        using var expired = await anonymous.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token = _token, answers = Array.Empty<object>() });
        Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Gone));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM response"), Is.Zero);
    }

    public static IEnumerable<TestCaseData> HostileWorkbooks()
    {
        TestCaseData Case(string name, Func<byte[]> file, string message) => new TestCaseData(file, message).SetName("Workbook_" + name);
        const string Value = "37122:5.1";
        yield return Case("OneHugeCompressedCell", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2" t="s"><v>0</v></c>"""), Support.HostileWorkbooks.HugeSharedString(30_000_000)), "mengembang");
        yield return Case("ZipBombPart", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2"><v>5</v></c>"""), extraPart: "xl/media/bomb.bin", extraPartBytes: 50L * 1024 * 1024), "mengembang");
        yield return Case("LongTextCell", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, $"""<c r="J2" t="inlineStr"><is><t>{new string('x', 5000)}</t></is></c>""")), "4000 karakter");
        yield return Case("Formula", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2" t="str"><f>REPT("B",10000000)</f><v>BBBB</v></c>""")), "rumus");
        yield return Case("Xxe", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2"><v>5</v></c>"""), workbookPrefix: """<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>"""), "bukan buku kerja");
        yield return Case("BillionLaughs", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2" t="s"><v>0</v></c>"""),
            """<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&c;</t></si></sst>"""), "bukan buku kerja");
        yield return Case("BrokenZip", () => [0x50, 0x4B, 0x03, 0x04, .. System.Text.Encoding.ASCII.GetBytes(new string('z', 4000))], "bukan buku kerja");
        yield return Case("HugeExponent", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2"><v>1E+300</v></c>""")), "F2");
        yield return Case("NaN", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2"><v>NaN</v></c>""")), "F2");
        yield return Case("Infinity", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(2, Value, """<c r="F2"><v>INF</v></c>""")), "F2");
        yield return Case("RowsBeyondTheTemplate", () => Support.HostileWorkbooks.Build(Support.HostileWorkbooks.Row(900_000, Value, """<c r="F900000"><v>5</v></c>""")), "baris");
    }

    [TestCaseSource(nameof(HostileWorkbooks))]
    public async Task HostileWorkbook_IsRefusedWith422AndAMessage_AndChangesNothing(Func<byte[]> build, string message)
    {
        ArgumentNullException.ThrowIfNull(build);
        var page = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/import", UriKind.Relative));
        var before = await StateAsync();
        await using var connection = new NpgsqlConnection(_connectionString);
        var previews = await connection.QuerySingleAsync<long>("SELECT count(*) FROM import_preview");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(build()), "file", "templat.xlsx" },
        };

        using var response = await _tubanBrowser.PostAsync(new Uri($"/periods/{Period}/regions/3523/import", UriKind.Relative), form);

        var html = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), Html.Heading(html));
        Assert.That(html, Does.Contain(message));
        Assert.That(html.Length, Is.LessThan(200_000), "the answer is a page, not a copy of the file");
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM import_preview"), Is.EqualTo(previews));
        Assert.That(await StateAsync(), Is.EqualTo(before));
        Assert.That(_factory.Errors, Is.Empty);
    }

    [Test]
    public async Task ErrorPage_TakesItsStatusFromTheRouteOnly_NotFromAFormFieldNamedCode()
    {
        using var anonymous = _factory.CreateClient();
        foreach (var code in new[] { "451", "123456" })
        {
            using var response = await anonymous.PostAsync(new Uri("/account/login-2fa", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["Code"] = code }));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), $"Code={code}: the missing anti-forgery token answers 400");
        }

        Assert.That(_factory.Errors, Is.Empty);
    }

    [Test]
    public async Task OversizedForms_Answer413_NotA500()
    {
        var page = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative));
        var token = Html.AntiforgeryToken(page);
        var before = await StateAsync();
        using (var hugeField = await _tubanBrowser.PostAsync(new Uri($"/s/{_token}", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["page"] = "1",
            ["q:R-GOV-01"] = new string('5', 5 * 1024 * 1024),
        })))
        {
            Assert.That(hugeField.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        }

        var keys = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"items[{i}].Key", "37122:5.1")).Append(new("__RequestVerificationToken", token));
        using (var manyKeys = await _tubanBrowser.PostAsync(new Uri($"/periods/{Period}/regions/3523/entry/governance", UriKind.Relative), new FormUrlEncodedContent(keys)))
        {
            Assert.That(manyKeys.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        }

        var import = await _tubanBrowser.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/import", UriKind.Relative));
        using (var form = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(import)), "__RequestVerificationToken" },
            { new ByteArrayContent(new byte[6 * 1024 * 1024]), "file", "besar.xlsx" },
        })
        {
            using var sixMegabytes = await _tubanBrowser.PostAsync(new Uri($"/periods/{Period}/regions/3523/import", UriKind.Relative), form);
            Assert.That(sixMegabytes.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(await sixMegabytes.Content.ReadAsStringAsync(), Does.Contain("Kiriman terlalu besar"));
        }

        Assert.That(await StateAsync(), Is.EqualTo(before));
        Assert.That(_factory.Errors, Is.Empty, "a request beyond the limits is no error of the app");
    }
}
