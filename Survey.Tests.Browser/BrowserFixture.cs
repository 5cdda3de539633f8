using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>
/// The real app on a loopback port (Kestrel) against its own test database, and Debian's Chromium driven
/// headless by Playwright. Shared by the browser tests of a fixture.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private BrowserApp(SurveyWebFactory factory, IPlaywright playwright, IBrowser browser, string baseUrl, string connectionString)
    {
        Factory = factory;
        Playwright = playwright;
        Browser = browser;
        BaseUrl = baseUrl;
        ConnectionString = connectionString;
    }

    public SurveyWebFactory Factory { get; }

    public IPlaywright Playwright { get; }

    public IBrowser Browser { get; }

    public string BaseUrl { get; }

    public string ConnectionString { get; }

    public static async Task<BrowserApp> StartAsync(string purpose)
    {
        var chromium = Environment.GetEnvironmentVariable("SURVEY_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            Assert.Fail($"Chromium is not installed at {chromium}; ./test.sh installs Debian's chromium package.");
        }

        var connectionString = TestDatabase.CreateMigrated(purpose);
        var factory = new SurveyWebFactory(connectionString);
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        var baseUrl = addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new BrowserApp(factory, playwright, browser, baseUrl, connectionString);
    }

    /// <summary>A phone-sized page (390x844), with or without JavaScript.</summary>
    public async Task<IPage> PhoneAsync(bool javaScript = true)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            JavaScriptEnabled = javaScript,
            BaseURL = BaseUrl,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Keeps a screenshot of <paramref name="page"/> as a test artifact (used when a step fails).</summary>
    public static async Task KeepScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{TestContext.CurrentContext.Test.Name}-{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path, name);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Factory.DisposeAsync();
    }
}
