using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Survey.Data.Database;

namespace Survey.Web.Infrastructure;

/// <summary>The HTTP pipeline, in one place.</summary>
public static class Pipeline
{
    /// <summary>
    /// The status an unhandled exception answers with: 503 while the database is unreachable, 413 for a body or
    /// form beyond the limits (Kestrel's body size, the form's value count and length), 400 for a malformed body,
    /// 500 for everything else (a defect).
    /// </summary>
    public static int StatusOf(Exception? exception)
    {
        if (DatabaseErrors.IsUnavailable(exception))
        {
            return StatusCodes.Status503ServiceUnavailable;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BadHttpRequestException bad:
                    return bad.StatusCode;
                case InvalidDataException when IsFormLimit(e):
                    return StatusCodes.Status413PayloadTooLarge;
            }
        }

        return StatusCodes.Status500InternalServerError;
    }

    // The form reader's own words for its limits (value count, key and value length, multipart sizes).
    private static bool IsFormLimit(Exception e) =>
        e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("exceeded", StringComparison.OrdinalIgnoreCase);

    public static WebApplication UseSurveyPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var site = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value;
        if (site.Proxy.Enabled || site.Proxy.KnownProxies.Length > 0 || site.Proxy.KnownNetworks.Length > 0)
        {
            // First of all: the client's address (rate limits, audit) and scheme (secure cookies, HSTS) as the proxy saw them.
            app.UseForwardedHeaders();
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = StatusOf,
            // A database outage (a warning logged by the error page) and a request beyond the size limits are not
            // errors of the app: no stack trace per request.
            SuppressDiagnosticsCallback = context => StatusOf(context.Exception) != StatusCodes.Status500InternalServerError,
            // The error page runs with fresh scoped services: an authentication that failed because the database
            // is down is tried again (and then skipped) instead of rethrowing its cached failure.
            CreateScopeForErrors = true,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.Use((context, next) =>
        {
            // An error page never reads the failed request's body again (a form beyond the limits would throw a
            // second time and turn a 413 into a 500): it sees an empty form.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null
                || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            {
                context.Features.Set<Microsoft.AspNetCore.Http.Features.IFormFeature>(new Microsoft.AspNetCore.Http.Features.FormFeature(Microsoft.AspNetCore.Http.FormCollection.Empty));
            }

            return next(context);
        });
        app.UseMiddleware<SecurityHeadersMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            // Only answers over https carry it (and not for localhost).
            app.UseHsts();
        }

        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseViewerTime();
        app.UseMiddleware<ExpiredSessionDraftMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<PasswordChangeRequiredMiddleware>();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapControllers();
        return app;
    }
}
