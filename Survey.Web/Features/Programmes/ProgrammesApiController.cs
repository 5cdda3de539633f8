using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Methodology;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Programmes;

/// <summary>A region's flagship programmes and risk registers for a period (same rules as the pages).</summary>
[Route("api/v1/periods/{period}/regions/{region}/programmes")]
public sealed class ProgrammesApiController(ScopeReader entries, SaveProgrammesHandler save, CarryOverHandler carryOver, IProgrammeRepository programmes) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<ProgrammeDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var methodology = context.Methodology.Definition;
        var criteria = (await save.CriteriaAsync(context, cancellationToken))?.Definition;
        return Ok((await programmes.ListAsync(context.Scope, cancellationToken)).Select(p => ProgrammeDto.From(p, methodology, criteria)).ToList());
    }

    /// <summary>Replaces the list: items with a known id are updated, without id created, missing ones deleted. 422 per item.</summary>
    [HttpPut]
    [Authorize(Policy = Policies.RegionWrite)]
    [ProducesResponseType<SaveResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Put(string period, string region, [FromBody] List<ProgrammeDto> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await save.ReplaceAsync(context, items.Select(i => i.ToProgramme()).ToList(), SurveyClaims.IdOf(User)!.Value, cancellationToken, actingUnit: SurveyClaims.UnitOf(User));
        return outcome.Block switch
        {
            EntryBlock.None when outcome.Errors.Count > 0 => Unprocessable(new Dictionary<string, string[]>(outcome.Errors)),
            EntryBlock.None => Ok(new SaveResponse(items.Count, outcome.Changed)),
            EntryBlock.NotReturned => Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(EntryBlock.NotReturned, period)),
            _ => Problem(statusCode: StatusCodes.Status409Conflict, title: "The period is not open or the submission is not editable."),
        };
    }

    /// <summary>
    /// Adds one programme (201 with its <c>id</c>); a unit operator's programme belongs to the operator's unit, a
    /// coordinator names the owner with <c>"unit"</c>. 422 per field.
    /// </summary>
    [HttpPost]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<ProgrammeDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Post(string period, string region, [FromBody] ProgrammeDto item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        return await SaveOneAsync(period, region, item with { Id = null }, created: true, cancellationToken);
    }

    /// <summary>Changes one programme (a unit operator: only the unit's own); 404 when unknown, 403 when another unit's.</summary>
    [HttpPut("{id:guid}")]
    [Authorize(Policy = Policies.UnitWrite)]
    [ProducesResponseType<ProgrammeDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> PutOne(string period, string region, Guid id, [FromBody] ProgrammeDto item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null || (await programmes.ListAsync(context.Scope, cancellationToken)).All(p => p.Id != id))
        {
            return NotFound();
        }

        return await SaveOneAsync(period, region, item with { Id = id }, created: false, cancellationToken);
    }

    /// <summary>Deletes one programme (a unit operator: only the unit's own).</summary>
    [HttpDelete("{id:guid}")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> DeleteOne(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return await save.DeleteAsync(context, id, SurveyClaims.IdOf(User)!.Value, cancellationToken, SurveyClaims.UnitOf(User)) switch
        {
            EntryBlock.None => NoContent(),
            EntryBlock.NotFound => NotFound(),
            EntryBlock.NotYourUnit => Problem(statusCode: StatusCodes.Status403Forbidden, title: EntryBlocks.ApiTitle(EntryBlock.NotYourUnit, period)),
            var block => Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(block, period)),
        };
    }

    private async Task<IActionResult> SaveOneAsync(string period, string region, ProgrammeDto item, bool created, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await save.SaveAsync(context, item.ToProgramme(), new Dictionary<string, string[]>(), [], SurveyClaims.IdOf(User)!.Value, cancellationToken, SurveyClaims.UnitOf(User));
        if (outcome.VersionConflict)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: "The programme was changed since the version sent; read it again (GET) and send its current version.");
        }

        return outcome.Block switch
        {
            EntryBlock.None when outcome.Errors.Count > 0 => Unprocessable(new Dictionary<string, string[]>(outcome.Errors)),
            EntryBlock.None => created
                ? Created($"/api/v1/periods/{period}/regions/{region}/programmes/{outcome.Saved!.Id}", ProgrammeDto.From(outcome.Saved, context.Methodology.Definition, (await save.CriteriaAsync(context, cancellationToken))?.Definition))
                : Ok(ProgrammeDto.From(outcome.Saved!, context.Methodology.Definition, (await save.CriteriaAsync(context, cancellationToken))?.Definition)),
            EntryBlock.NotYourUnit => Problem(statusCode: StatusCodes.Status403Forbidden, title: EntryBlocks.ApiTitle(EntryBlock.NotYourUnit, period)),
            var block => Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(block, period)),
        };
    }

    /// <summary>Copies the previous period's programmes and risks as a starting point.</summary>
    [HttpPost("carry-over")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> CarryOver(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var (block, copied) = await carryOver.CarryOverAsync(context, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return block == EntryBlock.None
            ? Ok(new { copied })
            : Problem(statusCode: StatusCodes.Status409Conflict, title: "The period is not open or the submission is not editable.");
    }
}

/// <summary>
/// A risk of the register. Sent: its identification, inherent likelihood and impact, treatment option, actions and
/// residual levels. Answered besides: the magnitude and level from the period's risk criteria, whether it needs
/// treatment, and the residual magnitude and level (<c>rating</c> and <c>band</c>, likelihood x impact on the
/// methodology's bands, stay for older clients).
/// </summary>
public sealed record RiskDto(Guid? Id, string? Title, int Likelihood, int Impact, string? Mitigation, string? Owner, int? Rating = null, string? Band = null)
{
    public string? Type { get; init; }

    public string? Category { get; init; }

    public string? ImpactArea { get; init; }

    public string? Event { get; init; }

    public string? Cause { get; init; }

    public string? Consequence { get; init; }

    public string? ExistingControls { get; init; }

    public string? TreatmentOption { get; init; }

    public IReadOnlyList<RiskActionDto>? Actions { get; init; }

    public int? ResidualLikelihood { get; init; }

    public int? ResidualImpact { get; init; }

    public int? Magnitude { get; init; }

    public string? Level { get; init; }

    public bool? NeedsTreatment { get; init; }

    public int? ResidualMagnitude { get; init; }

    public string? ResidualLevel { get; init; }

    public static RiskDto From(Risk r, ScoringMethodology methodology, Survey.Domain.Risks.RiskCriteria? criteria)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(methodology);
        var inherent = criteria is not null && r.Likelihood is >= 1 and <= 5 && r.Impact is >= 1 and <= 5 ? criteria.Position(r.Likelihood, r.Impact) : null;
        var residual = criteria is not null && r.ResidualLikelihood is { } rl && r.ResidualImpact is { } ri ? criteria.Position(rl, ri) : null;
        return new RiskDto(r.Id, r.Title, r.Likelihood, r.Impact, r.Mitigation, r.Owner, r.Rating, methodology.RiskBandFor(r.Rating).Code)
        {
            Type = r.Type,
            Category = r.Category,
            ImpactArea = r.ImpactArea,
            Event = r.Event,
            Cause = r.Cause,
            Consequence = r.Consequence,
            ExistingControls = r.ExistingControls,
            TreatmentOption = r.TreatmentOption,
            Actions = r.Actions.Select(a => new RiskActionDto(a.Id, a.Action, a.Output, a.Unit, a.Due, a.Cost)).ToList(),
            ResidualLikelihood = r.ResidualLikelihood,
            ResidualImpact = r.ResidualImpact,
            Magnitude = inherent?.Magnitude,
            Level = inherent?.Band.Code,
            NeedsTreatment = inherent?.NeedsTreatment,
            ResidualMagnitude = residual?.Magnitude,
            ResidualLevel = residual?.Band.Code,
        };
    }

    public Risk ToRisk()
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return new Risk(Id ?? Guid.Empty, Title?.Trim() ?? string.Empty, Likelihood, Impact, Clean(Mitigation), Clean(Owner))
        {
            Type = Clean(Type)?.ToLowerInvariant() ?? Survey.Domain.Risks.RiskTypes.Negative,
            Category = Clean(Category),
            ImpactArea = Clean(ImpactArea),
            Event = Clean(Event),
            Cause = Clean(Cause),
            Consequence = Clean(Consequence),
            ExistingControls = Clean(ExistingControls),
            TreatmentOption = Clean(TreatmentOption),
            Actions = (Actions ?? []).Select(a => new RiskAction(a.Id ?? Guid.Empty, a.Action?.Trim() ?? string.Empty, Clean(a.Output), Survey.Domain.Units.UnitInput.Normalize(Clean(a.Unit)), a.Due, a.Cost)).ToList(),
            ResidualLikelihood = ResidualLikelihood,
            ResidualImpact = ResidualImpact,
        };
    }
}

