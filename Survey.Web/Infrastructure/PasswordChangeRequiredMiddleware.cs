using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Infrastructure;

/// <summary>
/// After an administrator reset a password, the user may only change it (or sign out) until they do:
/// pages redirect to the change form, API calls answer 403.
/// </summary>
public sealed class PasswordChangeRequiredMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/account/password", "/account/logout", "/account/login", "/account/login-2fa", "/error", "/healthz", "/lib", "/css", "/js", "/culture"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.HasClaim(SurveyClaims.MustChangePassword, "true")
            && !Allowed.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
            {
                return Policies.ApiAwareAsync(context, StatusCodes.Status403Forbidden, null);
            }

            context.Response.Redirect("/account/password");
            return Task.CompletedTask;
        }

        return next(context);
    }
}
