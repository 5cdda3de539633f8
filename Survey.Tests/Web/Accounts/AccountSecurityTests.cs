using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

public sealed class AccountSecurityTests
{
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new SurveyWebFactory(TestDatabase.Shared);

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task ProtectedPage_Anonymous_RedirectsToLogin()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync(new Uri("/account/password", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("/account/login"));
    }

    [Test]
    public async Task Api_WithoutToken_Answers401Json_AndASignInCookieDoesNotCount()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Admin);
        using var client = _factory.CreateBrowserLikeClient();
        using var signIn = await TestUsers.SignInAsync(client, email);
        Assert.That(signIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var response = await client.GetAsync(new Uri("/api/v1/users", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task Login_WithoutAntiforgeryToken_IsRejected()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = TestUsers.Password,
        }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Login_WrongPassword_ShowsOneMessageThatDoesNotRevealTheAccount()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var client = _factory.CreateBrowserLikeClient();

        var wrong = await (await TestUsers.SignInAsync(client, email, "Wrong-Password-1")).Content.ReadAsStringAsync();
        var unknown = await (await TestUsers.SignInAsync(client, "nobody-" + email, "Wrong-Password-1")).Content.ReadAsStringAsync();

        var message = "Gagal masuk: email atau kata sandi salah, atau akun dikunci sementara selama 15 menit setelah 5 kali gagal.";
        Assert.That(wrong, Does.Contain(message));
        Assert.That(unknown, Does.Contain(message));
        Assert.That(wrong, Does.Contain($"value=\"{email}\""), "the typed email is kept");
        Assert.That(wrong, Does.Not.Contain("Wrong-Password-1"), "the password is never echoed");
    }

    [Test]
    public async Task Login_Success_SetsAHttpOnlyLaxCookie_AndTheSecurityHeaders()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await TestUsers.SignInAsync(client, email);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("survey.auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.That(cookie, Does.Contain("httponly").And.Contain("samesite=lax"));
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.Contain("script-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline"));
        Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
        Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("strict-origin-when-cross-origin"));
    }

    [Test]
    public async Task Passwords_AreStoredOnlyAsHashes()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        await using var connection = new NpgsqlConnection(TestDatabase.Shared);

        var row = await connection.QuerySingleAsync<string>("SELECT row_to_json(u)::text FROM app_user u WHERE email = @Email", new { Email = email });
        var hash = await connection.QuerySingleAsync<string>("SELECT password_hash FROM app_user WHERE email = @Email", new { Email = email });

        Assert.That(row, Does.Not.Contain(TestUsers.Password));
        Assert.That(hash, Does.StartWith("AQAAAA"), "ASP.NET Core Identity v3 hash (PBKDF2)");
        var audit = await connection.QueryAsync<string>("SELECT detail::text FROM signin_event");
        Assert.That(audit, Has.None.Contain(TestUsers.Password));
    }

    [Test]
    public async Task Token_IssuedAndUsed_ThenRevokedByPasswordChange()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Admin);
        using var client = _factory.CreateClient();
        var token = await TestUsers.TokenAsync(client, email);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/users", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var ok = await client.SendAsync(request))
        {
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using var browser = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, email);
        var form = Html.AntiforgeryToken(await browser.GetStringAsync(new Uri("/account/password", UriKind.Relative)));
        using var change = await browser.PostAsync(new Uri("/account/password", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["CurrentPassword"] = TestUsers.Password,
            ["NewPassword"] = "Another-Password-2027",
            ["ConfirmPassword"] = "Another-Password-2027",
            ["__RequestVerificationToken"] = form,
        }));
        Assert.That(change.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/users", UriKind.Relative));
        again.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var revoked = await client.SendAsync(again);
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Token_Forbidden_AnswersJson403ForACoordinatorOnAdminApi()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "35" + Random.Shared.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(client, email));

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative), new { email = "x@y.id" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task UsersApi_InvalidUser_Answers422WithPerFieldErrors()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Admin);
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TestUsers.TokenAsync(client, email));

        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
            new { email = "not-an-email", name = "", role = "coordinator", region = "9998", password = "short" });

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        Assert.That(body, Does.Contain("\"email\"").And.Contain("\"name\"").And.Contain("Daerah 9998 tidak ada dalam registri."));
    }
}
