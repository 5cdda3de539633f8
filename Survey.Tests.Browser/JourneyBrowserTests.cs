using System.Net.Http.Json;
using ClosedXML.Excel;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Survey.Data.Catalogue;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>
/// The semester as people live it, in a real browser: the Tuban coordinator fills values (id-ID, with a
/// mistake), attaches evidence, adds a programme with a risk, creates survey links and submits; respondents
/// answer on a phone (one leaves and resumes, one reuses a link); the evaluator returns a value, the
/// coordinator fixes it and resubmits, the evaluator sees the diff and approves; the admin publishes; the
/// dashboards and the Excel reports follow. A screenshot of the failing step is kept.
/// </summary>
public sealed class JourneyBrowserTests
{
    private const string Period = "2026-S1";
    private BrowserApp _app = null!;
    private string _tuban = null!;
    private string _evaluator = null!;
    private string _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await BrowserApp.StartAsync("browser-journey");
        await TestWorld.SeedRegionsAsync(_app.ConnectionString);
        using var admin = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        _tuban = await TestUsers.CreateAsync(_app.Factory, UserRoles.Coordinator, "3523");
        _evaluator = await TestUsers.CreateAsync(_app.Factory, UserRoles.Evaluator);
        _admin = await TestUsers.CreateAsync(_app.Factory, UserRoles.Admin);

