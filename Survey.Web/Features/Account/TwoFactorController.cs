using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using QRCoder;
using Survey.Domain.Accounts;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Account;

/// <summary>Optional two-factor sign-in with an authenticator app (TOTP): set-up with a QR code, sign-in step, switch-off.</summary>
public sealed class TwoFactorController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IAccountRepository accounts,
    IStringLocalizer<SharedResource> text) : Controller
{
    private const string Issuer = "Evaluasi Kota Cerdas";

    [HttpGet("/account/2fa")]
    [Authorize]
    public async Task<IActionResult> Setup()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        return View(await BuildSetupAsync(user));
    }

    /// <summary>
    /// Makes a new authenticator key (which also renews the security stamp, ending other sessions and API tokens):
    /// only on an explicit post with the anti-forgery token, never by opening a page.
    /// </summary>
    [HttpPost("/account/2fa/key")]
    [Authorize]
    public async Task<IActionResult> NewKey()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return Redirect("/account/2fa");
    }

    [HttpPost("/account/2fa")]
    [Authorize]
    public async Task<IActionResult> Enable([FromForm] string? code, CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var normalized = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user))
            || !await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized))
        {
            ModelState.AddModelError("code", text["TwoFactor.WrongCode"]);
            return View("Setup", await BuildSetupAsync(user));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signIn.RefreshSignInAsync(user);
        var recoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8))?.ToList() ?? [];
        await accounts.RecordAsync(SignInEvents.TwoFactorEnabled, user.Id, user.Id, user.Email, HttpContext.Connection.RemoteIpAddress?.ToString(), null, cancellationToken);
        return View("RecoveryCodes", recoveryCodes);
    }

    [HttpPost("/account/2fa/disable")]
    [Authorize]
    public async Task<IActionResult> Disable(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await signIn.RefreshSignInAsync(user);
        await accounts.RecordAsync(SignInEvents.TwoFactorDisabled, user.Id, user.Id, user.Email, HttpContext.Connection.RemoteIpAddress?.ToString(), null, cancellationToken);
        return Redirect("/account/2fa");
    }

    [HttpGet("/account/login-2fa")]
    [AllowAnonymous]
    public async Task<IActionResult> SignInStep([FromQuery] string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? Redirect("/account/login") : View(new TwoFactorForm { ReturnUrl = returnUrl });

    [HttpPost("/account/login-2fa")]
    [AllowAnonymous]
    [EnableRateLimiting(Policies.SignInRateLimit)]
    public async Task<IActionResult> SignInStep([FromForm] TwoFactorForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return Redirect("/account/login");
        }

        var code = (form.Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = code.Length > 6
            ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
            : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (result.Succeeded)
        {
            await accounts.RecordAsync(SignInEvents.SignIn, user.Id, user.Id, user.Email, address, new { two_factor = true }, cancellationToken);
            return LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/workbench");
        }

        await accounts.RecordAsync(result.IsLockedOut ? SignInEvents.LockedOut : SignInEvents.SignInFailed, user.Id, null, user.Email, address, new { two_factor = true }, cancellationToken);
        ModelState.AddModelError("Code", text["TwoFactor.WrongCode"]);
        return View(form with { Code = null });
    }

    private async Task<TwoFactorSetupViewModel> BuildSetupAsync(AppUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // No key yet: the page offers a button that makes one (a GET changes nothing).
            return new TwoFactorSetupViewModel(user.TwoFactorEnabled, null, null);
        }

        var uri = string.Format(CultureInfo.InvariantCulture, "otpauth://totp/{0}:{1}?secret={2}&issuer={0}&digits=6",
            Uri.EscapeDataString(Issuer), Uri.EscapeDataString(user.Email), key);
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        var grouped = string.Join(' ', Enumerable.Range(0, (key!.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))));
        return new TwoFactorSetupViewModel(user.TwoFactorEnabled, grouped.ToLowerInvariant(), "data:image/png;base64," + Convert.ToBase64String(png));
    }
}

public sealed record TwoFactorSetupViewModel(bool Enabled, string? SharedKey, string? QrCodeDataUri);

public sealed record TwoFactorForm
{
    public string? Code { get; init; }

    public string? ReturnUrl { get; init; }
}
