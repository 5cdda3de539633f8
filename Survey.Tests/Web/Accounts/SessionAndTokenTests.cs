using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

/// <summary>
/// Holes found by attacking the running app: the token endpoint and two-factor sign-in, sessions that outlived
/// sign-out and disabling, tokens that could not be revoked one by one, timing that told which emails exist,
/// and a set-up page that changed the account when merely opened.
/// </summary>
public sealed class SessionAndTokenTests
{
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private readonly CountingHasher _hasher = new();

    [OneTimeSetUp]
    public void StartApp()
    {
        _connectionString = TestDatabase.CreateMigrated("sessions");
        _factory = new SurveyWebFactory(_connectionString)
        {
            TestServices = services => services.Replace(ServiceDescriptor.Singleton<IPasswordHasher<AppUser>>(_hasher)),
        };
    }

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    private async Task<T> ScalarAsync<T>(string sql, object parameters)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.QuerySingleAsync<T>(sql, parameters);
    }

    private static async Task<HttpResponseMessage> TokenAsync(HttpClient client, string email, string password, string? code = null) =>
        await client.PostAsJsonAsync(new Uri("/api/v1/auth/token", UriKind.Relative), new { email, password, code });

    [Test]
    public async Task TokenEndpoint_ForATwoFactorAccount_NeedsACurrentCode_AndNeverResetsTheCounterWithoutIt()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var browser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, email);
        var key = await TwoFactorTests.EnableAsync(browser);
        using var api = _factory.CreateClient();

        using (var passwordOnly = await TokenAsync(api, email, TestUsers.Password))
        {
            Assert.That(passwordOnly.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the password alone gets no token");
            Assert.That(await passwordOnly.Content.ReadAsStringAsync(), Does.Contain("Two-factor code required"));
        }

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await TokenAsync(api, email, TestUsers.Password, "000000");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (await TokenAsync(api, email, TestUsers.Password))
        {
        }

        Assert.That(await ScalarAsync<int>("SELECT access_failed_count FROM app_user WHERE email = @email", new { email }), Is.EqualTo(3),
            "a password-only call does not reset the failures counted for wrong codes");

        using (var right = await TokenAsync(api, email, TestUsers.Password, Totp.Code(key, DateTimeOffset.UtcNow)))
        {
            Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK), await right.Content.ReadAsStringAsync());
            using var body = JsonDocument.Parse(await right.Content.ReadAsStringAsync());
            Assert.That(body.RootElement.GetProperty("id").GetString(), Is.Not.Empty);
        }

        Assert.That(await ScalarAsync<int>("SELECT access_failed_count FROM app_user WHERE email = @email", new { email }), Is.Zero, "a full success resets it");

        // Interleaving wrong codes on the form and password-only calls on the API still locks the account.
        for (var i = 0; i < 5; i++)
        {
            using (await TokenAsync(api, email, TestUsers.Password, "111111"))
            {
            }

            using (await TokenAsync(api, email, TestUsers.Password))
            {
            }
        }

        using var locked = await TokenAsync(api, email, TestUsers.Password, Totp.Code(key, DateTimeOffset.UtcNow));
        Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "locked out after five wrong codes");
    }

    [Test]
    public async Task SignOut_EndsTheSessionAtOnce_TheOldCookieNoLongerWorks()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        var jar = new CookieContainerHandler();
        using var client = _factory.CreateDefaultClient(new Uri("http://localhost"), jar);
        using (await TestUsers.SignInAsync(client, email))
        {
        }

        var cookie = jar.Container.GetCookies(new Uri("http://localhost"))["survey.auth"]!.Value;
        var page = await client.GetStringAsync(new Uri("/account/password", UriKind.Relative));
        using (var logout = await client.PostAsync(new Uri("/account/logout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        })))
        {
            Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var replay = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/account/password", UriKind.Relative));
        request.Headers.Add("Cookie", "survey.auth=" + cookie);
        using var answer = await replay.SendAsync(request);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the copied cookie of a signed-out session is refused");
        Assert.That(answer.Headers.Location?.ToString(), Does.Contain("/account/login"));
    }

    [Test]
    public async Task DisablingAUser_EndsTheirSessionAtOnce_AFormPostIsNotStored()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var user = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(user, email);
        using (var before = await user.GetAsync(new Uri("/account/password", UriKind.Relative)))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var adminEmail = await TestUsers.CreateAsync(_factory, UserRoles.Admin);
        using var admin = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(admin, adminEmail);
        var id = await ScalarAsync<Guid>("SELECT id FROM app_user WHERE email = @email", new { email });
        var users = await admin.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        using (var disable = await admin.PostAsync(new Uri($"/admin/users/{id}/disable", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(users),
        })))
        {
            Assert.That(disable.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        using var after = await user.GetAsync(new Uri("/account/password", UriKind.Relative));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the very next request of the disabled user is signed out");
    }

    [Test]
    public async Task OneApiToken_IsListedAndRevoked_AndStopsAtOnce_AnotherUsersTokenIsNotFound()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var api = _factory.CreateClient();
        using var issued = await TokenAsync(api, email, TestUsers.Password);
        using var body = JsonDocument.Parse(await issued.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString();
        api.DefaultRequestHeaders.Authorization = new("Bearer", body.RootElement.GetProperty("token").GetString());

        var list = await api.GetStringAsync(new Uri("/api/v1/auth/tokens", UriKind.Relative));
        Assert.That(list, Does.Contain(id).And.Not.Contain("sct_"), "the list names tokens by id, never the token");

        using var other = await TestUsers.ApiClientAsync(_factory, UserRoles.Coordinator, "3523");
        using (var foreign = await other.DeleteAsync(new Uri($"/api/v1/auth/tokens/{id}", UriKind.Relative)))
        {
            Assert.That(foreign.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "another user's token is not theirs to revoke");
        }

        using (var revoke = await api.DeleteAsync(new Uri($"/api/v1/auth/tokens/{id}", UriKind.Relative)))
        {
            Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        using var after = await api.GetAsync(new Uri("/api/v1/auth/tokens", UriKind.Relative));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await ScalarAsync<long>("SELECT count(*) FROM signin_event WHERE event = 'token_revoked' AND detail->>'token' = @id", new { id }), Is.EqualTo(1));
    }

    [Test]
    public async Task UnknownEmail_IsHashedLikeARealOne_OnTheFormAndTheTokenEndpoint()
    {
        using var browser = _factory.CreateBrowserLikeClient();
        var before = _hasher.Verifications;
        using (await TestUsers.SignInAsync(browser, $"nobody-{Guid.NewGuid():N}@test.go.id", "Wrong-password-1"))
        {
        }

        Assert.That(_hasher.Verifications - before, Is.EqualTo(1), "the sign-in form hashes the password of an unknown email");
        using var api = _factory.CreateClient();
        before = _hasher.Verifications;
        using (await TokenAsync(api, $"nobody-{Guid.NewGuid():N}@test.go.id", "Wrong-password-1"))
        {
        }

        Assert.That(_hasher.Verifications - before, Is.EqualTo(1), "so does the token endpoint");
    }

    [Test]
    public async Task OpeningTheTwoFactorPage_ChangesNothing_ApiTokensKeepWorking()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(api, email));
        using var browser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, email);
        var stamp = await ScalarAsync<string>("SELECT security_stamp FROM app_user WHERE email = @email", new { email });

        for (var i = 0; i < 2; i++)
        {
            using var page = await browser.GetAsync(new Uri("/account/2fa", UriKind.Relative));
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await ScalarAsync<string>("SELECT security_stamp FROM app_user WHERE email = @email", new { email }), Is.EqualTo(stamp));
        Assert.That(await ScalarAsync<string?>("SELECT authenticator_key FROM app_user WHERE email = @email", new { email }), Is.Null);
        using var still = await api.GetAsync(new Uri("/api/v1/auth/tokens", UriKind.Relative));
        Assert.That(still.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a link to the page cannot end the user's API tokens");
    }

    [Test]
    public async Task TokensPage_ListsTheUsersTokens_AndItsButtonRevokesOne()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523");
        using var api = _factory.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(api, email));
        using var browser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, email);
        var page = await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative));
        var action = System.Text.RegularExpressions.Regex.Match(page, "action=\"(/account/tokens/[0-9a-f-]+/revoke)\"").Groups[1].Value;
        Assert.That(action, Is.Not.Empty, "the page lists the token with a revoke button");

        using var revoke = await browser.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(page) }));
        Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(await browser.GetStringAsync(new Uri("/account/tokens", UriKind.Relative)), Does.Contain("Token dicabut").And.Contain("Tidak ada token API"));
        using var after = await api.GetAsync(new Uri("/api/v1/auth/tokens", UriKind.Relative));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    /// <summary>The real hasher, counting its verifications.</summary>
    private sealed class CountingHasher : IPasswordHasher<AppUser>
    {
        private readonly PasswordHasher<AppUser> _inner = new();
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public string HashPassword(AppUser user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
