using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Platform;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Errors;

/// <summary>
/// Friendly answers for failures: an HTML page for people, problem details for <c>/api</c> callers.
/// Never a stack trace.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorsController(IStringLocalizer<SharedResource> text, IDatabaseFaults faults, ILogger<ErrorsController> logger) : Controller
{
    [Route("/error")]
    public IActionResult Error()
    {
        var feature = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var unavailable = faults.IsUnavailable(feature?.Error);
        var status = Pipeline.StatusOf(feature?.Error);
        if (unavailable)
        {
            Log.DatabaseUnavailable(logger, feature?.Path);
            Response.Headers.RetryAfter = "30";
        }

        return Render(status, feature?.Path ?? Request.Path.Value ?? "/");
    }

    // The status is the original response's (or the route's), never bound from the request: a form field named
    // "code" must not choose it, and a form beyond the limits must not make binding fail into a 500.
    [Route("/error/{code:int}")]
    public IActionResult Status()
    {
        var feature = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var code = feature?.OriginalStatusCode
            ?? (int.TryParse(RouteData.Values["code"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var routed) ? routed : 500);
        return Render(code is >= 400 and <= 599 ? code : 500, feature?.OriginalPath ?? "/");
    }

    private IActionResult Render(int status, string originalPath)
    {
        var key = status switch
        {
            400 or 401 or 403 or 404 or 405 or 409 or 413 or 415 or 422 or 429 or 503 => $"Error.{status}",
            _ => "Error.500",
        };
        Response.StatusCode = status;
        if (originalPath.StartsWith("/api/", StringComparison.Ordinal))
        {
            return Problem(statusCode: status, title: text[key + ".Title"], detail: text[key + ".Detail"]);
        }

        return View("Error", new ErrorViewModel(status, text[key + ".Title"], text[key + ".Detail"]));
    }
}

public sealed record ErrorViewModel(int Status, string Title, string Detail);
