using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Features.Programmes;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Risks;

/// <summary>Every risk of a region's programmes in a period, analysed with the period's risk criteria.</summary>
[Route("api/v1/periods/{period}/regions/{region}/risks")]
public sealed class RisksApiController(ScopeReader entries, SaveProgrammesHandler save, IProgrammeRepository programmes) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<RegionRiskDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var criteria = context is null ? null : await save.CriteriaAsync(context, cancellationToken);
        if (context is null || criteria is null)
        {
            return NotFound();
        }

        var list = await programmes.ListAsync(context.Scope, cancellationToken);
        return Ok(list.SelectMany(p => p.Risks.Select(r => RegionRiskDto.From(p, r, criteria.Definition, context.Methodology.Definition))).ToList());
    }
}

/// <summary>One risk of the region: its programme and owning unit, the analysis and the action plan.</summary>
public sealed record RegionRiskDto(
    Guid Id,
    Guid Programme,
    string ProgrammeName,
    string Dimension,
    string? Unit,
    string Title,
    string Type,
    string? Category,
    string? ImpactArea,
    int Likelihood,
    int Impact,
    int Magnitude,
    string Level,
    bool NeedsTreatment,
    string? TreatmentOption,
    int? ResidualLikelihood,
    int? ResidualImpact,
    int? ResidualMagnitude,
    string? ResidualLevel,
    IReadOnlyList<RiskActionDto> Actions)
{
    public static RegionRiskDto From(Programme p, Risk r, Survey.Domain.Risks.RiskCriteria criteria, Survey.Domain.Methodology.ScoringMethodology methodology)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(criteria);
        var dto = RiskDto.From(r, methodology, criteria);
        return new RegionRiskDto(r.Id, p.Id, p.Name, p.Dimension, p.Unit, r.Title, r.Type, r.Category, r.ImpactArea, r.Likelihood, r.Impact,
            dto.Magnitude ?? 0, dto.Level ?? string.Empty, dto.NeedsTreatment ?? false, r.TreatmentOption, r.ResidualLikelihood, r.ResidualImpact,
            dto.ResidualMagnitude, dto.ResidualLevel, dto.Actions ?? []);
    }
}
