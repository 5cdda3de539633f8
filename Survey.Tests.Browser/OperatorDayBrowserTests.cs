using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>
/// A unit operator's day on a desktop (1280 px) and a phone (390 px): sign in, fill the value assigned to the
/// unit, add the unit's programme with a risk, mark the contribution ready on the unit's page; then the
/// coordinator sees it on the region's unit overview and returns it with a reason. Every page fits the screen and
/// axe finds nothing serious or critical; screenshots are kept.
/// </summary>
public sealed class OperatorDayBrowserTests
{
    private const string Open = "2026-S2";
    private BrowserApp _app = null!;
    private string _coordinator = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await BrowserApp.StartAsync("browser-operator");
        await TestWorld.SeedRegionsAsync(_app.ConnectionString);
        using var admin = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Open, "2026-07-01", "2099-12-31");
        _coordinator = await TestUsers.CreateAsync(_app.Factory, UserRoles.Coordinator, "3523");
        using var tuban = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Coordinator, "3523");
        foreach (var (code, name) in new[] { ("DISKOMINFO", "Dinas Komunikasi dan Informatika"), ("BAPPEDA", "Badan Perencanaan Pembangunan Daerah") })
        {
            (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative), new { code, name, kind = "agency" })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync(new Uri("/api/v1/users", UriKind.Relative),
                new { email = $"{code.ToLowerInvariant()}@test.go.id", name = $"Operator {code}", role = "unit_operator", region = "3523", unit = code, password = TestUsers.Password })).EnsureSuccessStatusCode();
        }

        (await tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Open}/regions/3523/indicator-assignments", UriKind.Relative),
            new[] { new { key = "37122:10.2", unit = "DISKOMINFO" }, new { key = "37122:10.3", unit = "BAPPEDA" } })).EnsureSuccessStatusCode();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [TestCase(1280, 900, "DISKOMINFO", "10-2", "64,5", TestName = "OperatorDay_Desktop")]
    [TestCase(390, 844, "BAPPEDA", "10-3", "3", TestName = "OperatorDay_Phone")]
    [CancelAfter(300_000)]
    public async Task AnOperatorFillsItsPart_MarksItReady_AndTheCoordinatorReturnsIt(int width, int height, string unit, string clause, string value)
    {
        var problems = new List<string>();
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = _app.BaseUrl,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await SignInAsync(page, $"{unit.ToLowerInvariant()}@test.go.id");

        // The workbench shows the operator's own unit and no way to submit the region.
        await page.GotoAsync("/workbench");
        await CheckAsync(page, $"{unit}-{width}-workbench", problems);
        Assert.That(await page.TextContentAsync("[data-own-unit]"), Does.Contain("Unit Anda"));
        Assert.That(await page.Locator($"a[href='/periods/{Open}/regions/3523/submit']").CountAsync(), Is.Zero, "an operator cannot submit the region");

        // The value assigned to the unit: the others are read-only, the source defaults to the unit's name.
        await page.GotoAsync($"/periods/{Open}/regions/3523/entry/governance");
        await CheckAsync(page, $"{unit}-{width}-entry", problems);
        Assert.That(await page.IsDisabledAsync("#ind-5-1-value"), Is.True, "an indicator not assigned to the unit is read-only");
        Assert.That(await page.InputValueAsync($"#ind-{clause}-src"), Is.Not.Empty, "the source defaults to the unit's name");
        await page.FillAsync($"#ind-{clause}-value", value);
        await JourneyBrowserTests.SaveFormAsync(page);
        await page.GotoAsync($"/periods/{Open}/regions/3523/entry/governance");
        Assert.That(await page.InputValueAsync($"#ind-{clause}-value"), Is.EqualTo(value), "the value is saved as typed (id-ID)");

        // The unit's own programme with a risk.
        await page.GotoAsync($"/periods/{Open}/regions/3523/programmes/new?dimension=governance");
        await CheckAsync(page, $"{unit}-{width}-programme", problems);
        await page.SelectOptionAsync("#p-element", "governance/pelayanan-publik");
        await page.FillAsync("#p-name", $"Layanan daring {unit}");
        await page.CheckAsync("#p-level-2");
        await page.FillAsync("#p-justification", "Sudah berjalan di dua kecamatan");
        await page.FillAsync("#r0-title", "Anggaran terlambat");
        await page.SelectOptionAsync("#r0-l", "3");
        await page.SelectOptionAsync("#r0-i", "4");
        await JourneyBrowserTests.SaveFormAsync(page);
        await page.GotoAsync($"/periods/{Open}/regions/3523/programmes");
        Assert.That(await page.TextContentAsync("main"), Does.Contain($"Layanan daring {unit}"));

        // The unit's page: mark the contribution ready.
        await page.GotoAsync($"/periods/{Open}/regions/3523/units/{unit}");
        await CheckAsync(page, $"{unit}-{width}-unit", problems);
        await page.ClickAsync("button:has-text('Tandai kontribusi siap')");
        await page.WaitForLoadStateAsync();
        Assert.That(await page.TextContentAsync("[role=status]"), Does.Contain("ditandai siap"));
        await CheckAsync(page, $"{unit}-{width}-ready", problems);
        await page.GotoAsync($"/periods/{Open}/regions/3523/entry/governance");
        Assert.That(await page.IsDisabledAsync($"#ind-{clause}-value"), Is.True, "a ready contribution is read-only for the operator");
        await context.CloseAsync();

        // The coordinator: the overview, then the return with a reason.
        context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = _app.BaseUrl,
            Locale = "id-ID",
        });
        context.SetDefaultTimeout(20_000);
        page = await context.NewPageAsync();
        await SignInAsync(page, _coordinator);
        await page.GotoAsync($"/periods/{Open}/regions/3523/units");
        await CheckAsync(page, $"{unit}-{width}-overview", problems);
        Assert.That(await page.TextContentAsync("table"), Does.Contain("Siap"));
        await page.GotoAsync($"/periods/{Open}/regions/3523/units/{unit}");
        await page.ClickAsync("button:has-text('Kembalikan ke unit')");
        await page.WaitForLoadStateAsync();
        Assert.That(await page.TextContentAsync("[role=alert]"), Does.Contain("alasan"), "an empty reason is refused with a message");
        await CheckAsync(page, $"{unit}-{width}-return-refused", problems);
        await page.FillAsync("#return-reason", "Sumber data harus laporan 2026");
        await page.ClickAsync("button:has-text('Kembalikan ke unit')");
        await page.WaitForLoadStateAsync();
        Assert.That(await page.TextContentAsync("main"), Does.Contain("Dikembalikan: Sumber data harus laporan 2026"));
        await CheckAsync(page, $"{unit}-{width}-returned", problems);
        await context.CloseAsync();

        Assert.That(problems, Is.Empty);
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", TestUsers.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    // The page fits the screen and axe finds nothing serious; a screenshot is kept.
    private static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        await BrowserApp.KeepScreenshotAsync(page, name);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        if (overflow > 0)
        {
            problems.Add($"{name} scrolls sideways by {overflow} px");
        }

        var axe = await page.RunAxe();
        problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{name}: {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(2).Select(n => n.Html))})"));
    }
}
