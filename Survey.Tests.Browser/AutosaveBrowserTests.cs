using Microsoft.Playwright;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Browser;

/// <summary>
/// Autosave of the entry form as a coordinator types: a value before its source is kept as a draft, a refused
/// field is marked where it is and its message is read out through the live status, fast typing never
/// conflicts with itself, and no typed field is lost.
/// </summary>
public sealed class AutosaveBrowserTests
{
    private const string Period = "2026-S1";
    private BrowserApp _app = null!;
    private string _tuban = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await BrowserApp.StartAsync("browser-autosave");
        await TestWorld.SeedRegionsAsync(_app.ConnectionString);
        using var admin = await TestUsers.ApiClientAsync(_app.Factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        _tuban = await TestUsers.CreateAsync(_app.Factory, UserRoles.Coordinator, "3523");
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    [CancelAfter(120_000)]
    public async Task TypingValueFirst_SavesADraft_MarksARefusedField_AndKeepsEveryFieldWithFastInput()
    {
        var page = await _app.PhoneAsync();
        var responses = new List<int>();
        page.Response += (_, r) =>
        {
            if (r.Url.EndsWith("/entry/autosave", StringComparison.Ordinal))
            {
                lock (responses)
                {
                    responses.Add(r.Status);
                }
            }
        };
        await page.GotoAsync("/account/login");
        await page.FillAsync("input[name=Email]", _tuban);
        await page.FillAsync("input[name=Password]", TestUsers.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await page.GotoAsync($"/periods/{Period}/regions/3523/entry/governance");
        var status = page.Locator("#ind-5-1 [data-status]");

        try
        {
            // The value before its source: saved as a draft, no "source required".
            await page.FillAsync("#ind-5-1-value", "12,5");
            await page.Locator("#ind-5-1-value").DispatchEventAsync("change");
            await Assertions.Expect(status).ToContainTextAsync("Tersimpan pukul");
            Assert.That(await page.TextContentAsync("#ind-5-1-src-err"), Is.Empty);

            // A year that is not a number: the field is marked, the message is at the field and in the live status.
            await page.FillAsync("#ind-5-1-year", "20x5");
            await page.Locator("#ind-5-1-year").DispatchEventAsync("change");
            await Assertions.Expect(status).ToContainTextAsync("Belum tersimpan");
            await Assertions.Expect(page.Locator("#ind-5-1-year")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
            await Assertions.Expect(page.Locator("#ind-5-1-year")).ToHaveAttributeAsync("aria-invalid", "true");
            Assert.That(await page.TextContentAsync("#ind-5-1-year-err"), Does.Contain("Tahun data"));
            Assert.That(await status.GetAttributeAsync("aria-live"), Is.EqualTo("polite"));
            await BrowserApp.KeepScreenshotAsync(page, "autosave-refused-390");

            // Fast input: four changes without waiting; each is saved in turn with the version of the one before.
            await page.FillAsync("#ind-5-1-year", "2025");
            await page.Locator("#ind-5-1-year").DispatchEventAsync("change");
            await page.FillAsync("#ind-5-1-src", "BPS Kabupaten Tuban");
            await page.Locator("#ind-5-1-src").DispatchEventAsync("change");
            await page.FillAsync("#ind-5-1-doc", "Tuban Dalam Angka 2025");
            await page.Locator("#ind-5-1-doc").DispatchEventAsync("change");
            await page.FillAsync("#ind-5-1-value", "12,75");
            await page.Locator("#ind-5-1-value").DispatchEventAsync("change");
            await Assertions.Expect(status).ToContainTextAsync("Tersimpan pukul");
            await Assertions.Expect(page.Locator("#ind-5-1-year")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
            await page.WaitForFunctionAsync("() => !document.querySelector('#ind-5-1 [data-status]').textContent.includes('Menyimpan')");
            lock (responses)
            {
                Assert.That(responses, Does.Not.Contain(409), "autosave never conflicts with itself");
            }

            // "Simpan" after autosave says that everything is saved; every typed field is there after a reload.
            await JourneyBrowserTests.SaveFormAsync(page);
            Assert.That(await page.TextContentAsync("main"), Does.Contain("Semua isian di halaman ini sudah tersimpan.").And.Not.Contain("Tidak ada yang disimpan"));
            await page.ReloadAsync();
            Assert.That(await page.InputValueAsync("#ind-5-1-value"), Is.EqualTo("12,75"));
            Assert.That(await page.InputValueAsync("#ind-5-1-src"), Is.EqualTo("BPS Kabupaten Tuban"));
            Assert.That(await page.InputValueAsync("#ind-5-1-doc"), Is.EqualTo("Tuban Dalam Angka 2025"));
            Assert.That(await page.InputValueAsync("#ind-5-1-year"), Is.EqualTo("2025"));
        }
        catch
        {
            await BrowserApp.KeepScreenshotAsync(page, "autosave-failed");
            throw;
        }
    }
}
