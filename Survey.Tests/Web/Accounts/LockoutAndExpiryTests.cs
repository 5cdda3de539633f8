using System.Net;
using System.Net.Http.Headers;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

/// <summary>Lockout and token expiry on the app's clock (a fake TimeProvider moved by the test, never waited on).</summary>
public sealed class LockoutAndExpiryTests
{
    [Test]
    public async Task SixthWrongPassword_LocksTheAccount_AndTheLockLiftsAfterItsTime_OnTheAppsClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new SurveyWebFactory(TestDatabase.Shared, settings: new Dictionary<string, string> { ["Survey:LockoutMinutes"] = "15" })
        {
            TestServices = services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, clock),
        };
        var email = await TestUsers.CreateAsync(factory, UserRoles.Evaluator);
        using var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var wrong = await TestUsers.RequestTokenAsync(client, email, "Wrong-Password-1");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using (var locked = await TestUsers.RequestTokenAsync(client, email, TestUsers.Password))
        {
            Assert.That(locked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the right password is refused while locked");
        }

        clock.Advance(TimeSpan.FromMinutes(14));
        using (var stillLocked = await TestUsers.RequestTokenAsync(client, email, TestUsers.Password))
        {
            Assert.That(stillLocked.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "still locked after 14 of its 15 minutes");
        }

        clock.Advance(TimeSpan.FromMinutes(2));
        using var lifted = await TestUsers.RequestTokenAsync(client, email, TestUsers.Password);
        Assert.That(lifted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the lock lifts after its 15 minutes");
    }

    [Test]
    public async Task Token_AfterItsExpiry_Answers401_OnTheAppsClock()
    {
        // The app's TimeProvider is a fake: the token ages by moving the clock, not by waiting.
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        using var factory = new SurveyWebFactory(TestDatabase.Shared, settings: new Dictionary<string, string> { ["Survey:TokenHours"] = "1" })
        {
            TestServices = services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, clock),
        };
        var email = await TestUsers.CreateAsync(factory, UserRoles.Admin);
        using var client = factory.CreateClient();
        var token = await TestUsers.TokenAsync(client, email);
        async Task<HttpStatusCode> UsersAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/users", UriKind.Relative));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.That(await UsersAsync(), Is.EqualTo(HttpStatusCode.OK), "valid within its hour");
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.That(await UsersAsync(), Is.EqualTo(HttpStatusCode.Unauthorized), "expired after its hour");
    }
}
