using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Survey.Domain.Accounts;
using Survey.Domain.Submissions;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Infrastructure;

/// <summary>
/// When the coordinator's session expired while they filled in the form, the post is kept (not applied)
/// before sign-in is asked again; after signing in, the form shows it back for them to save. A post is kept only
/// when its sign-in cookie is the site's own (it decrypts), names a session that expired within a day without a
/// sign-out, whose user is still enabled under the same security stamp, and its anti-forgery token validates for
/// that user: a forged cookie, a signed-out or disabled user, or a cross-site post writes nothing. The form is
/// read within bounds, each user keeps at most five posts, and the posts
/// kept are rate-limited per user.
/// </summary>
public sealed partial class ExpiredSessionDraftMiddleware(RequestDelegate next, KeyedLimiterFactory limiters)
{
    public const string CookieName = "survey.draft";

    /// <summary>The most a kept post may weigh (its text fields as stored).</summary>
    public const int MaxKeptBytes = 256 * 1024;

    private const int MaxFields = 2000;
    private const int MaxValueLength = 4000;

    private readonly KeyedLimiter _perUser = limiters.PerMinute(l => l.ExpiredDraftsPerMinute);

    public async Task InvokeAsync(HttpContext context, IPendingDraftRepository drafts, ISessionRepository sessions, IAntiforgery antiforgery,
        IOptionsMonitor<CookieAuthenticationOptions> cookies, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(drafts);
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(antiforgery);
        ArgumentNullException.ThrowIfNull(cookies);
        ArgumentNullException.ThrowIfNull(clock);
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && context.User.Identity?.IsAuthenticated != true
            && request.HasFormContentType
            && EntryPath().IsMatch(request.Path.Value ?? string.Empty)
            && await KeptForAsync(context, sessions, cookies.Get(IdentityConstants.ApplicationScheme), antiforgery, clock) is { } userId)
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            var fields = form
                .Where(f => f.Key.StartsWith("items[", StringComparison.Ordinal) && f.Key.Length <= 100)
                .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v is { Length: > MaxValueLength } ? v[..MaxValueLength] : v ?? string.Empty)))
                .Take(MaxFields)
                .ToList();
            if (fields.Sum(f => f.Key.Length + f.Value.Length) <= MaxKeptBytes && _perUser.TryTake(userId.ToString("N")))
            {
                var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                await drafts.StoreAsync(id, userId, request.Path.Value!, fields, context.RequestAborted);
                context.Response.Cookies.Append(CookieName, id, new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = request.IsHttps,
                    MaxAge = TimeSpan.FromDays(1),
                    IsEssential = true,
                });
            }

            context.Response.Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(request.Path.Value!));
            return;
        }

        await next(context);
    }

    /// <summary>The user a post may be kept for, or <c>null</c> (see the class summary).</summary>
    private static async Task<Guid?> KeptForAsync(HttpContext context, ISessionRepository sessions, CookieAuthenticationOptions options,
        IAntiforgery antiforgery, TimeProvider clock)
    {
        // A post too large for a form of values is not kept (and not read here).
        if (context.Request.ContentLength is null or > 16L * 1024 * 1024
            || SessionTicketStore.SessionIdOf(options, context) is not { Length: > 20 and < 100 } sessionId
            || await sessions.FindExpiredAsync(sessionId, clock.GetUtcNow(), context.RequestAborted) is not { } session)
        {
            return null;
        }

        var ticket = TicketSerializer.Default.Deserialize(session.Ticket);
        if (ticket is null)
        {
            return null;
        }

        // The anti-forgery token was issued to the signed-in user: it is checked as that user.
        var anonymous = context.User;
        context.User = ticket.Principal;
        try
        {
            return await antiforgery.IsRequestValidAsync(context) ? session.UserId : null;
        }
        finally
        {
            context.User = anonymous;
        }
    }

    [GeneratedRegex("^/periods/[0-9]{4}-S[12]/regions/[0-9]{4}/entry/[a-z-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryPath();
}
