using Microsoft.Extensions.Diagnostics.HealthChecks;
using Survey.Domain.Platform;

namespace Survey.Web.Infrastructure;

/// <summary>Healthy only when the database answers the heartbeat query.</summary>
public sealed class DatabaseHealthCheck(IStatusRepository status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var answer = await status.GetStatusAsync(cancellationToken);
            return HealthCheckResult.Healthy("database answers", new Dictionary<string, object>
            {
                ["schema_version"] = answer.SchemaVersion,
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception text can name hosts; the probe reports only that the database is down.
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
