using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>
/// Each role signs in, lands on its workbench and visits its main pages on a desktop (1280 px) and a phone
/// (390 px): nothing scrolls sideways, axe finds nothing serious or critical, and a screenshot of every page is
/// kept as an artifact.
/// </summary>
public sealed class RolesBrowserTests
{
    private const string Published = "2026-S1";
    private const string Open = "2026-S2";
    private BrowserApp _app = null!;
    private readonly Dictionary<string, string> _emails = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await BrowserApp.StartAsync("browser-roles");
        await TestWorld.SeedRegionsAsync(_app.ConnectionString);
        using var admin = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Published, "2026-01-01", "2026-06-30");
        await TestWorld.GenerateAsync(_app.Factory, new GenerationPlan(Published, [TestWorld.Tuban, TestWorld.Surabaya], 35, 6, Seed: 11, Status: "approved"));
        await admin.PostAsync(new Uri($"/api/v1/periods/{Published}/close", UriKind.Relative), null);
        using (var published = await admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{Published}/publish", UriKind.Relative), new { }))
        {
            Assert.That(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        await TestWorld.OpenPeriodAsync(admin, Open, "2026-07-01", "2099-12-31");
        await TestWorld.GenerateAsync(_app.Factory, new GenerationPlan(Open, [TestWorld.Surabaya], 35, 6, Seed: 12, Status: "submitted"));
        _emails["coordinator"] = await TestUsers.CreateAsync(_app.Factory, UserRoles.Coordinator, "3523");
        using (var tuban = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Coordinator, "3523"))
        {
            (await tuban.PostAsJsonAsync(new Uri("/api/v1/regions/3523/units", UriKind.Relative),
                new { code = "DISKOMINFO", name = "Dinas Komunikasi dan Informatika", kind = "agency", subtype = "dinas", head = "Kepala Dinas Kominfo", contact = "diskominfo@tubankab.go.id" })).Dispose();
            var villages = string.Join('\n', File.ReadLines(Path.Combine(TestContext.CurrentContext.TestDirectory, "demo", "villages-3523.csv")).Take(40));
            (await tuban.PostAsync(new Uri("/api/v1/regions/3523/units/import", UriKind.Relative), new StringContent(villages, System.Text.Encoding.UTF8, "text/csv"))).Dispose();
        }

        _emails["evaluator"] = await TestUsers.CreateAsync(_app.Factory, UserRoles.Evaluator);
        _emails["admin"] = await TestUsers.CreateAsync(_app.Factory, UserRoles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static IEnumerable<TestCaseData> Roles()
    {
        yield return new TestCaseData("coordinator", new[]
        {
            "/workbench", $"/periods/{Open}/regions/3523/entry/governance", $"/periods/{Open}/regions/3523/programmes",
            $"/periods/{Open}/regions/3523/programmes/new?dimension=governance", $"/periods/{Open}/regions/3523/survey",
            $"/periods/{Open}/regions/3523/submit", $"/periods/{Published}/regions/3523/scores", $"/periods/{Published}/regions/3523/dashboard",
            $"/periods/{Published}/regions/3523/history", "/regions/3523", $"/periods/{Open}/regions/3523/import",
            "/regions/3523/units", "/regions/3523/units/DISKOMINFO", "/regions/3523/units/import",
        }).SetName("Coordinator");
        yield return new TestCaseData("evaluator", new[]
        {
            "/workbench", $"/periods/{Open}/reviews", $"/periods/{Open}/regions/3578/review", $"/periods/{Published}/dashboard",
            $"/periods/{Published}/scores", $"/periods/{Published}/regions/3578/scores", $"/periods/{Open}/regions/3578/history",
        }).SetName("Evaluator");
        yield return new TestCaseData("admin", new[]
        {
            "/workbench", "/admin/periods", "/admin/users", "/admin/audit", $"/admin/periods/{Open}/close", $"/periods/{Open}/reviews",
            "/regions/3523",
        }).SetName("Administrator");
        yield return new TestCaseData("visitor", new[]
        {
            "/", "/results", "/indicators", "/methodology", $"/public/periods/{Published}", "/account/login",
        }).SetName("Visitor");
    }

    [TestCaseSource(nameof(Roles))]
    [CancelAfter(300_000)]
    public async Task LandsOnItsWorkbench_AndItsMainPagesFitPhoneAndDesktop(string role, string[] paths)
    {
        var problems = new List<string>();
        foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
        {
            var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                ViewportSize = new ViewportSize { Width = width, Height = height },
                BaseURL = _app.BaseUrl,
                Locale = "id-ID",
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            if (_emails.TryGetValue(role, out var email))
            {
                await page.GotoAsync("/account/login");
                await page.FillAsync("input[name=Email]", email);
                await page.FillAsync("input[name=Password]", TestUsers.Password);
                await page.ClickAsync("main button[type=submit]");
                await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
                Assert.That(new Uri(page.Url).AbsolutePath, Is.EqualTo("/workbench"), $"{role} lands on the workbench");
                Assert.That(await page.TextContentAsync("h1"), Does.StartWith("Meja kerja"));
            }

            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                var name = $"{role}-{width}-{path.Trim('/').Replace('/', '_').Replace('?', '_').Replace('=', '_')}";
                await BrowserApp.KeepScreenshotAsync(page, name);
                if (response is null || response.Status >= 400)
                {
                    problems.Add($"{path} at {width} px answered {response?.Status}");
                    continue;
                }

                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                if (overflow > 0)
                {
                    var wide = await page.EvaluateAsync<string>(
                        """
                        () => {
                          const width = document.documentElement.clientWidth;
                          const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) { const o = getComputedStyle(a).overflowX; if (o !== 'visible') return true; } return false; };
                          return [...document.querySelectorAll('body *')]
                            .filter(e => e.getBoundingClientRect().right > width + 1 && !clipped(e))
                            .slice(0, 3).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ');
                        }
                        """);
                    problems.Add($"{path} at {width} px scrolls sideways by {overflow} px ({wide})");
                }

                var axe = await page.RunAxe();
                problems.AddRange(axe.Violations.Where(v => v.Impact is "serious" or "critical")
                    .Select(v => $"{path} at {width} px: {v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(2).Select(n => n.Html))})"));
            }

            await context.CloseAsync();
        }

        Assert.That(problems, Is.Empty);
    }
}
