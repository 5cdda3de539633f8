using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Survey.Data.Submissions;

namespace Survey.Web.Infrastructure;

/// <summary>
/// When the coordinator's session expired while they filled in the form, the post is kept (not applied)
/// before sign-in is asked again; after signing in, the form shows it back for them to save. Only a post
/// that carries the site's own (expired) sign-in cookie is kept: a cross-site post carries no cookie under
/// SameSite=Lax, so nobody can plant a draft in someone else's browser.
/// </summary>
public sealed partial class ExpiredSessionDraftMiddleware(RequestDelegate next)
{
    public const string CookieName = "survey.draft";
    private const string AuthCookie = "survey.auth";

    public async Task InvokeAsync(HttpContext context, PendingDraftRepository drafts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(drafts);
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method)
            && context.User.Identity?.IsAuthenticated != true
            && request.Cookies.ContainsKey(AuthCookie)
            && request.HasFormContentType
            && EntryPath().IsMatch(request.Path.Value ?? string.Empty))
        {
            var form = await request.ReadFormAsync(context.RequestAborted);
            var fields = form
                .Where(f => f.Key.StartsWith("items[", StringComparison.Ordinal))
                .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty)))
                .Take(2000)
                .ToList();
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            await drafts.StoreAsync(id, request.Path.Value!, fields, context.RequestAborted);
            context.Response.Cookies.Append(CookieName, id, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = request.IsHttps,
                MaxAge = TimeSpan.FromDays(1),
                IsEssential = true,
            });
            context.Response.Redirect("/account/login?ReturnUrl=" + Uri.EscapeDataString(request.Path.Value!));
            return;
        }

        await next(context);
    }

    [GeneratedRegex("^/periods/[0-9]{4}-S[12]/regions/[0-9]{4}/entry/[a-z-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EntryPath();
}
