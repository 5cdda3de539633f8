using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Survey.Domain.Accounts;
using Survey.Domain.Platform;

namespace Survey.Web.Infrastructure.Security;

/// <summary>
/// API tokens: 256 random bits, shown once, stored only as a SHA-256 hash with the user's security stamp,
/// so that a password change (new stamp), a disabled user or the expiry ends them.
/// </summary>
public static class ApiTokens
{
    public const string Scheme = "Bearer";
    public const string Prefix = "sct_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the stored token hashes.</summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IAccountRepository accounts,
    IDatabaseFaults faults,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length is < 10 or > 200)
        {
            return AuthenticateResult.Fail("malformed token");
        }

        AppUser? user;
        try
        {
            user = await accounts.FindByTokenAsync(ApiTokens.Hash(token), clock.GetUtcNow(), Context.RequestAborted);
        }
        catch (Exception exception) when (faults.IsUnavailable(exception) && Context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // The error page of a database outage (503 with Retry-After) renders without the caller's identity.
            return AuthenticateResult.NoResult();
        }

        if (user is null)
        {
            return AuthenticateResult.Fail("unknown, expired or revoked token");
        }

        var identity = new ClaimsIdentity(SurveyClaims.For(user), ApiTokens.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokens.Scheme));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Policies.ApiAwareAsync(Context, StatusCodes.Status401Unauthorized, null);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Policies.ApiAwareAsync(Context, StatusCodes.Status403Forbidden, null);
}
