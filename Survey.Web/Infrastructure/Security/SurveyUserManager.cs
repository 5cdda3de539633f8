using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Survey.Domain.Accounts;

namespace Survey.Web.Infrastructure.Security;

/// <summary>
/// The Identity user manager on the app's clock: whether an account is locked and when a lock ends are read from
/// the injected <see cref="TimeProvider"/>, not from the wall clock the framework's manager reads itself, so that
/// a lockout lifts when the app's time says so (and tests move that time instead of waiting).
/// </summary>
public sealed class SurveyUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger,
    TimeProvider clock)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    private IUserLockoutStore<AppUser> LockoutStore =>
        Store as IUserLockoutStore<AppUser> ?? throw new NotSupportedException("The user store keeps no lockout.");

    public override async Task<bool> IsLockedOutAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!await LockoutStore.GetLockoutEnabledAsync(user, CancellationToken))
        {
            return false;
        }

        var end = await LockoutStore.GetLockoutEndDateAsync(user, CancellationToken);
        return end >= clock.GetUtcNow();
    }

    /// <summary>Counts a failed sign-in; at the configured number of failures the account is locked from now.</summary>
    public override async Task<IdentityResult> AccessFailedAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = await LockoutStore.IncrementAccessFailedCountAsync(user, CancellationToken);
        if (failures < Options.Lockout.MaxFailedAccessAttempts)
        {
            return await UpdateUserAsync(user);
        }

        await LockoutStore.SetLockoutEndDateAsync(user, clock.GetUtcNow().Add(Options.Lockout.DefaultLockoutTimeSpan), CancellationToken);
        await LockoutStore.ResetAccessFailedCountAsync(user, CancellationToken);
        return await UpdateUserAsync(user);
    }
}
