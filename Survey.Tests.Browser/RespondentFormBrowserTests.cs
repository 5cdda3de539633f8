using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Npgsql;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>The respondent form on a phone, with JavaScript off, checked with axe-core.</summary>
public sealed class RespondentFormBrowserTests
{
    private BrowserApp _app = null!;
    private List<string> _links = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await BrowserApp.StartAsync("browser-respond");
        await using (var dataSource = NpgsqlDataSource.Create(_app.ConnectionString))
        {
            await new Survey.Data.Regions.RegionRepository(dataSource).ImportAsync([new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur")], CancellationToken.None);
        }

        using var admin = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S2", "2026-07-01", "2099-12-31");
        using var tuban = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Coordinator, "3523");
        using var response = await tuban.PostAsJsonAsync(new Uri("/api/v1/periods/2026-S2/regions/3523/invitations", UriKind.Relative), new { count = 3 });
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        _links = body.RootElement.GetProperty("links").EnumerateArray().Select(l => new Uri(l.GetString()!).AbsolutePath).ToList();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    /// <summary>Runs axe-core on the same address in a JavaScript-enabled page (axe itself is a script).</summary>
    private async Task AssertAccessibleAsync(IPage page, string step)
    {
        var checker = await _app.PhoneAsync(javaScript: true);
        await checker.GotoAsync(page.Url);
        var result = await checker.RunAxe();
        await checker.Context.CloseAsync();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count > 0)
        {
            await BrowserApp.KeepScreenshotAsync(page, step);
        }


        Assert.That(serious.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))})"), Is.Empty, step);
    }

    [Test]
    [CancelAfter(180_000)]
    public async Task Respondent_OnAPhoneWithoutJavaScript_AnswersEveryPage_AndTheFormIsAccessible()
    {
        var page = await _app.PhoneAsync(javaScript: false);
        try
        {
            await page.GotoAsync(_links[0]);
            await AssertAccessibleAsync(page, "consent");
            await page.GetByRole(AriaRole.Button, new() { Name = "Saya setuju dan mulai" }).ClickAsync();

            await page.GetByLabel("25–34 tahun").CheckAsync();
            await page.GetByLabel("Perempuan").CheckAsync();
            await page.GetByLabel("Warga", new() { Exact = true }).CheckAsync();
            await AssertAccessibleAsync(page, "profile");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lanjut" }).ClickAsync();

            for (var step = 2; step <= 7; step++)
            {
                Assert.That(await page.TextContentAsync("body"), Does.Contain($"Halaman {step} dari 7"));
                if (step == 2)
                {
                    await AssertAccessibleAsync(page, "likert");
                }

                foreach (var radio in await page.Locator("fieldset").AllAsync())
                {
                    await radio.GetByLabel("4 – Setuju").CheckAsync();
                }

                await page.GetByRole(AriaRole.Button, new() { Name = step == 7 ? "Kirim jawaban" : "Lanjut" }).ClickAsync();
            }

            Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("Terima kasih"));
        }
        catch
        {
            await BrowserApp.KeepScreenshotAsync(page, "failure");
            throw;
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Relevance_HidesTheKecamatanUntilTheRespondentIsAResident()
    {
        var page = await _app.PhoneAsync(javaScript: true);
        await page.GotoAsync(_links[2]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Saya setuju dan mulai" }).ClickAsync();

        var kecamatan = page.GetByLabel("Kecamatan tempat tinggal Anda", new() { Exact = false });
        Assert.That(await kecamatan.IsVisibleAsync(), Is.False);
        await page.GetByLabel("Warga", new() { Exact = true }).CheckAsync();
        Assert.That(await kecamatan.IsVisibleAsync(), Is.True);
        await page.GetByLabel("Pelaku usaha").CheckAsync();
        Assert.That(await kecamatan.IsVisibleAsync(), Is.False);
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task Respondent_UsedLink_GetsAFriendlyPage()
    {
        using var client = _app.Factory.CreateClient();
        var token = _links[1][3..];
        // A complete response: the profile, and every statement (a Likert item is always required).
        var statements = new[] { "GOV", "BRA", "ECO", "LIV", "SOC", "ENV" }.SelectMany(d => Enumerable.Range(1, 4).Select(i => new { item = $"R-{d}-0{i}", value = "4" }));
        var answers = new[] { new { item = "P-AGE", value = "17-24" }, new { item = "P-REL", value = "business" } }.Concat(statements).ToArray();
        using (var submitted = await client.PostAsJsonAsync(new Uri("/api/v1/responses", UriKind.Relative), new { token, answers }))
        {
            Assert.That(submitted.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Created), await submitted.Content.ReadAsStringAsync());
        }

        var page = await _app.PhoneAsync();
        await page.GotoAsync(_links[1]);

        Assert.That(await page.TextContentAsync("h1"), Is.EqualTo("Tautan sudah digunakan"));
        await AssertAccessibleAsync(page, "used");
    }
}
