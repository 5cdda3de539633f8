using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Methodology;
using Survey.Domain.Submissions;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Programmes;

/// <summary>A region's flagship programmes and risk registers for a period (same rules as the pages).</summary>
[Route("api/v1/periods/{period}/regions/{region}/programmes")]
public sealed class ProgrammesApiController(EntryService entries, ProgrammeService service, IProgrammeRepository programmes) : ApiControllerBase
{
    [HttpGet]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<IReadOnlyList<ProgrammeDto>>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var methodology = context.Methodology.Definition;
        return Ok((await programmes.ListAsync(period, region, cancellationToken)).Select(p => ProgrammeDto.From(p, methodology)).ToList());
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
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        if (context.WriteBlock != EntryBlock.None)
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: "The period is not open or the submission is not editable.");
        }

        var stored = await programmes.ListAsync(period, region, cancellationToken);
        var existing = stored.Select(p => p.Id).ToHashSet();
        var knownRisks = stored.ToDictionary(p => p.Id, p => (IReadOnlySet<Guid>)p.Risks.Select(r => r.Id).ToHashSet());
        var list = items.Select(i => i.ToProgramme(existing, knownRisks)).ToList();
        if (context.Status == Survey.Domain.Submissions.SubmissionStatus.Returned)
        {
            // Returned: the same programmes must be sent (none added or removed); only the returned ones change,
            // the others are kept as stored whatever was sent for them.
            var returned = stored.Where(p => context.CanEditProgramme(p.Id)).Select(p => p.Id).ToHashSet();
            if (!list.Select(p => p.Id).ToHashSet().SetEquals(existing))
            {
                return Problem(statusCode: StatusCodes.Status409Conflict, title: EntryBlocks.ApiTitle(EntryBlock.NotReturned, period));
            }

            list = [.. stored.Where(p => !returned.Contains(p.Id)), .. list.Where(p => returned.Contains(p.Id))];
        }

        var errors = service.Validate(context, list, "items");
        if (errors.Count > 0)
        {
            return Unprocessable(errors);
        }

        var changed = await programmes.ReplaceAsync(period, region, list, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return Ok(new SaveResponse(items.Count, changed));
    }

    /// <summary>Copies the previous period's programmes and risks as a starting point.</summary>
    [HttpPost("carry-over")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> CarryOver(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        if (!context.CanEditProgramme(null))
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: "The period is not open or the submission is not editable.");
        }

        return Ok(new { copied = await service.CarryOverAsync(context, SurveyClaims.IdOf(User)!.Value, cancellationToken) });
    }
}

public sealed record RiskDto(Guid? Id, string? Title, int Likelihood, int Impact, string? Mitigation, string? Owner, int? Rating = null, string? Band = null);

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
    int? VerifiedLevel = null)
{
    public static ProgrammeDto From(Programme p, ScoringMethodology methodology)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(methodology);
        return new ProgrammeDto(p.Id, p.Dimension, p.Element, p.Name, p.Description, p.Agency, p.StartYear, p.Budget, p.MaturityLevel, p.Justification,
            p.Risks.Select(r => new RiskDto(r.Id, r.Title, r.Likelihood, r.Impact, r.Mitigation, r.Owner, r.Rating, methodology.RiskBandFor(r.Rating).Code)).ToList(),
            p.VerifiedLevel);
    }

    /// <summary>
    /// The programme to store; an unknown id (of a programme, or of a risk not of this programme) is replaced by a
    /// new one so that ids cannot be chosen by the caller, and a known one keeps the programme's or risk's identity.
    /// </summary>
    public Programme ToProgramme(IReadOnlySet<Guid> knownIds, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> knownRisks)
    {
        ArgumentNullException.ThrowIfNull(knownIds);
        ArgumentNullException.ThrowIfNull(knownRisks);
        var programmeId = Id is { } id && knownIds.Contains(id) ? id : Guid.NewGuid();
        var risksOfIt = knownRisks.GetValueOrDefault(programmeId) ?? new HashSet<Guid>();
        var used = new HashSet<Guid>();
        return new Programme(
            programmeId,
            Dimension ?? string.Empty,
            Element ?? string.Empty,
            Name?.Trim() ?? string.Empty,
            Clean(Description),
            Clean(Agency),
            StartYear,
            Budget,
            MaturityLevel,
            Clean(Justification),
            (Risks ?? []).Select(r => new Risk(r.Id is { } rid && risksOfIt.Contains(rid) && used.Add(rid) ? rid : Guid.NewGuid(), r.Title?.Trim() ?? string.Empty, r.Likelihood, r.Impact, Clean(r.Mitigation), Clean(r.Owner))).ToList());
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
