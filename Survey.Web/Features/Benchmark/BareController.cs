using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
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
public sealed class BareController(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<BenchmarkSettings> settings) : ApiControllerBase
{
    [HttpPost("api/v1/bench/bare-response/{period}/{region}")]
    public async Task<IActionResult> Insert(string period, string region, CancellationToken cancellationToken)
    {
        if (!settings.Value.BareEndpoint || HttpContext.Connection.RemoteIpAddress is not { } address || !System.Net.IPAddress.IsLoopback(address))
        {
            return NotFound();
        }

        await using var command = dataSource.CreateCommand("""
            INSERT INTO response (id, period_code, region_code, questionnaire_version_id)
            SELECT $1, $2, $3, p.questionnaire_version_id FROM period p WHERE p.code = $2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        command.Parameters.Add(new NpgsqlParameter { Value = period });
        command.Parameters.Add(new NpgsqlParameter { Value = region });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return StatusCode(StatusCodes.Status201Created);
    }
}
