using System.Net;
using System.Text.Json;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Platform;

public sealed class HealthTests
{
    private SurveyWebFactory _factory = null!;

    [OneTimeSetUp]
    public void StartApp() => _factory = new SurveyWebFactory(TestDatabase.Shared);

    [OneTimeTearDown]
    public void StopApp() => _factory.Dispose();

    [Test]
    public async Task Healthz_DatabaseUp_Answers200WithJson()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("status").GetString(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Status_Api_AnswersSnakeCaseJsonWithSchemaVersion()
    {
        using var client = _factory.CreateClient();

        var json = await client.GetStringAsync(new Uri("/api/v1/status", UriKind.Relative));

        using var body = JsonDocument.Parse(json);
        Assert.That(body.RootElement.GetProperty("schema_version").GetString(), Does.Match("^[0-9]{4}_.*\\.sql$"));
        Assert.That(body.RootElement.GetProperty("migrations_applied").GetInt32(), Is.GreaterThanOrEqualTo(1));
    }

    [Test]
    public async Task UnknownApiPath_AnswersProblemDetails404()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/no-such-thing", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    [Test]
    public async Task UnknownPage_AnswersFriendly404Page()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(Html.Heading(await response.Content.ReadAsStringAsync()), Is.EqualTo("Halaman tidak ditemukan"));
    }

    [Test]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        using var client = _factory.CreateClient();

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        Assert.That(body.RootElement.GetProperty("openapi").GetString(), Does.StartWith("3."));
        var paths = body.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.That(paths, Does.Contain("/api/v1/status"));
        Assert.That(paths.Where(p => !p.StartsWith("/api/v1/", StringComparison.Ordinal)), Is.Empty, "only the JSON API is described");
    }
}
