using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace Survey.Web.Infrastructure;

/// <summary>The roles of the platform.</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Evaluator = "evaluator";
    public const string Coordinator = "coordinator";
}

/// <summary>Every authorisation policy, in one place.</summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Ministry administrators.</summary>
    public const string Admin = "admin";

    public static IServiceCollection AddSurveyAuthentication(this IServiceCollection services)
    {
        services
            .AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "survey.auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = "/account/login";
                options.AccessDeniedPath = "/error/403";
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                // API callers get JSON status codes, never an HTML redirect.
                options.Events.OnRedirectToLogin = context => ApiAwareAsync(context.HttpContext, StatusCodes.Status401Unauthorized, context.RedirectUri);
                options.Events.OnRedirectToAccessDenied = context => ApiAwareAsync(context.HttpContext, StatusCodes.Status403Forbidden, context.RedirectUri);
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin));
        return services;
    }

    private static Task ApiAwareAsync(HttpContext context, int status, string redirectUri)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            var problem = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
                Detail = status == StatusCodes.Status401Unauthorized
                    ? "Send 'Authorization: Bearer <token>' or sign in."
                    : "Your role or region does not allow this request.",
            };
            return context.Response.WriteAsync(JsonSerializer.Serialize(problem));
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
