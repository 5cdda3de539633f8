using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Survey.Web.Infrastructure;

/// <summary>Writes the small JSON body of <c>/healthz</c>.</summary>
public static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "ok" : "unavailable"),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
