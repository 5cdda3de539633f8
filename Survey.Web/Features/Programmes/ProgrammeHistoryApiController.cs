using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Submissions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Programmes;

/// <summary>A programme's history across semesters: its lasting id and each period's record of it.</summary>
[Route("api/v1/regions/{region}/programmes")]
public sealed class ProgrammeHistoryApiController(IProgrammeRepository programmes) : ApiControllerBase
{
    [HttpGet("{id:guid}/history")]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<ProgrammeHistoryDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string region, Guid id, CancellationToken cancellationToken)
    {
        var records = await programmes.HistoryAsync(region, id, cancellationToken);
        return records.Count == 0 ? NotFound() : Ok(ProgrammeHistoryDto.From(region, id, records));
    }
}

public sealed record ProgrammeHistoryDto(Guid Id, string Region, IReadOnlyList<ProgrammePeriodDto> Periods)
{
    public static ProgrammeHistoryDto From(string region, Guid id, IReadOnlyList<ProgrammePeriodRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new ProgrammeHistoryDto(id, region, records.Select(r => new ProgrammePeriodDto(
            r.Period,
            r.Programme.Name,
            r.Programme.Dimension,
            r.Programme.Element,
            r.Programme.MaturityLevel,
            r.Programme.VerifiedLevel,
            r.Programme.Budget,
            r.Programme.Risks.Select(k => new ProgrammeRiskRecordDto(k.Id, k.Title, k.Likelihood, k.Impact, k.Rating)).ToList())).ToList());
    }
}

public sealed record ProgrammePeriodDto(string Period, string Name, string Dimension, string Element, int MaturityLevel, int? VerifiedLevel, decimal? Budget, IReadOnlyList<ProgrammeRiskRecordDto> Risks);

public sealed record ProgrammeRiskRecordDto(Guid Id, string Title, int Likelihood, int Impact, int Rating);
