using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Survey.Domain.Accounts;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Users;

/// <summary>Users for scripts (administrators only) and API tokens for everyone with an account.</summary>
public sealed class UsersApiController(AccountService accountService, CredentialCheck credentials, IAccountRepository accounts, IOptions<ApiTokenOptions> options, TimeProvider clock) : ApiControllerBase
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
            new NewUser(request.Email, request.Name, request.Role, request.Region, request.Password, Unit: request.Unit),
            SurveyClaims.IdOf(User), HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (user is null)
        {
            return Unprocessable(errors);
        }

        return Created($"/api/v1/users/{user.Id}", UserResponse.From(user));
    }

    /// <summary>
    /// Exchanges an email and password (and, for an account with two-factor sign-in, a current authenticator
    /// code or a recovery code) for an API token (<c>Authorization: Bearer …</c>). The token is shown once,
    /// expires, and dies when the user is disabled, changes password or revokes it.
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
        var check = await credentials.CheckAsync(request.Email, request.Password, request.Code, cancellationToken);
        if (check.User is not { } user || check.Outcome != CredentialOutcome.Succeeded)
        {
            await accounts.RecordAsync(SignInEvents.TokenRefused, check.User?.Id, null, request.Email, address,
                new { reason = check.Outcome.ToString().ToLowerInvariant() }, cancellationToken);
            if (check.Outcome == CredentialOutcome.UnitInactive)
            {
                return Problem(statusCode: StatusCodes.Status403Forbidden, title: "The unit of this operator is deactivated.",
                    detail: "A unit operator of a deactivated unit cannot sign in; the region's coordinator can reactivate the unit.");
            }

            return check.Outcome == CredentialOutcome.TwoFactorRequired
                ? Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Two-factor code required",
                    detail: "This account signs in with an authenticator app: send its current 6-digit code (or a recovery code) as \"code\".")
                : Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authentication failed",
                    detail: "Wrong email, password or code, or the account is locked for 15 minutes after 5 failures.");
        }

        var token = ApiTokens.NewToken();
        var expiresAt = clock.GetUtcNow().AddHours(options.Value.TokenHours);
        var id = await accounts.AddTokenAsync(user.Id, ApiTokens.Hash(token), user.SecurityStamp, expiresAt, cancellationToken);
        await accounts.RecordAsync(SignInEvents.TokenIssued, user.Id, user.Id, user.Email, address, new { token = id, expires_at = expiresAt }, cancellationToken);
        return Ok(new TokenResponse(id, token, expiresAt));
    }

    /// <summary>The caller's own API tokens that still work (never the token itself).</summary>
    [HttpGet("api/v1/auth/tokens")]
    [Authorize(Policy = Policies.SignedIn)]
    [ProducesResponseType<IReadOnlyList<TokenInfo>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<TokenInfo>> Tokens(CancellationToken cancellationToken) =>
        await accounts.ListTokensAsync(SurveyClaims.IdOf(User)!.Value, clock.GetUtcNow(), cancellationToken);

    /// <summary>Revokes one API token at once: the caller's own, or any user's for an administrator. 204, or 404.</summary>
    [HttpDelete("api/v1/auth/tokens/{id:guid}")]
    [Authorize(Policy = Policies.SignedIn)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Revoke(Guid id, CancellationToken cancellationToken)
    {
        var actor = SurveyClaims.IdOf(User)!.Value;
        var owner = await accounts.RevokeTokenAsync(id, User.IsInRole(Roles.Admin) ? null : actor, cancellationToken);
        if (owner is null)
        {
            return Problem(statusCode: StatusCodes.Status404NotFound, title: "No such token.");
        }

        await accounts.RecordAsync(SignInEvents.TokenRevoked, owner, actor, User.Identity?.Name, HttpContext.Connection.RemoteIpAddress?.ToString(), new { token = id }, cancellationToken);
        return NoContent();
    }
}

public sealed record CreateUserRequest(string? Email, string? Name, string? Role, string? Region, string? Password, string? Unit = null);

public sealed record TokenRequest(string? Email, string? Password, string? Code = null);

public sealed record TokenResponse(Guid Id, string Token, DateTimeOffset ExpiresAt);

public sealed record UserResponse(Guid Id, string Email, string Name, string Role, string? Region, bool Disabled, bool TwoFactor, DateTimeOffset CreatedAt, string? Unit = null)
{
    public static UserResponse From(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new UserResponse(user.Id, user.Email, user.Name, user.Role, user.RegionCode, user.IsDisabled, user.TwoFactorEnabled, user.CreatedAt, user.UnitCode);
    }
}
