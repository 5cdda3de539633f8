using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Hostile;

/// <summary>
/// The app on a real Kestrel socket behind a (simulated) reverse proxy: Host headers, forwarded headers, HSTS,
/// secure cookies, the Server header, links built from the configured public address, body-size limits.
/// </summary>
public sealed class DeploymentEdgeTests
{
    private const string PublicHost = "evaluasi.example";
    private SurveyWebFactory _factory = null!;
    private Uri _address = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        var connectionString = TestDatabase.CreateMigrated("deployment");
        _factory = new SurveyWebFactory(connectionString, settings: new Dictionary<string, string>
        {
            ["AllowedHosts"] = $"{PublicHost};127.0.0.1;localhost",
            ["Survey:PublicBaseUrl"] = $"https://{PublicHost}",
            ["Survey:Proxy:Enabled"] = "true",
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _address = new Uri(_factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _address };
        await TestWorld.SeedRegionsAsync(connectionString);
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _http.Dispose();
        _factory.Dispose();
    }

    [Test]
    public async Task AnUnknownHostHeader_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "evil.example";
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task BehindTheProxy_HttpsGetsHstsAndSecureCookies_AndNoServerHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = PublicHost;
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        using var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Headers.Contains("Strict-Transport-Security"), Is.True, "HSTS over https");
        Assert.That(response.Headers.GetValues("Set-Cookie").All(c => c.Contains("secure", StringComparison.OrdinalIgnoreCase)), Is.True, "cookies are Secure under https");
        Assert.That(response.Headers.Contains("Server"), Is.False, "no Server header");

        using var plain = await _http.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.That(plain.Headers.Contains("Strict-Transport-Security"), Is.False, "no HSTS over plain http");
    }

    [Test]
    public async Task LinksAndTheApiDescription_UseThePublicBaseUrl_NotTheHostHeader()
    {
        using var admin = new HttpClient { BaseAddress = _address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(admin, await TestUsers.CreateAsync(_factory, UserRoles.Admin)));
        await TestWorld.OpenPeriodAsync(admin, "2026-S1");
        using var coordinator = new HttpClient { BaseAddress = _address };
        coordinator.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(coordinator, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523")));
        using var links = await coordinator.PostAsync(new Uri("/api/v1/periods/2026-S1/regions/3523/invitations", UriKind.Relative),
            new StringContent("""{"count": 2}""", Encoding.UTF8, "application/json"));
        var body = await links.Content.ReadAsStringAsync();
        Assert.That(links.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        Assert.That(body, Does.Contain($"https://{PublicHost}/s/"));

        using var api = await _http.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = await api.Content.ReadAsStringAsync();
        Assert.That(document, Does.Contain($"https://{PublicHost}").And.Not.Contain("127.0.0.1"));
        Assert.That(document, Does.Not.Contain("bench"), "the benchmark endpoint is not described");
    }

    [Test]
    public async Task ApiAnswers_AreNotCached()
    {
        using var admin = new HttpClient { BaseAddress = _address };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(admin, await TestUsers.CreateAsync(_factory, UserRoles.Admin)));
        using var users = await admin.GetAsync(new Uri("/api/v1/users", UriKind.Relative));
        Assert.That(users.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task AFortyMegabyteJsonBody_Answers413()
    {
        // Sent by hand: the server answers as soon as the declared length exceeds its limit, before the body is sent.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(_address.Host, _address.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /api/v1/responses HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {40 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head + "[" + new string(' ', 64 * 1024)));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync();
        Assert.That(status, Does.StartWith("HTTP/1.1 413"));
        Assert.That(_factory.Errors, Is.Empty);
    }
}