/// <summary>One action of a risk's treatment plan: what, its output, the responsible unit's code, the due date (<c>yyyy-MM-dd</c>) and the cost.</summary>
public sealed record RiskActionDto(Guid? Id, string? Action, string? Output, string? Unit, DateOnly? Due, decimal? Cost);

/// <summary>Where a programme has been replicated: the unit's code, since when (<c>yyyy-MM-dd</c>), planned, running or stopped.</summary>
public sealed record ReplicationDto(string? Unit, DateOnly? Since, string? Status);

public sealed record ProgrammeDto(
    Guid? Id,
    string? Dimension,
    string? Element,
    string? Name,
    string? Description,
    string? Agency,
    int? StartYear,
    decimal? Budget,
    int MaturityLevel,
    string? Justification,
    IReadOnlyList<RiskDto>? Risks,
    int? VerifiedLevel = null,
    string? Unit = null,
    int? Version = null,
    IReadOnlyList<string>? CoUnits = null,
    IReadOnlyList<ReplicationDto>? Replications = null)
{
    public static ProgrammeDto From(Programme p, ScoringMethodology methodology, Survey.Domain.Risks.RiskCriteria? criteria = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(methodology);
        return new ProgrammeDto(p.Id, p.Dimension, p.Element, p.Name, p.Description, p.Agency, p.StartYear, p.Budget, p.MaturityLevel, p.Justification,
            p.Risks.Select(r => RiskDto.From(r, methodology, criteria)).ToList(),
            p.VerifiedLevel,
            p.Unit,
            p.Version,
            p.CoUnits,
            p.Replications.Select(r => new ReplicationDto(r.Unit, r.Since, r.Status)).ToList());
    }

    /// <summary>The programme as sent; the use case decides which ids are known (see <see cref="ProgrammeIdentities"/>).</summary>
    public Programme ToProgramme() =>
        new(
            Id ?? Guid.Empty,
            Dimension ?? string.Empty,
            Element ?? string.Empty,
            Name?.Trim() ?? string.Empty,
            Clean(Description),
            Clean(Agency),
            StartYear,
            Budget,
            MaturityLevel,
            Clean(Justification),
            (Risks ?? []).Select(r => r.ToRisk()).ToList(),
            Unit: Survey.Domain.Units.UnitInput.Normalize(Clean(Unit)),
            Version: Version ?? 0)
        {
            CoUnits = (CoUnits ?? []).Select(u => Survey.Domain.Units.UnitInput.Normalize(u) ?? string.Empty).ToList(),
            Replications = (Replications ?? []).Select(r => new Replication(Survey.Domain.Units.UnitInput.Normalize(r.Unit) ?? string.Empty, r.Since, r.Status?.Trim() ?? string.Empty)).ToList(),
        };

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
