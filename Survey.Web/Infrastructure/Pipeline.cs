using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Survey.Data.Database;

namespace Survey.Web.Infrastructure;

/// <summary>The HTTP pipeline, in one place.</summary>
public static class Pipeline
{
    public static WebApplication UseSurveyPipeline(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = ex => DatabaseErrors.IsUnavailable(ex)
                ? StatusCodes.Status503ServiceUnavailable
                : StatusCodes.Status500InternalServerError,
            // A database outage is logged once as a warning by the error page, not as an error with a stack trace per request.
            SuppressDiagnosticsCallback = context => DatabaseErrors.IsUnavailable(context.Exception),
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
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
