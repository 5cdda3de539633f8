using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Survey.Domain.Accounts;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Account;

/// <summary>Sign-in, sign-out and password change.</summary>
public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    IAccountRepository accounts,
    ISessionRepository sessions,
    Survey.Domain.Units.IUnitRepository units,
    IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("/account/login")]
    [AllowAnonymous]
    public IActionResult Login([FromQuery] string? returnUrl) => View(new LoginForm { ReturnUrl = returnUrl });

    [HttpPost("/account/login")]
    [AllowAnonymous]
    [EnableRateLimiting(Policies.SignInRateLimit)]
    public async Task<IActionResult> Login([FromForm] LoginForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (string.IsNullOrWhiteSpace(form.Email) || string.IsNullOrWhiteSpace(form.Password))
        {
            ModelState.AddModelError(string.Empty, text["Account.Required"]);
            return View(form with { Password = null });
        }

        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await users.FindByEmailAsync(form.Email.Trim());
        if (user is { IsDisabled: false })
        {
            var result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded && user.Role == Survey.Domain.Accounts.UserRoles.UnitOperator
                && await units.FindAsync(user.RegionCode!, user.UnitCode!, cancellationToken) is not { Active: true })
            {
                // The password was right, so saying why is safe: the operator's unit was deactivated.
                await signIn.SignOutAsync();
                await accounts.RecordAsync(SignInEvents.SignInFailed, user.Id, null, user.Email, address, new { reason = "unit_inactive" }, cancellationToken);
                ModelState.AddModelError(string.Empty, text["Account.UnitInactive", user.UnitCode!]);
                return View(form with { Password = null });
            }

            if (result.Succeeded)
            {
                await accounts.RecordAsync(SignInEvents.SignIn, user.Id, user.Id, user.Email, address, null, cancellationToken);
                return user.MustChangePassword ? Redirect("/account/password") : LocalRedirect(Url.IsLocalUrl(form.ReturnUrl) ? form.ReturnUrl! : "/workbench");
            }

            if (result.RequiresTwoFactor)
            {
                return Redirect("/account/login-2fa" + (Url.IsLocalUrl(form.ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(form.ReturnUrl!) : string.Empty));
            }

            await accounts.RecordAsync(result.IsLockedOut ? SignInEvents.LockedOut : SignInEvents.SignInFailed, user.Id, null, user.Email, address, null, cancellationToken);
        }
        else
        {
            // An unknown or disabled account costs the same time as a wrong password: the answer tells nothing.
            CredentialCheck.SpendLikeAPasswordCheck(users, form.Password);
            await accounts.RecordAsync(SignInEvents.SignInFailed, user?.Id, null, form.Email.Trim(), address, new { reason = user is null ? "unknown" : "disabled" }, cancellationToken);
        }

        // One message whatever went wrong: it never tells whether the email exists.
        ModelState.AddModelError(string.Empty, text["Account.Failed"]);
        return View(form with { Password = null });
    }

    [HttpPost("/account/logout")]
    [Authorize]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        var id = SurveyClaims.IdOf(User);
        if (SessionTicketStore.SessionOf(User) is { } session)
        {
            // Signed out, not merely expired: nothing typed afterwards may be kept for this session.
            await sessions.SignOutAsync(session, cancellationToken);
        }

        await signIn.SignOutAsync();
        await accounts.RecordAsync(SignInEvents.SignOut, id, id, User.Identity?.Name, HttpContext.Connection.RemoteIpAddress?.ToString(), null, cancellationToken);
        return Redirect("/");
    }

    [HttpGet("/account/password")]
    [Authorize]
    public IActionResult Password() => View(new PasswordForm());

    /// <summary>The user's own API tokens that still work, each with a button that revokes it at once.</summary>
    [HttpGet("/account/tokens")]
    [Authorize]
    public async Task<IActionResult> Tokens(CancellationToken cancellationToken) =>
        View(new TokensViewModel(await accounts.ListTokensAsync(SurveyClaims.IdOf(User)!.Value, DateTimeOffset.UtcNow, cancellationToken)));

    [HttpPost("/account/tokens/{id:guid}/revoke")]
    [Authorize]
    public async Task<IActionResult> Revoke(Guid id, CancellationToken cancellationToken)
    {
        var actor = SurveyClaims.IdOf(User)!.Value;
        if (await accounts.RevokeTokenAsync(id, actor, cancellationToken) is { } owner)
        {
            await accounts.RecordAsync(SignInEvents.TokenRevoked, owner, actor, User.Identity?.Name, HttpContext.Connection.RemoteIpAddress?.ToString(), new { token = id }, cancellationToken);
            TempData["Message"] = text["Tokens.Revoked"].Value;
        }

        return Redirect("/account/tokens");
    }

    [HttpPost("/account/password")]
    [Authorize]
    public async Task<IActionResult> Password([FromForm] PasswordForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(form.NewPassword) || form.NewPassword != form.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(form.ConfirmPassword), text["Account.PasswordMismatch"]);
            return View(new PasswordForm());
        }

        user.MustChangePassword = false;
        var result = await users.ChangePasswordAsync(user, form.CurrentPassword ?? string.Empty, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Code == "PasswordMismatch" ? text["Account.CurrentPasswordWrong"] : error.Description);
            }

            return View(new PasswordForm());
        }

        await accounts.RecordAsync(SignInEvents.PasswordChanged, user.Id, user.Id, user.Email, HttpContext.Connection.RemoteIpAddress?.ToString(), null, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = text["Account.PasswordChanged"].Value;
        return Redirect("/");
    }
}

public sealed record TokensViewModel(IReadOnlyList<TokenInfo> Tokens);

public sealed record LoginForm
{
    public string? Email { get; init; }

    public string? Password { get; init; }

    public string? ReturnUrl { get; init; }
}

public sealed record PasswordForm
{
    public string? CurrentPassword { get; init; }

    public string? NewPassword { get; init; }

    public string? ConfirmPassword { get; init; }
}
