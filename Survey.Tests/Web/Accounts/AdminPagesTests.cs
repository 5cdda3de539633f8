using System.Net;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

public sealed class AdminPagesTests
{
    [Test]
    public async Task AdminPages_Evaluator_IsDenied()
    {
        using var factory = new SurveyWebFactory(TestDatabase.Shared);
        var email = await TestUsers.CreateAsync(factory, UserRoles.Evaluator);
        using var client = factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, email);

        using var response = await client.GetAsync(new Uri("/admin/users", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Html.Heading(await response.Content.ReadAsStringAsync()), Is.EqualTo("Akses ditolak"));
    }

    [Test]
    public async Task DisableUser_LastAdmin_IsRefused_OtherUserIsDisabledAndAudited()
    {
        var connectionString = TestDatabase.CreateMigrated("last-admin");
        using var factory = new SurveyWebFactory(connectionString);
        var admin = await TestUsers.CreateAsync(factory, UserRoles.Admin);
        var evaluator = await TestUsers.CreateAsync(factory, UserRoles.Evaluator);
        using var client = factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, admin);
        await using var connection = new NpgsqlConnection(connectionString);
        var adminId = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @Email", new { Email = admin });
        var evaluatorId = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @Email", new { Email = evaluator });

        using var api = factory.CreateClient();
        var evaluatorToken = await TestUsers.TokenAsync(api, evaluator);
        var page = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        using var refused = await client.PostAsync(new Uri($"/admin/users/{adminId}/disable", UriKind.Relative), Form(Html.AntiforgeryToken(page)));
        using var disabled = await client.PostAsync(new Uri($"/admin/users/{evaluatorId}/disable", UriKind.Relative), Form(Html.AntiforgeryToken(page)));

        Assert.That(await connection.QuerySingleAsync<bool>("SELECT disabled_at IS NULL FROM app_user WHERE id = @Id", new { Id = adminId }), Is.True);
        Assert.That(await connection.QuerySingleAsync<bool>("SELECT disabled_at IS NOT NULL FROM app_user WHERE id = @Id", new { Id = evaluatorId }), Is.True);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM signin_event WHERE event = 'user_disabled' AND user_id = @Id AND actor_id = @Actor", new { Id = evaluatorId, Actor = adminId }), Is.EqualTo(1));
        var after = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.That(after, Does.Contain("Administrator aktif terakhir tidak dapat dinonaktifkan.").Or.Contain("dinonaktifkan"));

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/regions", UriKind.Relative));
        tokenRequest.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", evaluatorToken);
        using var tokenAfterDisable = await api.SendAsync(tokenRequest);
        Assert.That(tokenAfterDisable.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a disabled user's token dies");

        using var signInDisabled = factory.CreateBrowserLikeClient();
        var html = await (await TestUsers.SignInAsync(signInDisabled, evaluator)).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Gagal masuk"), "a disabled user cannot sign in");
    }

    [Test]
    public async Task ResetPassword_ShowsATemporaryPasswordOnce_AndForcesAChangeAtNextSignIn()
    {
        using var factory = new SurveyWebFactory(TestDatabase.Shared);
        var admin = await TestUsers.CreateAsync(factory, UserRoles.Admin);
        var coordinator = await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "35" + Random.Shared.Next(10, 99).ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var client = factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, admin);
        await using var connection = new NpgsqlConnection(TestDatabase.Shared);
        var id = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @Email", new { Email = coordinator });
        var page = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative));

        using var reset = await client.PostAsync(new Uri($"/admin/users/{id}/reset-password", UriKind.Relative), Form(Html.AntiforgeryToken(page)));
        var shown = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        var temporary = System.Text.RegularExpressions.Regex.Match(shown, "hanya ditampilkan sekali\\): (Sc-[A-Za-z0-9=xy]+9a)").Groups[1].Value;
        Assert.That(temporary, Is.Not.Empty, "the temporary password is shown to the admin");
        Assert.That(await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative)), Does.Not.Contain(temporary), "shown once");

        using var user = factory.CreateBrowserLikeClient();
        using var signIn = await TestUsers.SignInAsync(user, coordinator, temporary);
        Assert.That(signIn.Headers.Location?.ToString(), Is.EqualTo("/account/password"));
        using var elsewhere = await user.GetAsync(new Uri("/indicators", UriKind.Relative));
        Assert.That(elsewhere.Headers.Location?.ToString(), Is.EqualTo("/account/password"), "nothing else until the password is changed");
    }

    private static FormUrlEncodedContent Form(string token) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
}
