using System.Net;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Platform;

/// <summary>The app while its own PostgreSQL goes away and comes back.</summary>
public sealed class DatabaseFaultTests
{
    [Test]
    public async Task DatabaseStopped_HealthAndPagesAnswer503_AndRecoverWhenItIsBack()
    {
        using var cluster = PostgresCluster.Start();
        using var factory = new SurveyWebFactory(cluster.ConnectionString);
        using var client = factory.CreateClient();
        Assert.That((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var script = await TestUsers.ApiClientAsync(factory, Survey.Domain.Accounts.UserRoles.Admin);
        using var browser = factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(browser, await TestUsers.CreateAsync(factory, Survey.Domain.Accounts.UserRoles.Evaluator));

        cluster.Stop();

        using (var bearer = await script.GetAsync(new Uri("/api/v1/users", UriKind.Relative)))
        {
            Assert.That(bearer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a bearer token's caller gets the same 503 as everyone");
            Assert.That(bearer.Headers.RetryAfter, Is.Not.Null);
            Assert.That(bearer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }

        using (var signedIn = await browser.GetAsync(new Uri("/reviews", UriKind.Relative)))
        {
            Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "a signed-in page (its session is read from the database) answers 503");
            Assert.That(Html.Heading(await signedIn.Content.ReadAsStringAsync()), Is.EqualTo("Layanan sedang tidak tersedia"));
        }

        using (var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        }

        using (var page = await client.GetAsync(new Uri("/", UriKind.Relative)))
        {
            var html = await page.Content.ReadAsStringAsync();
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(Html.Heading(html), Is.EqualTo("Layanan sedang tidak tersedia"));
            Assert.That(html, Does.Not.Contain("Exception").And.Not.Contain(" at Survey."), "no stack trace on the page");
        }

        using (var api = await client.GetAsync(new Uri("/api/v1/status", UriKind.Relative)))
        {
            Assert.That(api.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(api.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        }

        cluster.Resume();

        Assert.That((await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await script.GetAsync(new Uri("/api/v1/users", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the token works again");
        Assert.That((await browser.GetAsync(new Uri("/reviews", UriKind.Relative))).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session survived the outage");
    }
}
