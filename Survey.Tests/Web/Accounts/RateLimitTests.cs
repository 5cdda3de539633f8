using System.Net;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

public sealed class RateLimitTests
{
    [Test]
    public async Task TokenAndSignIn_BeyondTheLimit_Answer429()
    {
        using var factory = new SurveyWebFactory(TestDatabase.Shared, settings: new Dictionary<string, string> { ["Survey:RateLimits:SignInPerMinute"] = "3" });
        using var client = factory.CreateBrowserLikeClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await TestUsers.RequestTokenAsync(client, "nobody@test.go.id", "Wrong-Password-1");
            statuses.Add(response.StatusCode);
        }

        using var limited = await TestUsers.RequestTokenAsync(client, "nobody@test.go.id", "Wrong-Password-1");
        using var form = await TestUsers.SignInAsync(client, "nobody@test.go.id", "Wrong-Password-1");

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
