using System.Net;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Localization;

public sealed class HomePageTests
{
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new SurveyWebFactory(TestDatabase.Shared);

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task Home_ByDefault_RendersInBahasaIndonesia()
    {
        using var client = _factory.CreateBrowserLikeClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.That(html, Does.Contain("<html lang=\"id\">"));
        Assert.That(Html.Heading(html), Is.EqualTo("Evaluasi Kota Cerdas"));
        Assert.That(html, Does.Contain("Koordinator daerah"));
    }

    [Test]
    public async Task Home_AfterSwitchingToEnglish_RendersInEnglish()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        using var switchResponse = await client.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ui"] = "en",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.That(switchResponse.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        Assert.That(html, Does.Contain("<html lang=\"en\">"));
        Assert.That(Html.Heading(html), Is.EqualTo("Smart City Evaluation"));
        Assert.That(html, Does.Contain("Regional coordinators"));
    }

    [Test]
    public async Task SwitchCulture_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = _factory.CreateBrowserLikeClient();

        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["ui"] = "en" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task SwitchCulture_ForeignReturnUrl_RedirectsHomeInstead()
    {
        using var client = _factory.CreateBrowserLikeClient();
        var token = Html.AntiforgeryToken(await client.GetStringAsync(new Uri("/", UriKind.Relative)));

        using var response = await client.PostAsync(new Uri("/culture", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["ui"] = "en",
            ["returnUrl"] = "https://evil.example/",
            ["__RequestVerificationToken"] = token,
        }));

        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo("/"));
    }
}
