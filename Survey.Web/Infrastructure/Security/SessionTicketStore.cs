using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Survey.Domain.Accounts;
using Survey.Domain.Platform;

namespace Survey.Web.Infrastructure.Security;

/// <summary>
/// Keeps the sign-in ticket on the server (<see cref="ISessionRepository"/>): the cookie holds only a random
/// session id, and every request checks that the session is live and its user enabled under the same security
/// stamp. Signing out, disabling a user and changing a password therefore end the session at once.
/// </summary>
public sealed class SessionTicketStore(ISessionRepository sessions, IDatabaseFaults faults, TimeProvider clock) : ITicketStore
{
    /// <summary>The claim that names the session inside the stored principal (used by sign-out).</summary>
    public const string SessionClaim = "survey:session";

    private static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public static string? SessionOf(ClaimsPrincipal user) => user?.FindFirstValue(SessionClaim);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        if (ticket.Principal.Identity is ClaimsIdentity identity)
        {
            foreach (var old in identity.FindAll(SessionClaim).ToList())
            {
                identity.RemoveClaim(old);
            }

            identity.AddClaim(new Claim(SessionClaim, id));
        }

        var userId = SurveyClaims.IdOf(ticket.Principal) ?? throw new InvalidOperationException("a sign-in ticket without a user id");
        await sessions.StoreAsync(id, userId, StampOf(ticket), TicketSerializer.Default.Serialize(ticket), ExpiryOf(ticket), cancellationToken);
        return id;
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (ticket.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionClaim))
        {
            identity.AddClaim(new Claim(SessionClaim, key));
        }

        return sessions.RenewAsync(key, StampOf(ticket), TicketSerializer.Default.Serialize(ticket), ExpiryOf(ticket), cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var bytes = await sessions.FindAsync(key, clock.GetUtcNow(), cancellationToken);
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        try
        {
            return await RetrieveAsync(key, cancellationToken);
        }
        catch (Exception exception) when (faults.IsUnavailable(exception) && httpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            // The error page of a database outage renders for an anonymous visitor instead of failing itself.
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.EndAsync(key, cancellationToken);

    private static string StampOf(AuthenticationTicket ticket) => ticket.Principal.FindFirstValue("AspNet.Identity.SecurityStamp") ?? string.Empty;

    private DateTimeOffset ExpiryOf(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc ?? clock.GetUtcNow().Add(DefaultLifetime);

    /// <summary>Reads the session id out of a sign-in cookie's value (without looking the session up).</summary>
    public static string? SessionIdOf(CookieAuthenticationOptions options, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(context);
        var cookie = options.CookieManager.GetRequestCookie(context, options.Cookie.Name!);
        if (string.IsNullOrEmpty(cookie) || cookie.Length > 8192)
        {
            return null;
        }

        var ticket = options.TicketDataFormat.Unprotect(cookie);
        return ticket?.Principal.FindFirstValue("Microsoft.AspNetCore.Authentication.Cookies-SessionId");
    }
}
