using System.Net;
using System.Text.RegularExpressions;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Accounts;

public sealed partial class TwoFactorTests
{
    [Test]
    public async Task TwoFactor_SetUpWithQrCode_ThenSignInNeedsTheAppCode()
    {
        using var factory = new SurveyWebFactory(TestDatabase.Shared);
        var email = await TestUsers.CreateAsync(factory, UserRoles.Evaluator);
        using var client = factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(client, email);

        var key = await StartSetUpAsync(client);
        var setup = await client.GetStringAsync(new Uri("/account/2fa", UriKind.Relative));
        using var enable = await client.PostAsync(new Uri("/account/2fa", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = Totp.Code(key, DateTimeOffset.UtcNow),
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(setup),
        }));
        var recovery = await enable.Content.ReadAsStringAsync();
        Assert.That(recovery, Does.Contain("Verifikasi dua langkah aktif."));

        using var fresh = factory.CreateBrowserLikeClient();
        using var password = await TestUsers.SignInAsync(fresh, email);
        Assert.That(password.Headers.Location?.ToString(), Does.StartWith("/account/login-2fa"), password.StatusCode + Html.Heading(await password.Content.ReadAsStringAsync()) + await password.Content.ReadAsStringAsync());
        using (var before = await fresh.GetAsync(new Uri("/account/password", UriKind.Relative)))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "the password alone does not sign in");
        }

        var step = await fresh.GetStringAsync(new Uri("/account/login-2fa", UriKind.Relative));
        using var wrong = await fresh.PostAsync(new Uri("/account/login-2fa", UriKind.Relative), Form(step, "000000"));
        Assert.That(await wrong.Content.ReadAsStringAsync(), Does.Contain("Kode tidak cocok"));
        using var right = await fresh.PostAsync(new Uri("/account/login-2fa", UriKind.Relative), Form(step, Totp.Code(key, DateTimeOffset.UtcNow)));
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var after = await fresh.GetAsync(new Uri("/account/password", UriKind.Relative));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>Opens the set-up page, asks for a key with its button, and returns the key the page shows.</summary>
    public static async Task<string> StartSetUpAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var first = await client.GetStringAsync(new Uri("/account/2fa", UriKind.Relative));
        Assert.That(first, Does.Not.Contain("data-key=\"shared-key\""), "opening the page makes no key");
        using var start = await client.PostAsync(new Uri("/account/2fa/key", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(first),
        }));
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var setup = await client.GetStringAsync(new Uri("/account/2fa", UriKind.Relative));
        Assert.That(setup, Does.Contain("src=\"data:image/png;base64,"), "a QR code is shown");
        return SharedKey().Match(setup).Groups[1].Value;
    }

    /// <summary>Turns two-factor sign-in on for the signed-in user of <paramref name="client"/>; returns the key.</summary>
    public static async Task<string> EnableAsync(HttpClient client)
    {
        var key = await StartSetUpAsync(client);
        var setup = await client.GetStringAsync(new Uri("/account/2fa", UriKind.Relative));
        using var enable = await client.PostAsync(new Uri("/account/2fa", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = Totp.Code(key, DateTimeOffset.UtcNow),
            ["__RequestVerificationToken"] = Html.AntiforgeryToken(setup),
        }));
        Assert.That(await enable.Content.ReadAsStringAsync(), Does.Contain("Verifikasi dua langkah aktif."));
        return key;
    }

    private static FormUrlEncodedContent Form(string page, string code) => new(new Dictionary<string, string>
    {
        ["Code"] = code,
        ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
    });

    [GeneratedRegex("data-key=\"shared-key\">([a-z2-7 ]+)<")]
    private static partial Regex SharedKey();
}
