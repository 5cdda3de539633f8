using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Survey.Data.Accounts;
using Survey.Domain.Accounts;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Infrastructure;

/// <summary>The roles of the platform.</summary>
public static class Roles
{
    public const string Admin = UserRoles.Admin;
    public const string Evaluator = UserRoles.Evaluator;
    public const string Coordinator = UserRoles.Coordinator;
    public const string UnitOperator = UserRoles.UnitOperator;
}

/// <summary>Every authentication scheme and authorisation policy, in one place.</summary>
public static class Policies
{
    /// <summary>Any signed-in user.</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Ministry administrators.</summary>
    public const string Admin = "admin";

    /// <summary>Ministry evaluators and administrators.</summary>
    public const string Ministry = "ministry";

    /// <summary>Reading a region's data: its coordinator, evaluators, administrators (region from the route).</summary>
    public const string RegionRead = "region-read";

    /// <summary>Changing a region's data: its coordinator and administrators (region from the route).</summary>
    public const string RegionWrite = "region-write";

    /// <summary>
    /// A unit's work in a region: what <see cref="RegionWrite"/> allows, and a unit operator of the region, whom
    /// the use case limits to the operator's own unit.
    /// </summary>
    public const string UnitWrite = "unit-write";

    public const string SignInRateLimit = "sign-in";

    private const string Smart = "smart";

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web);

    public static IServiceCollection AddSurveyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        var lockout = services.AddSettings<AccountSettings>(configuration, AccountSettings.Section);
        services.AddIdentityCore<AppUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = string.Empty;
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(lockout.LockoutMinutes);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = false;
            })
            .AddUserStore<UserStore>()
            .AddUserManager<SurveyUserManager>()
            .AddSignInManager()
            // Only the providers in use: password reset and authenticator app (no e-mail or SMS codes).
            .AddTokenProvider<DataProtectorTokenProvider<AppUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<AuthenticatorTokenProvider<AppUser>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<SurveyClaimsPrincipalFactory>();
        services.AddSingleton<IAccountRepository, AccountRepository>();
        services.AddSingleton(TimeProvider.System);

        services
            .AddAuthentication(options =>
            {
                options.DefaultScheme = Smart;
                options.DefaultChallengeScheme = Smart;
            })
            .AddPolicyScheme(Smart, "Cookie or bearer token", options =>
                // The API honours only bearer tokens; pages the sign-in cookie, or a bearer token when one is
                // sent (so that reports and exports can be fetched by scripts; a browser never sends one by itself).
                options.ForwardDefaultSelector = context =>
                    context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
                    || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiTokens.Scheme
                        : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokens.Scheme, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "survey.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/error/403";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API callers get JSON status codes, never an HTML redirect.
            options.Events.OnRedirectToLogin = context => ApiAwareAsync(context.HttpContext, StatusCodes.Status401Unauthorized, context.RedirectUri);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareAsync(context.HttpContext, StatusCodes.Status403Forbidden, context.RedirectUri);
        });
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        // The ticket lives on the server; every request checks the session (see SessionTicketStore).
        services.AddSingleton<ISessionRepository, SessionRepository>();
        services.AddSingleton<SessionTicketStore>();
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<SessionTicketStore>((options, store) => options.SessionStore = store);
        services.AddScoped<CredentialCheck>();
        services.AddOptions<ApiTokenOptions>().Bind(configuration.GetSection("Survey"))
            .Validate(o => o.TokenHours > 0 && o.TokenHours <= 24 * 90, "Survey:TokenHours must lie between 0 and 2160 hours.")
            .ValidateOnStart();

        services.AddScoped<IAuthorizationHandler, RegionAccessHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(SignedIn, policy => policy.RequireAuthenticatedUser())
            .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Ministry, policy => policy.RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Evaluator))
            .AddPolicy(RegionRead, policy => policy.RequireAuthenticatedUser().AddRequirements(new RegionAccessRequirement(Write: false)))
            .AddPolicy(RegionWrite, policy => policy.RequireAuthenticatedUser().AddRequirements(new RegionAccessRequirement(Write: true)))
            .AddPolicy(UnitWrite, policy => policy.RequireAuthenticatedUser().AddRequirements(new RegionAccessRequirement(Write: true, UnitWork: true)));

        services.AddDataProtection().SetApplicationName("survey");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new DataProtectionKeyRepository(dataSource));

        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("Survey:RateLimits"))
            .Validate(o => o.Problem() is null, "every Survey:RateLimits setting must be a positive number")
            .ValidateOnStart();
        services.AddSingleton<RespondentThrottle>();
        services.AddSingleton<ChartRenderGate>();
        services.AddSingleton<KeyedLimiterFactory>();
        var perMinute = configuration.GetSection("Survey:RateLimits").Get<RateLimitOptions>()?.SignInPerMinute ?? new RateLimitOptions().SignInPerMinute;
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "local",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return services;
    }

    internal static Task ApiAwareAsync(HttpContext context, int status, string? redirectUri)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || redirectUri is null)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/problem+json";
            var problem = new ProblemDetails
            {
                Status = status,
                Title = status == StatusCodes.Status401Unauthorized ? "Authentication required" : "Forbidden",
                Detail = status == StatusCodes.Status401Unauthorized
                    ? "Send 'Authorization: Bearer <token>' (POST /api/v1/auth/token) or sign in."
                    : "Your role or region does not allow this request.",
            };
            return context.Response.WriteAsync(JsonSerializer.Serialize(problem, ProblemJson));
        }

        if (status == StatusCodes.Status403Forbidden)
        {
            // A page answers 403 itself; the status-code page renders the friendly message.
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Access to the scope named by the route values <c>period</c> and <c>region</c>.</summary>
public sealed record RegionAccessRequirement(bool Write, bool UnitWork = false) : IAuthorizationRequirement;

/// <summary>
/// Applies <see cref="ScopeAccess"/> to the scope of the route: the owner comes from the route, never from the
/// form or the query (a route without a period, such as a programme's history, names the owner only).
/// </summary>
public sealed class RegionAccessHandler(IHttpContextAccessor accessor) : AuthorizationHandler<RegionAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RegionAccessRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        var http = accessor.HttpContext;
        if (http?.GetRouteValue("region") is string region)
        {
            var scope = new Survey.Domain.Common.Scope(http.GetRouteValue("period") as string ?? string.Empty, region);
            var user = context.User;
            var role = UserRoles.All.FirstOrDefault(user.IsInRole);
            if (requirement.UnitWork ? ScopeAccess.AllowsUnitWork(role, SurveyClaims.RegionOf(user), scope) : ScopeAccess.Allows(role, SurveyClaims.RegionOf(user), scope, requirement.Write))
            {
                context.Succeed(requirement);
            }
        }
        else if (context.User.IsInRole(Roles.Admin) || (!requirement.Write && context.User.IsInRole(Roles.Evaluator)))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
