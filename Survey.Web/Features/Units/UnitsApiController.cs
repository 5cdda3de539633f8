using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Units;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Units;

/// <summary>The units of a region (agencies, villages, enterprises): its coordinator and administrators change them.</summary>
[Route("api/v1/regions/{region}/units")]
public sealed class UnitsApiController(UnitsHandler units) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<UnitDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List(string region, CancellationToken cancellationToken) =>
        await units.ListAsync(region, cancellationToken) is { } list ? Ok(list.Select(UnitDto.From).ToList()) : NotFound();

    /// <summary>Adds a unit: 201, 422 per field (a village code of another region says so), 409 when the code exists.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType<UnitDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Add(string region, [FromBody] UnitDto body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var outcome = await units.AddAsync(region, body.ToInput(), SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return outcome switch
        {
            { NotFound: true } => NotFound(),
            { Conflict: true } => Problem(statusCode: StatusCodes.Status409Conflict, title: outcome.Errors["code"][0]),
            { Errors.Count: > 0 } => Unprocessable(new Dictionary<string, string[]>(outcome.Errors)),
            _ => Created($"/api/v1/regions/{region}/units/{Uri.EscapeDataString(outcome.Unit!.Code)}", UnitDto.From(outcome.Unit)),
        };
    }

    /// <summary>Changes a unit (its code stays; <c>active</c> false deactivates it): 200, 422 per field, 404.</summary>
    [HttpPut("{code}")]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType<UnitDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Put(string region, string code, [FromBody] UnitDto body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var outcome = await units.UpdateAsync(region, code, body.ToInput(), body.Active ?? true, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return outcome switch
        {
            { NotFound: true } => NotFound(),
            { Errors.Count: > 0 } => Unprocessable(new Dictionary<string, string[]>(outcome.Errors)),
            _ => Ok(UnitDto.From(outcome.Unit!)),
        };
    }

    /// <summary>Removes a unit: deleted when it has no data, deactivated (never deleted) when it has.</summary>
    [HttpDelete("{code}")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Delete(string region, string code, CancellationToken cancellationToken) =>
        await units.RemoveAsync(region, code, SurveyClaims.IdOf(User)!.Value, cancellationToken) switch
        {
            UnitRemoval.Deleted => Ok(new { result = "deleted" }),
            UnitRemoval.Deactivated => Ok(new { result = "deactivated" }),
            _ => NotFound(),
        };

    /// <summary>
    /// Imports villages from a Kemendagri code list sent as <c>text/csv</c> (<c>code,name</c>): <c>?preview=true</c>
    /// answers what each row would do and writes nothing; otherwise every row or none (422 naming the refused rows),
    /// or the valid ones with <c>?only_valid=true</c>.
    /// </summary>
    [HttpPost("import")]
    [Authorize(Policy = Policies.RegionWrite)]
    [Consumes("text/csv", "text/plain")]
    [RequestSizeLimit(2 * 1024 * 1024)]
    public async Task<IActionResult> Import(string region, [FromQuery] bool preview, [FromQuery(Name = "only_valid")] bool onlyValid, CancellationToken cancellationToken)
    {
        if (await units.ListAsync(region, cancellationToken) is null)
        {
            return NotFound();
        }

        using var reader = new StreamReader(Request.Body);
        var csv = await reader.ReadToEndAsync(cancellationToken);
        if (preview)
        {
            var (rows, error) = await units.PreviewVillagesAsync(region, csv, cancellationToken);
            return error is not null ? Unprocessable(new Dictionary<string, string[]> { ["file"] = [error] }) : Ok(new { rows = rows.Select(VillageRowDto.From) });
        }

        var result = await units.ImportVillagesAsync(region, csv, onlyValid, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (result.Error is not null)
        {
            return Unprocessable(new Dictionary<string, string[]> { ["file"] = [result.Error] });
        }

        var refused = result.Rows.Where(r => r.Status == VillageRowStatus.Refused).ToList();
        if (refused.Count > 0 && !onlyValid)
        {
            return Unprocessable(refused.ToDictionary(r => $"line {r.Line}", r => new[] { r.Message! }));
        }

        return Ok(new { rows = result.Rows.Count, added = result.Added, renamed = result.Renamed, refused = refused.Count });
    }
}

public sealed record UnitDto(string? Code, string? Name, string? Kind, string? Subtype, string? Head, string? Contact, bool? Active = null, string? District = null)
{
    public static UnitDto From(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new UnitDto(unit.Code, unit.Name, unit.Kind, unit.Subtype, unit.Head, unit.Contact, unit.Active, unit.District);
    }

    public UnitInput ToInput() => new(Code, Name, Kind, Subtype, Head, Contact);
}

public sealed record VillageRowDto(int Line, string Code, string Name, string Kind, string? District, string Status, string? Message)
{
    public static VillageRowDto From(VillageRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new VillageRowDto(row.Line, row.Code, row.Name, row.Kind, row.District, row.Status.ToString().ToLowerInvariant(), row.Message);
    }
}
