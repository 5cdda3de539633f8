namespace Survey.Domain.Accounts;

/// <summary>
/// A person who signs in: a ministry administrator, a ministry evaluator, or the coordinator of exactly one
/// region. Passwords are kept only as hashes; a disabled user cannot sign in and their API tokens stop working.
/// </summary>
public sealed class AppUser
{
    public Guid Id { get; set; } = Guid.NewGuid();

    public string Email { get; set; } = string.Empty;

    public string NormalizedEmail { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    /// <summary>One of <see cref="UserRoles"/>.</summary>
    public string Role { get; set; } = UserRoles.Coordinator;

    /// <summary>The BPS code of the coordinator's region; <c>null</c> for ministry staff.</summary>
    public string? RegionCode { get; set; }

    /// <summary>The unit of a unit operator (within <see cref="RegionCode"/>); <c>null</c> for the other roles.</summary>
    public string? UnitCode { get; set; }

    public string? PasswordHash { get; set; }

    public string SecurityStamp { get; set; } = Guid.NewGuid().ToString("N");

    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");

    public bool LockoutEnabled { get; set; } = true;

    public DateTimeOffset? LockoutEnd { get; set; }

    public int AccessFailedCount { get; set; }

    public bool TwoFactorEnabled { get; set; }

    public string? AuthenticatorKey { get; set; }

    public string? RecoveryCodes { get; set; }

    /// <summary>True after an administrator reset the password: the user must choose a new one.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    public bool IsDisabled => DisabledAt is not null;
}

/// <summary>The roles.</summary>
public static class UserRoles
{
    public const string Admin = "admin";
    public const string Evaluator = "evaluator";
    public const string Coordinator = "coordinator";

    /// <summary>Bound to one unit of one region: changes only what belongs to the unit, reads the region's data.</summary>
    public const string UnitOperator = "unit_operator";

    public static readonly IReadOnlyList<string> All = [Admin, Evaluator, Coordinator, UnitOperator];
}

/// <summary>One row of the sign-in audit: who, when, from where, what.</summary>
public sealed record SignInEvent(long Id, DateTimeOffset OccurredAt, Guid? UserId, Guid? ActorId, string? Email, string Event, string? Address, string Detail);

/// <summary>The sign-in audit kinds.</summary>
public static class SignInEvents
{
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";
    public const string LockedOut = "locked_out";
    public const string SignOut = "sign_out";
    public const string TokenIssued = "token_issued";
    public const string TokenRefused = "token_refused";
    public const string TokenRevoked = "token_revoked";
    public const string PasswordChanged = "password_changed";
    public const string UserCreated = "user_created";
    public const string UserDisabled = "user_disabled";
    public const string UserEnabled = "user_enabled";
    public const string PasswordReset = "password_reset";
    public const string TwoFactorEnabled = "two_factor_enabled";
    public const string TwoFactorDisabled = "two_factor_disabled";
}

/// <summary>Users beyond what ASP.NET Core Identity asks of its store: lists, filters, the audit.</summary>
public interface IAccountRepository
{
    /// <summary>Users filtered by role, region and words in name or email; newest first.</summary>
    Task<IReadOnlyList<AppUser>> ListAsync(string? role, string? region, string? search, CancellationToken cancellationToken);

    /// <summary>How many enabled administrators there are.</summary>
    Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken);

    /// <summary>Appends one row to the sign-in audit.</summary>
    Task RecordAsync(string eventName, Guid? userId, Guid? actorId, string? email, string? address, object? detail, CancellationToken cancellationToken);

    /// <summary>The newest audit rows, optionally for one user.</summary>
    Task<IReadOnlyList<SignInEvent>> ListEventsAsync(Guid? userId, int limit, CancellationToken cancellationToken);

    /// <summary>Stores a new API token (only its hash) for a user; returns the token's id (not the token).</summary>
    Task<Guid> AddTokenAsync(Guid userId, string tokenHash, string securityStamp, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The user's tokens that still work (unexpired, unrevoked, issued under the current security stamp), newest first.</summary>
    Task<IReadOnlyList<TokenInfo>> ListTokensAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Revokes one token; with <paramref name="ownerId"/> only when it belongs to that user. Returns the token's
    /// owner, or <c>null</c> when there is no such (unrevoked) token.
    /// </summary>
    Task<Guid?> RevokeTokenAsync(Guid tokenId, Guid? ownerId, CancellationToken cancellationToken);

    /// <summary>The user of a token hash when the token is unexpired, unrevoked, issued under the user's current security stamp, and the user is enabled.</summary>
    Task<AppUser?> FindByTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>An API token as its owner sees it: never the token itself.</summary>
public sealed record TokenInfo(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
