using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Survey.Domain.Accounts;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Users;

/// <summary>Users for scripts (administrators only) and API tokens for everyone with an account.</summary>
public sealed class UsersApiController(AccountService accountService, IAccountRepository accounts, UserManager<AppUser> users, IConfiguration configuration, TimeProvider clock) : ApiControllerBase
{
    /// <summary>Users, filtered by role, region or words in name or email.</summary>
    [HttpGet("api/v1/users")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<IReadOnlyList<UserResponse>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<UserResponse>> List([FromQuery] string? role, [FromQuery] string? region, [FromQuery] string? q, CancellationToken cancellationToken) =>
        (await accounts.ListAsync(role, region, q, cancellationToken)).Select(UserResponse.From).ToList();

    /// <summary>Creates a user; 422 with per-field errors.</summary>
    [HttpPost("api/v1/users")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<UserResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Create([FromBody] CreateUserRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (user, errors) = await accountService.CreateAsync(
            new NewUser(request.Email, request.Name, request.Role, request.Region, request.Password),
            SurveyClaims.IdOf(User), HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (user is null)
        {
            return Unprocessable(errors);
        }

        return Created($"/api/v1/users/{user.Id}", UserResponse.From(user));
    }

    /// <summary>
    /// Exchanges an email and password for an API token (<c>Authorization: Bearer …</c>). The token is shown
    /// once, expires, and dies when the user is disabled or changes password.
    /// </summary>
    [HttpPost("api/v1/auth/token")]
    [AllowAnonymous]
    [EnableRateLimiting(Policies.SignInRateLimit)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Token([FromBody] TokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = string.IsNullOrWhiteSpace(request.Email) ? null : await users.FindByEmailAsync(request.Email.Trim());
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user) || string.IsNullOrEmpty(request.Password)
            || !await users.CheckPasswordAsync(user, request.Password))
        {
            if (user is not null && !user.IsDisabled && !string.IsNullOrEmpty(request.Password))
            {
                await users.AccessFailedAsync(user);
            }

            await accounts.RecordAsync(SignInEvents.TokenRefused, user?.Id, null, request.Email, address, null, cancellationToken);
            return Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication failed",
                detail: "Wrong email or password, or the account is locked for 15 minutes after 5 failures.");
        }

        await users.ResetAccessFailedCountAsync(user);
        var token = ApiTokens.NewToken();
        var expiresAt = clock.GetUtcNow().AddHours(configuration.GetValue("Survey:TokenHours", 12.0));
        await accounts.AddTokenAsync(user.Id, ApiTokens.Hash(token), user.SecurityStamp, expiresAt, cancellationToken);
        await accounts.RecordAsync(SignInEvents.TokenIssued, user.Id, user.Id, user.Email, address, new { expires_at = expiresAt }, cancellationToken);
        return Ok(new TokenResponse(token, expiresAt));
    }
}

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Region, string? Password);

public sealed record TokenRequest(string? Email, string? Password);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt);

public sealed record UserResponse(Guid Id, string Email, string Name, string Role, string? Region, bool Disabled, bool TwoFactor, DateTimeOffset CreatedAt)
{
    public static UserResponse From(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserResponse(user.Id, user.Email, user.Name, user.Role, user.RegionCode, user.IsDisabled, user.TwoFactorEnabled, user.CreatedAt);
    }
}
