using Microsoft.AspNetCore.Identity;
using Survey.Domain.Accounts;

namespace Survey.Web.Infrastructure.Security;

/// <summary>What checking a set of credentials came to.</summary>
public enum CredentialOutcome
{
    Succeeded,
    Failed,
    LockedOut,
    TwoFactorRequired,

    /// <summary>The password was right, but the unit operator's unit is deactivated.</summary>
    UnitInactive,
}

/// <summary>The result of <see cref="CredentialCheck.CheckAsync"/>; <see cref="User"/> is set whenever the email names an enabled account.</summary>
public sealed record CredentialResult(CredentialOutcome Outcome, AppUser? User);

/// <summary>
/// Checks an email, a password and, for an account with two-factor sign-in, an authenticator or recovery code,
/// with the same lockout as the sign-in form: every wrong password or code counts a failure, and only a full
/// success (password and, where enabled, a valid code) resets the counter. An unknown or disabled email is
/// hashed against a dummy so that the answer takes as long as for a real account.
/// </summary>
public sealed class CredentialCheck(UserManager<AppUser> users, Survey.Domain.Units.IUnitRepository units)
{
    // A hash of a random password made once per process: verifying against it costs what a real check costs.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public async Task<CredentialResult> CheckAsync(string? email, string? password, string? code, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var user = string.IsNullOrWhiteSpace(email) || email.Length > 256 ? null : await users.FindByEmailAsync(email.Trim());
        if (user is null || user.IsDisabled || string.IsNullOrEmpty(password))
        {
            SpendLikeAPasswordCheck(users, password);
            return new CredentialResult(CredentialOutcome.Failed, null);
        }

        if (await users.IsLockedOutAsync(user))
        {
            SpendLikeAPasswordCheck(users, password);
            return new CredentialResult(CredentialOutcome.LockedOut, user);
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            return new CredentialResult(await users.IsLockedOutAsync(user) ? CredentialOutcome.LockedOut : CredentialOutcome.Failed, user);
        }

        if (user.TwoFactorEnabled)
        {
            var normalized = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            if (normalized.Length == 0)
            {
                // The password was right but is not enough; nothing is reset.
                return new CredentialResult(CredentialOutcome.TwoFactorRequired, user);
            }

            var valid = normalized.Length > 6
                ? (await users.RedeemTwoFactorRecoveryCodeAsync(user, normalized)).Succeeded
                : await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, normalized);
            if (!valid)
            {
                await users.AccessFailedAsync(user);
                return new CredentialResult(await users.IsLockedOutAsync(user) ? CredentialOutcome.LockedOut : CredentialOutcome.Failed, user);
            }
        }

        await users.ResetAccessFailedCountAsync(user);
        if (user.Role == UserRoles.UnitOperator && await units.FindAsync(user.RegionCode!, user.UnitCode!, cancellationToken) is not { Active: true })
        {
            return new CredentialResult(CredentialOutcome.UnitInactive, user);
        }

        return new CredentialResult(CredentialOutcome.Succeeded, user);
    }

    /// <summary>Hashes <paramref name="password"/> against a dummy, for a request that names no usable account.</summary>
    public static void SpendLikeAPasswordCheck(UserManager<AppUser> users, string? password)
    {
        ArgumentNullException.ThrowIfNull(users);
        users.PasswordHasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password ?? string.Empty);
    }
}

/// <summary>API token settings (section <c>Survey</c>).</summary>
public sealed class ApiTokenOptions
{
    /// <summary>How long a new API token lives, in hours.</summary>
    public double TokenHours { get; set; } = 12;
}