        // Everything but two governance values is "not available" already, so that the journey stays short;
        // Surabaya submitted synthetic data, so that there is a ranking.
        using var tuban = _app.Factory.CreateClient();
        tuban.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(tuban, _tuban));
        var keys = IndicatorFiles.Load(RepositoryPaths.Indicators).Catalogue.Indicators.Select(i => i.Key).Where(k => k is not "37122:5.1" and not "37122:10.2");
        using (var put = await tuban.PutAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/indicator-values", UriKind.Relative), keys.Select(k => new { key = k, not_available_reason = "Belum dikumpulkan" })))
        {
            Assert.That(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        await TestWorld.GenerateAsync(_app.Factory, new GenerationPlan(Period, [TestWorld.Surabaya], 35, 12, Seed: 3, Status: "approved"));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private async Task<IPage> SignInAsync(string email, int width = 1280, int height = 900)
    {
        var context = await _app.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = _app.BaseUrl, Locale = "id-ID", AcceptDownloads = true });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=Email]", email);
        await page.FillAsync("input[name=Password]", TestUsers.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        return page;
    }

    private static async Task StepAsync(IPage page, string name, Func<Task> step)
    {
        try
        {
            await step();
        }
        catch
        {
            await BrowserApp.KeepScreenshotAsync(page, name);
            throw;
        }
    }

    /// <summary>"Simpan" of the entry form: the page waits for autosaves in flight, then posts; this waits for the post.</summary>
    internal static async Task SaveFormAsync(IPage page)
    {
        // The page that was there is marked; the save is done when a new document has replaced it.
        await page.EvaluateAsync("() => { window.__beforeSave = true; }");
        await page.ClickAsync(".sticky-save button[type=submit]");
        await page.WaitForFunctionAsync("() => !window.__beforeSave && document.readyState !== 'loading'");
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        Assert.That(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})"), Is.Empty, name);
    }

    private static async Task<string> DownloadAsync(IPage page, Func<Task> click)
    {
        var download = await page.RunAndWaitForDownloadAsync(click);
        var path = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}-{download.SuggestedFilename}");
        await download.SaveAsAsync(path);
        return path;
    }

    private static async Task AnswerPagesAsync(IPage page, int from, int to)
    {
        for (var step = from; step <= to; step++)
        {
            Assert.That(await page.TextContentAsync("body"), Does.Contain($"Halaman {step} dari 7"));
            foreach (var fieldset in await page.Locator("fieldset").AllAsync())
            {
                await fieldset.GetByLabel("4 – Setuju").CheckAsync();
            }

            await page.GetByRole(AriaRole.Button, new() { Name = step == 7 ? "Kirim jawaban" : "Lanjut" }).ClickAsync();
        }
    }

    [Test]
    [CancelAfter(400_000)]
    public async Task TheSemester_FromEntryToPublishedReports()
    {
        var coordinator = await SignInAsync(_tuban);
        var entry = $"/periods/{Period}/regions/3523/entry/governance";
        await StepAsync(coordinator, "1-mistake", async () =>
        {
            await coordinator.GotoAsync(entry);
            await coordinator.FillAsync("#ind-5-1-value", "120");
            await coordinator.FillAsync("#ind-5-1-src", "BPS Kabupaten Tuban");
            await SaveFormAsync(coordinator);
            Assert.That(await coordinator.InputValueAsync("#ind-5-1-value"), Is.EqualTo("120"), "what was typed is kept");
            Assert.That(await coordinator.TextContentAsync("#ind-5-1-value-err"), Does.Contain("100"));
            await AssertAccessibleAsync(coordinator, "coordinator form");
        });

        await StepAsync(coordinator, "2-values-and-evidence", async () =>
        {
            await coordinator.FillAsync("#ind-5-1-value", "12,5");
            await coordinator.FillAsync("#ind-10-2-value", "45,5");
            await coordinator.FillAsync("#ind-10-2-src", "Diskominfo");
            var pdf = Path.Combine(Path.GetTempPath(), "bukti-journey.pdf");
            await File.WriteAllBytesAsync(pdf, System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"));
            await coordinator.SetInputFilesAsync("#ind-5-1-file", pdf);
            await SaveFormAsync(coordinator);
            await coordinator.GotoAsync(entry);
            Assert.That(await coordinator.InputValueAsync("#ind-5-1-value"), Is.EqualTo("12,5"));
            Assert.That(await coordinator.Locator("#ind-5-1").TextContentAsync(), Does.Contain("bukti-journey.pdf"));
        });

        await StepAsync(coordinator, "3-programme", async () =>
        {
            await coordinator.GotoAsync($"/periods/{Period}/regions/3523/programmes/new?dimension=governance");
            await coordinator.SelectOptionAsync("#p-element", "governance/pelayanan-publik");
            await coordinator.FillAsync("input[name=Name]", "Mal Pelayanan Publik Tuban");
            await coordinator.CheckAsync("input[name=MaturityLevel][value='3']");
            await coordinator.FillAsync("textarea[name=Justification]", "SOP dan laporan kinerja tersedia");
            await coordinator.FillAsync("input[name='Risks[0].Title']", "Anggaran tidak berlanjut");
            await coordinator.SelectOptionAsync("select[name='Risks[0].Likelihood']", "3");
            await coordinator.SelectOptionAsync("select[name='Risks[0].Impact']", "4");
            await SaveFormAsync(coordinator);
            await coordinator.GotoAsync($"/periods/{Period}/regions/3523/programmes");
            Assert.That(await coordinator.TextContentAsync("main"), Does.Contain("Mal Pelayanan Publik Tuban"));
        });

        List<string> links = [];
        await StepAsync(coordinator, "4-links", async () =>
        {
            await coordinator.GotoAsync($"/periods/{Period}/regions/3523/survey");
            await coordinator.FillAsync("#count", "3");
            await coordinator.SelectOptionAsync("#format", "csv");
            var file = await DownloadAsync(coordinator, () => coordinator.ClickAsync("main form button[type=submit]"));
            links = (await File.ReadAllLinesAsync(file)).Skip(1).Select(l => new Uri(l.Split(',')[1]).AbsolutePath).ToList();
            Assert.That(links, Has.Count.EqualTo(3));
        });

        await StepAsync(coordinator, "5-submit", async () =>
        {
            await coordinator.GotoAsync($"/periods/{Period}/regions/3523/submit");
            await coordinator.ClickAsync("main form[action$='/submit'] button[type=submit]");
            Assert.That(await coordinator.TextContentAsync("body"), Does.Contain("dikirim").IgnoreCase);
        });

        // Respondents on phones without JavaScript: one completes, one leaves and resumes, one reuses a used link.
        var first = await _app.PhoneAsync(javaScript: false);
        await StepAsync(first, "6-respondent", async () =>
        {
            await first.GotoAsync(links[0]);
            await first.GetByRole(AriaRole.Button, new() { Name = "Saya setuju dan mulai" }).ClickAsync();
            await first.GetByLabel("25–34 tahun").CheckAsync();
            await first.GetByLabel("Perempuan").CheckAsync();
            await first.GetByLabel("Warga", new() { Exact = true }).CheckAsync();
            await first.GetByRole(AriaRole.Button, new() { Name = "Lanjut" }).ClickAsync();
            await AnswerPagesAsync(first, 2, 7);
            Assert.That(await first.TextContentAsync("h1"), Is.EqualTo("Terima kasih"));
        });

        var leaving = await _app.PhoneAsync(javaScript: false);
        await StepAsync(leaving, "7-resume", async () =>
        {
            await leaving.GotoAsync(links[1]);
            await leaving.GetByRole(AriaRole.Button, new() { Name = "Saya setuju dan mulai" }).ClickAsync();
            await leaving.GetByLabel("35–44 tahun").CheckAsync();
            await leaving.GetByLabel("Laki-laki").CheckAsync();
            await leaving.GetByLabel("Warga", new() { Exact = true }).CheckAsync();
            await leaving.GetByRole(AriaRole.Button, new() { Name = "Lanjut" }).ClickAsync();
            await AnswerPagesAsync(leaving, 2, 3);
            await leaving.Context.CloseAsync();
            var back = await _app.PhoneAsync(javaScript: false);
            await back.GotoAsync(links[1]);
            Assert.That(await back.TextContentAsync("body"), Does.Contain("Halaman 4 dari 7"), "resumes where it was left");
            await AnswerPagesAsync(back, 4, 7);
            Assert.That(await back.TextContentAsync("h1"), Is.EqualTo("Terima kasih"));
            var reuse = await _app.PhoneAsync(javaScript: false);
            await reuse.GotoAsync(links[0]);
            Assert.That(await reuse.TextContentAsync("main"), Does.Contain("sudah"));
        });

        // The evaluator returns one value with a reason.
        var evaluator = await SignInAsync(_evaluator);
        var review = $"/periods/{Period}/regions/3523/review";
        await StepAsync(evaluator, "8-return", async () =>
        {
            await evaluator.GotoAsync(review);
            await evaluator.SelectOptionAsync("#i-37122-10-2-state", "returned");
            await evaluator.FillAsync("#i-37122-10-2-reason", "Nilai tidak sesuai laporan layanan daring");
            await evaluator.ClickAsync("button[value=return]");
            Assert.That(await evaluator.TextContentAsync("body"), Does.Contain("Kiriman dikembalikan"));
        });

        await StepAsync(coordinator, "9-fix", async () =>
        {
            await coordinator.GotoAsync(entry);
            Assert.That(await coordinator.TextContentAsync("body"), Does.Contain("Nilai tidak sesuai laporan layanan daring"));
            Assert.That(await coordinator.IsDisabledAsync("#ind-5-1-value"), Is.True, "only the returned value is open");
            await coordinator.FillAsync("#ind-10-2-value", "46");
            await SaveFormAsync(coordinator);
            await coordinator.GotoAsync($"/periods/{Period}/regions/3523/submit");
            await coordinator.ClickAsync("main form[action$='/submit'] button[type=submit]");
        });

        await StepAsync(evaluator, "10-diff-approve", async () =>
        {
            await evaluator.GotoAsync(review);
            var diff = await evaluator.TextContentAsync("#changes-heading");
            Assert.That(diff, Does.Contain("(1 butir)"));
            Assert.That(await evaluator.Locator("td.diff-new").First.TextContentAsync(), Does.Contain("46"));
            await evaluator.ClickAsync("button[value=approve]");
            Assert.That(await evaluator.TextContentAsync("body"), Does.Contain("Kiriman disetujui"));
        });

        var admin = await SignInAsync(_admin);
        await StepAsync(admin, "11-publish", async () =>
        {
            // Closing and publishing each ask first, on a page that lists every region by status.
            await admin.GotoAsync("/admin/periods");
            await admin.ClickAsync($"a[href='/admin/periods/{Period}/close']");
            Assert.That(await admin.TextContentAsync("h1"), Does.Contain("Tutup pengisian"));
            await AssertAccessibleAsync(admin, "close-confirmation");
            await admin.ClickAsync($"form[action='/admin/periods/{Period}/close'] button[type=submit]");
            await admin.ClickAsync($"a[href='/admin/periods/{Period}/publish']");
            Assert.That(await admin.TextContentAsync("main table"), Does.Contain("Disetujui"));
            await AssertAccessibleAsync(admin, "publish-confirmation");
            await BrowserApp.KeepScreenshotAsync(admin, "TheSemester-11-publish-confirmation");
            await admin.ClickAsync($"form[action='/admin/periods/{Period}/publish'] button[type=submit]");
            Assert.That(await admin.TextContentAsync("body"), Does.Contain("diterbitkan"));
        });

        await StepAsync(coordinator, "12-dashboard-and-report", async () =>
        {
            await coordinator.GotoAsync($"/periods/{Period}/regions/3523/dashboard");
            await coordinator.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.That(await coordinator.EvaluateAsync<int>("[...document.querySelectorAll('figure img')].filter(i => i.src.includes('radar') && i.naturalWidth > 0).length"), Is.EqualTo(1));
            await AssertAccessibleAsync(coordinator, "dashboard");
            var file = await DownloadAsync(coordinator, () => coordinator.ClickAsync("a[href$='/report.xlsx']"));
            using var workbook = new XLWorkbook(file);
            Assert.That(workbook.Worksheet("Ringkasan").Pictures, Has.Count.EqualTo(1));
        });

        await StepAsync(evaluator, "13-national", async () =>
        {
            await evaluator.GotoAsync($"/periods/{Period}/dashboard");
            await evaluator.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.That(await evaluator.EvaluateAsync<int>("[...document.querySelectorAll('figure img')].filter(i => i.src.includes('ranking') && i.naturalWidth > 0).length"), Is.EqualTo(1));
            var file = await DownloadAsync(evaluator, () => evaluator.ClickAsync($"a[href='/periods/{Period}/report.xlsx']"));
            using var workbook = new XLWorkbook(file);
            Assert.That(workbook.Worksheet("Peringkat").Cell(2, 2).GetString(), Is.AnyOf("3523", "3578"));
        });
    }
}
