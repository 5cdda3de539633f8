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

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.ToString(), Does.Contain("/error/403"));
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

        var page = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        using var refused = await client.PostAsync(new Uri($"/admin/users/{adminId}/disable", UriKind.Relative), Form(Html.AntiforgeryToken(page)));
        using var disabled = await client.PostAsync(new Uri($"/admin/users/{evaluatorId}/disable", UriKind.Relative), Form(Html.AntiforgeryToken(page)));

        Assert.That(await connection.QuerySingleAsync<bool>("SELECT disabled_at IS NULL FROM app_user WHERE id = @Id", new { Id = adminId }), Is.True);
        Assert.That(await connection.QuerySingleAsync<bool>("SELECT disabled_at IS NOT NULL FROM app_user WHERE id = @Id", new { Id = evaluatorId }), Is.True);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM signin_event WHERE event = 'user_disabled' AND user_id = @Id AND actor_id = @Actor", new { Id = evaluatorId, Actor = adminId }), Is.EqualTo(1));
        var after = await client.GetStringAsync(new Uri("/admin/users", UriKind.Relative));
        Assert.That(after, Does.Contain("Administrator aktif terakhir tidak dapat dinonaktifkan.").Or.Contain("dinonaktifkan"));

        using var signInDisabled = factory.CreateBrowserLikeClient();
        var html = await (await TestUsers.SignInAsync(signInDisabled, evaluator)).Content.ReadAsStringAsync();
        Assert.That(html, Does.Contain("Gagal masuk"), "a disabled user cannot sign in");
    }

    private static FormUrlEncodedContent Form(string token) =>
        new(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
}
