using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Platform;

using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Platform;

/// <summary>The platform's own status for scripts and monitoring.</summary>
[Route("api/v1/status")]
public sealed class StatusApiController(IStatusRepository status) : ApiControllerBase
{
    /// <summary>The database heartbeat and the schema version applied.</summary>
    [HttpGet]
    [ProducesResponseType<StatusResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status503ServiceUnavailable)]
    public async Task<StatusResponse> Get(CancellationToken cancellationToken)
    {
        var answer = await status.GetStatusAsync(cancellationToken);
        return new StatusResponse(
            "ok",
            typeof(StatusApiController).Assembly.GetName().Version?.ToString() ?? "0.0.0",
            answer.SchemaVersion,
            answer.MigrationsApplied,
            answer.DatabaseTime);
    }
}

public sealed record StatusResponse(string Status, string Version, string SchemaVersion, int MigrationsApplied, DateTimeOffset DatabaseTime);
