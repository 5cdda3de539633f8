using System.Net;
using System.Net.Http.Headers;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

/// <summary>Lockout and token expiry with short times configured for this app instance.</summary>
public sealed class LockoutAndExpiryTests
{
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new SurveyWebFactory(TestDatabase.Shared, settings: new Dictionary<string, string>
    {
        ["Survey:LockoutMinutes"] = "0.05",
        ["Survey:TokenHours"] = "0.0004",
    });

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task SixthWrongPassword_LocksTheAccount_AndTheLockLiftsAfterItsTime()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Evaluator);
        using var client = _factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TestUsers.RequestTokenAsync(client, email, "Wrong-Password-1");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var locked = await TestUsers.RequestTokenAsync(client, email, TestUsers.Password))
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the right password is refused while locked");
        }

        await Task.Delay(TimeSpan.FromSeconds(3.5));

        using var lifted = await TestUsers.RequestTokenAsync(client, email, TestUsers.Password);
        Assert.That(lifted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Token_AfterItsExpiry_Answers401()
    {
        var email = await TestUsers.CreateAsync(_factory, UserRoles.Admin);
        using var client = _factory.CreateClient();
        var token = await TestUsers.TokenAsync(client, email);

        await Task.Delay(TimeSpan.FromSeconds(2));

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/users", UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
