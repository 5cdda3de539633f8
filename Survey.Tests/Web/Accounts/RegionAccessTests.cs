using System.Net;
using System.Net.Http.Headers;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

/// <summary>One region's data is its coordinator's; evaluators and admins read all. Checked on the server.</summary>
public sealed class RegionAccessTests
{
    private SurveyWebFactory _factory = null!;
    private string _tuban = null!;
    private string _connectionString = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        _connectionString = TestDatabase.CreateMigrated("region-access");
        _factory = new SurveyWebFactory(_connectionString);
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await new Survey.Data.Regions.RegionRepository(dataSource).ImportAsync(
            [new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur"), new Region("3578", "Kota Surabaya", RegionKind.Kota, "Jawa Timur")], CancellationToken.None);
        _tuban = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task Page_CoordinatorOfTuban_ReadsTuban_ButNotSurabaya()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tuban);

        using var own = await client.GetAsync(new Uri("/regions/3523", UriKind.Relative));
        using var other = await client.GetAsync(new Uri("/regions/3578", UriKind.Relative));

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Html.Heading(await own.Content.ReadAsStringAsync()), Does.StartWith("Kabupaten Tuban"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await other.Content.ReadAsStringAsync(), Does.Not.Contain("Kota Surabaya"));
    }

    [Test]
    public async Task Api_CoordinatorOfTuban_Gets403ForSurabaya_EvaluatorReadsBoth()
    {
        using var coordinator = _factory.CreateClient();
        coordinator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(coordinator, _tuban));
        using var evaluator = _factory.CreateClient();
        evaluator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(evaluator, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator)));

        using var own = await coordinator.GetAsync(new Uri("/api/v1/regions/3523", UriKind.Relative));
        using var other = await coordinator.GetAsync(new Uri("/api/v1/regions/3578", UriKind.Relative));
        using var ministry = await evaluator.GetAsync(new Uri("/api/v1/regions/3578", UriKind.Relative));

        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(other.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That(ministry.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task SignInAudit_RecordsSignInFailureTokenAndSignOut_WithAddress()
    {
        using var client = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, _tuban, "Wrong-Password-9");
        await TestUsers.SignInAsync(client, _tuban);
        var page = await client.GetStringAsync(new Uri("/regions/3523", UriKind.Relative));
        using var signOut = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        }));
        using var api = _factory.CreateClient();
        await TestUsers.TokenAsync(api, _tuban);

        await using var connection = new NpgsqlConnection(_connectionString);
        var events = (await connection.QueryAsync<string>(
            "SELECT event FROM signin_event WHERE email = @Email ORDER BY id", new { Email = _tuban })).ToList();
        Assert.That(events, Is.SupersetOf(new[] { "user_created", "sign_in_failed", "sign_in", "sign_out", "token_issued" }));
        Assert.That(() => connection.Execute("DELETE FROM signin_event"), Throws.InstanceOf<PostgresException>(), "the audit is append-only");
    }

    [Test]
    public async Task DataProtectionKeys_AreSharedByTwoInstancesThroughPostgreSql()
    {
        using var second = new SurveyWebFactory(_connectionString);
        using var first = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = await first.GetAsync(new Uri("/account/login", UriKind.Relative));
        var antiforgeryCookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("survey.af=", StringComparison.Ordinal)).Split(';')[0];
        var token = Html.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var other = second.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var login = new HttpRequestMessage(HttpMethod.Post, new Uri("/account/login", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = _tuban,
                ["Password"] = TestUsers.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        login.Headers.Add("Cookie", antiforgeryCookie);

        // The anti-forgery pair issued by instance one is accepted by instance two: they share the keys.
        using var response = await other.SendAsync(login);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        await using var connection = new NpgsqlConnection(_connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM data_protection_key"), Is.GreaterThanOrEqualTo(1));
    }

}
