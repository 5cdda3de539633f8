using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using Survey.Domain.Accounts;

namespace Survey.Data.Accounts;

/// <summary>
/// ASP.NET Core Identity's user store on PostgreSQL with Dapper (no Entity Framework). Identity changes the
/// <see cref="AppUser"/> in memory and calls <see cref="UpdateAsync"/>, which writes every field at once and
/// refuses a stale <c>concurrency_stamp</c>.
/// </summary>
public sealed class UserStore(NpgsqlDataSource dataSource) :
    IUserEmailStore<AppUser>,
    IUserPasswordStore<AppUser>,
    IUserSecurityStampStore<AppUser>,
    IUserLockoutStore<AppUser>,
    IUserTwoFactorStore<AppUser>,
    IUserAuthenticatorKeyStore<AppUser>,
    IUserTwoFactorRecoveryCodeStore<AppUser>,
    IUserRoleStore<AppUser>
{
    internal const string Columns = """
        id, email, normalized_email, name, role, region_code, unit_code, password_hash, security_stamp, concurrency_stamp,
        lockout_enabled, lockout_end, access_failed_count, two_factor_enabled, authenticator_key, recovery_codes,
        must_change_password, disabled_at, created_at
        """;

    private const string InsertSql = $"""
        INSERT INTO app_user ({Columns})
        VALUES (@Id, @Email, @NormalizedEmail, @Name, @Role, @RegionCode, @UnitCode, @PasswordHash, @SecurityStamp, @ConcurrencyStamp,
                @LockoutEnabled, @LockoutEnd, @AccessFailedCount, @TwoFactorEnabled, @AuthenticatorKey, @RecoveryCodes,
                @MustChangePassword, @DisabledAt, @CreatedAt)
        """;

    private const string UpdateSql = """
        UPDATE app_user SET email = @Email, normalized_email = @NormalizedEmail, name = @Name, role = @Role,
            region_code = @RegionCode, unit_code = @UnitCode, password_hash = @PasswordHash, security_stamp = @SecurityStamp,
            concurrency_stamp = @NewStamp, lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd,
            access_failed_count = @AccessFailedCount, two_factor_enabled = @TwoFactorEnabled,
            authenticator_key = @AuthenticatorKey, recovery_codes = @RecoveryCodes,
            must_change_password = @MustChangePassword, disabled_at = @DisabledAt, updated_at = now()
        WHERE id = @Id AND concurrency_stamp = @ConcurrencyStamp
        """;

    private const string ByIdSql = $"SELECT {Columns} FROM app_user WHERE id = @Id";

    private const string ByEmailSql = $"SELECT {Columns} FROM app_user WHERE normalized_email = @NormalizedEmail";

    public async Task<IdentityResult> CreateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, user, cancellationToken: cancellationToken));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().DuplicateEmail(user.Email));
        }

        return IdentityResult.Success;
    }

    public async Task<IdentityResult> UpdateAsync(AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var newStamp = Guid.NewGuid().ToString("N");
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(user);
        parameters.Add("NewStamp", newStamp);
        var rows = await connection.ExecuteAsync(new CommandDefinition(UpdateSql, parameters, cancellationToken: cancellationToken));
        if (rows == 0)
        {
            return IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
        }

        user.ConcurrencyStamp = newStamp;
        return IdentityResult.Success;
    }

    public Task<IdentityResult> DeleteAsync(AppUser user, CancellationToken cancellationToken) =>
        // Users are disabled, never deleted: the audit refers to them.
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = "NoDelete", Description = "Users are disabled, not deleted." }));

    public async Task<AppUser?> FindByIdAsync(string userId, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(userId, out var id))
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(new CommandDefinition(ByIdSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task<AppUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        await FindByEmailAsync(normalizedUserName, cancellationToken);

    public async Task<AppUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(new CommandDefinition(ByEmailSql, new { NormalizedEmail = normalizedEmail }, cancellationToken: cancellationToken));
    }

    public Task<string> GetUserIdAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.Id.ToString());

    public Task<string?> GetUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user!.Email);

    public Task SetUserNameAsync(AppUser user, string? userName, CancellationToken cancellationToken) => Set(() => user!.Email = userName ?? string.Empty);

    public Task<string?> GetNormalizedUserNameAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user!.NormalizedEmail);

    public Task SetNormalizedUserNameAsync(AppUser user, string? normalizedName, CancellationToken cancellationToken) => Set(() => user!.NormalizedEmail = normalizedName ?? string.Empty);

    public Task SetEmailAsync(AppUser user, string? email, CancellationToken cancellationToken) => Set(() => user!.Email = email ?? string.Empty);

    public Task<string?> GetEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user!.Email);

    public Task<bool> GetEmailConfirmedAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(true);

    public Task SetEmailConfirmedAsync(AppUser user, bool confirmed, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<string?> GetNormalizedEmailAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user!.NormalizedEmail);

    public Task SetNormalizedEmailAsync(AppUser user, string? normalizedEmail, CancellationToken cancellationToken) => Set(() => user!.NormalizedEmail = normalizedEmail ?? string.Empty);

    public Task SetPasswordHashAsync(AppUser user, string? passwordHash, CancellationToken cancellationToken) => Set(() => user!.PasswordHash = passwordHash);

    public Task<string?> GetPasswordHashAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.PasswordHash);

    public Task<bool> HasPasswordAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.PasswordHash is not null);

    public Task SetSecurityStampAsync(AppUser user, string stamp, CancellationToken cancellationToken) => Set(() => user!.SecurityStamp = stamp);

    public Task<string?> GetSecurityStampAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user!.SecurityStamp);

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.LockoutEnd);

    public Task SetLockoutEndDateAsync(AppUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) => Set(() => user!.LockoutEnd = lockoutEnd);

    public Task<int> IncrementAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(++user!.AccessFailedCount);

    public Task ResetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Set(() => user!.AccessFailedCount = 0);

    public Task<int> GetAccessFailedCountAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.AccessFailedCount);

    public Task<bool> GetLockoutEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.LockoutEnabled);

    public Task SetLockoutEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) => Set(() => user!.LockoutEnabled = enabled);

    public Task SetTwoFactorEnabledAsync(AppUser user, bool enabled, CancellationToken cancellationToken) => Set(() => user!.TwoFactorEnabled = enabled);

    public Task<bool> GetTwoFactorEnabledAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.TwoFactorEnabled);

    public Task SetAuthenticatorKeyAsync(AppUser user, string key, CancellationToken cancellationToken) => Set(() => user!.AuthenticatorKey = key);

    public Task<string?> GetAuthenticatorKeyAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult(user!.AuthenticatorKey);

    public Task ReplaceCodesAsync(AppUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        Set(() => user!.RecoveryCodes = string.Join(';', recoveryCodes));

    public Task<bool> RedeemCodeAsync(AppUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var codes = (user.RecoveryCodes ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(code))
        {
            return Task.FromResult(false);
        }

        user.RecoveryCodes = string.Join(';', codes);
        return Task.FromResult(true);
    }

    public Task<int> CountCodesAsync(AppUser user, CancellationToken cancellationToken) =>
        Task.FromResult((user!.RecoveryCodes ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries).Length);

    public Task AddToRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) => Set(() => user!.Role = roleName.ToLowerInvariant());

    public Task RemoveFromRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IList<string>> GetRolesAsync(AppUser user, CancellationToken cancellationToken) => Task.FromResult<IList<string>>([user!.Role]);

    public Task<bool> IsInRoleAsync(AppUser user, string roleName, CancellationToken cancellationToken) =>
        Task.FromResult(string.Equals(user!.Role, roleName, StringComparison.OrdinalIgnoreCase));

    public async Task<IList<AppUser>> GetUsersInRoleAsync(string roleName, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<AppUser>(new CommandDefinition($"SELECT {Columns} FROM app_user WHERE role = @Role", new { Role = roleName.ToLowerInvariant() }, cancellationToken: cancellationToken))).ToList();
    }

    public void Dispose()
    {
    }

    private static Task Set(Action change)
    {
        change();
        return Task.CompletedTask;
    }
}
