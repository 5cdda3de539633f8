using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>The dashboards in a real browser, on a phone and on a desktop: charts load, nothing scrolls sideways, axe finds nothing serious.</summary>
public sealed class DashboardBrowserTests
{
    private BrowserApp _app = null!;
    private string _tuban = null!;
    private string _evaluator = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await BrowserApp.StartAsync("browser-dashboards");
        await TestWorld.SeedRegionsAsync(_app.ConnectionString);
        using var admin = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1");

        // Both regions filled with labelled synthetic data, then the period is closed and published.
        await TestWorld.GenerateAsync(_app.Factory, new GenerationPlan("2026-S1", [TestWorld.Tuban, TestWorld.Surabaya], 35, 12, Seed: 7, Status: "approved"));

        await admin.PostAsync(new Uri("/api/v1/periods/2026-S1/close", UriKind.Relative), null);
        using var published = await admin.PostAsJsonAsync(new Uri("/api/v1/periods/2026-S1/publish", UriKind.Relative), new { });
        Assert.That(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        _tuban = await TestUsers.CreateAsync(_app.Factory, UserRoles.Coordinator, "3523");
        _evaluator = await TestUsers.CreateAsync(_app.Factory, UserRoles.Evaluator);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private async Task<IPage> SignedInAsync(string? email, int width, int height)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = _app.BaseUrl,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        if (email is not null)
        {
            await page.GotoAsync("/account/login");
            await page.FillAsync("input[name=Email]", email);
            await page.FillAsync("input[name=Password]", TestUsers.Password);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        }

        return page;
    }

    private static async Task AssertDashboardAsync(IPage page, string path, string name)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        // Lazy images below the fold load once scrolled into view.
        await page.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserApp.KeepScreenshotAsync(page, name);
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), $"{name}: no horizontal scrolling");
        var broken = await page.EvaluateAsync<int>("[...document.querySelectorAll('figure img')].filter(i => !(i.complete && i.naturalWidth > 0)).length");
        Assert.That(broken, Is.Zero, $"{name}: every chart image loaded");
        Assert.That(await page.Locator("figure img").CountAsync(), Is.GreaterThan(0), $"{name}: charts shown");
        var result = await page.RunAxe();
        Assert.That(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}"), Is.Empty, name);
    }

    [TestCase(390, 844, TestName = "Dashboards_OnAPhone")]
    [TestCase(1280, 900, TestName = "Dashboards_OnADesktop")]
    [CancelAfter(240_000)]
    public async Task Dashboards_RenderWithoutHorizontalScrolling(int width, int height)
    {
        var coordinator = await SignedInAsync(_tuban, width, height);
        await AssertDashboardAsync(coordinator, "/periods/2026-S1/regions/3523/dashboard", $"region-{width}");
        var evaluator = await SignedInAsync(_evaluator, width, height);
        await AssertDashboardAsync(evaluator, "/periods/2026-S1/dashboard", $"national-{width}");
        var visitor = await SignedInAsync(null, width, height);
        await AssertDashboardAsync(visitor, "/public/periods/2026-S1", $"public-{width}");
    }
}
