using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Platform;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Benchmark;

/// <summary>
/// The floor of the submission benchmark: an API endpoint beside <c>POST /api/v1/responses</c>, in the same
/// pipeline, that does nothing but the single INSERT of a response row. It exists only when
/// <c>Survey:Benchmark:BareEndpoint</c> is true (scripts/benchmark.sh) and the request comes from the same
/// machine; otherwise it answers 404.
/// </summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class BareController(IBenchmarkFloor floor, Microsoft.Extensions.Options.IOptions<BenchmarkSettings> settings) : ApiControllerBase
{
    [HttpPost("api/v1/bench/bare-response/{period}/{region}")]
    public async Task<IActionResult> Insert(string period, string region, CancellationToken cancellationToken)
    {
        if (!settings.Value.BareEndpoint || HttpContext.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
        {
            return NotFound();
        }

        await floor.InsertBareResponseAsync(new Scope(period, region), cancellationToken);
        return StatusCode(StatusCodes.Status201Created);
    }
}
