using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Programmes;

/// <summary>The coordinator's flagship programmes with their maturity and risk registers.</summary>
[Route("periods/{period}/regions/{region}/programmes")]
public sealed class ProgrammesController(EntryService entries, ProgrammeService service, IProgrammeRepository programmes, IEvidenceRepository evidence, IConfiguration configuration, IAuthorizationService authorization, IStringLocalizer<SharedResource> text) : Controller
{
    public const int RiskRows = 5;

    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return View(new ProgrammeListViewModel(context, await programmes.ListAsync(period, region, cancellationToken), await CanWriteAsync(context)));
    }

    /// <summary>One programme across semesters: each period's record of it (level, verified level, budget, risks).</summary>
    [HttpGet("{id:guid}/history")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> History(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        var records = context is null ? [] : await programmes.HistoryAsync(region, id, cancellationToken);
        return records.Count == 0 ? NotFound() : View(new ProgrammeHistoryViewModel(context!, id, records));
    }

    [HttpGet("new")]
    [HttpGet("{id:guid}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Edit(string period, string region, Guid? id, [FromQuery] string? dimension, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        ProgrammeForm form;
        if (id is { } existing)
        {
            var programme = (await programmes.ListAsync(period, region, cancellationToken)).FirstOrDefault(p => p.Id == existing);
            if (programme is null)
            {
                return NotFound();
            }

            form = ProgrammeForm.From(programme);
        }
        else
        {
            var first = context.Methodology.Definition.FindDimension(dimension ?? string.Empty) ?? context.Methodology.Definition.Dimensions[0];
            form = new ProgrammeForm { Dimension = first.Code, Element = first.Elements[0].Code, MaturityLevel = "1" };
        }

        return View("Edit", new ProgrammeEditViewModel(context, form.WithRiskRows(RiskRows), new Dictionary<string, string[]>(), await CanWriteAsync(context, id))
        {
            Evidence = id is null ? [] : (await evidence.ListAsync(period, region, cancellationToken)).Where(e => e.Target == id.Value.ToString()).ToList(),
        });
    }

    [HttpPost("save")]
    [Authorize(Policy = Policies.RegionWrite)]
    [RequestSizeLimit(64L * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
    public async Task<IActionResult> Save(string period, string region, [FromForm] ProgrammeForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        if (context.WriteBlock != EntryBlock.None)
        {
            TempData["Error"] = text["Entry.NotEditable"].Value;
            return Redirect($"/periods/{period}/regions/{region}/programmes");
        }

        var stored = await programmes.ListAsync(period, region, cancellationToken);
        var existing = stored.Select(p => p.Id).ToHashSet();
        var (programme, errors) = form.ToProgramme(existing, stored.ToDictionary(p => p.Id, p => (IReadOnlySet<Guid>)p.Risks.Select(r => r.Id).ToHashSet()));
        if (!context.CanEditProgramme(existing.Contains(programme.Id) ? programme.Id : null))
        {
            TempData["Error"] = text[EntryBlocks.MessageKey(EntryBlock.NotReturned)].Value;
            return Redirect($"/periods/{period}/regions/{region}/programmes");
        }

        foreach (var (key, messages) in service.Validate(context, [programme]))
        {
            errors[key] = messages;
        }

        InspectedFile? file = null;
        byte[]? content = null;
        if (form.File is { Length: > 0 } upload)
        {
            string? error;
            (file, content, error) = await EvidenceUploads.ReadAsync(upload, EvidenceUploads.MaxBytes(configuration), cancellationToken);
            if (error is not null)
            {
                errors["evidence"] = [error];
            }
        }

        if (!string.IsNullOrWhiteSpace(form.Link) && !EvidenceFiles.IsValidLink(form.Link))
        {
            errors["link"] = [Messages.Get("EvidenceLink")];
        }

        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Edit", new ProgrammeEditViewModel(context, form.WithRiskRows(RiskRows), errors, CanWrite: true));
        }

        var actor = SurveyClaims.IdOf(User)!.Value;
        await programmes.SaveAsync(period, region, programme, actor, cancellationToken);
        if (file is not null)
        {
            await evidence.AddFileAsync(period, region, programme.Id.ToString(), file, content!, actor, cancellationToken);
        }

        if (!string.IsNullOrWhiteSpace(form.Link))
        {
            await evidence.AddLinkAsync(period, region, programme.Id.ToString(), form.Link.Trim(), actor, cancellationToken);
        }

        TempData["Message"] = text["Programmes.Saved", programme.Name].Value;
        return Redirect($"/periods/{period}/regions/{region}/programmes");
    }

    [HttpPost("{id:guid}/delete")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Delete(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null || !context.CanEditProgramme(id))
        {
            return context is null ? NotFound() : Redirect($"/periods/{period}/regions/{region}/programmes");
        }

        await programmes.DeleteAsync(period, region, id, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData["Message"] = text["Programmes.Deleted"].Value;
        return Redirect($"/periods/{period}/regions/{region}/programmes");
    }

    [HttpPost("carry-over")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> CarryOver(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(period, region, cancellationToken);
        if (context is null || !context.CanEditProgramme(null))
        {
            return context is null ? NotFound() : Redirect($"/periods/{period}/regions/{region}/programmes");
        }

        var copied = await service.CarryOverAsync(context, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData["Message"] = text["Programmes.CarriedOver", copied].Value;
        return Redirect($"/periods/{period}/regions/{region}/programmes");
    }

    private async Task<bool> CanWriteAsync(EntryContext context, Guid? programme = null) =>
        (programme is null ? context.WriteBlock == EntryBlock.None : context.CanEditProgramme(programme))
        && (await authorization.AuthorizeAsync(User, null, Policies.RegionWrite)).Succeeded;
}

public sealed record ProgrammeListViewModel(EntryContext Context, IReadOnlyList<Programme> Programmes, bool CanWrite);

public sealed record ProgrammeHistoryViewModel(EntryContext Context, Guid Id, IReadOnlyList<ProgrammePeriodRecord> Records);

public sealed record ProgrammeEditViewModel(EntryContext Context, ProgrammeForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CanWrite)
{
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
}

public sealed record RiskForm
{
    /// <summary>The risk's lasting id (hidden in the form); unknown ids become new risks.</summary>
    public Guid? Id { get; init; }

    public string? Title { get; init; }

    public string? Likelihood { get; init; }

    public string? Impact { get; init; }

    public string? Mitigation { get; init; }

    public string? Owner { get; init; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Mitigation) && string.IsNullOrWhiteSpace(Owner);
}

/// <summary>A programme as typed: text, so that the form comes back exactly as typed on an error.</summary>
public sealed record ProgrammeForm
{
    public Guid? Id { get; init; }

    public string? Dimension { get; init; }

    public string? Element { get; init; }

    /// <summary>The page's one choice of both, <c>dimension/element</c> (e.g. <c>economy/industri</c>); it wins over the two fields.</summary>
    public string? DimensionElement { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public string? Agency { get; init; }

    public string? StartYear { get; init; }

    public string? Budget { get; init; }

    public string? MaturityLevel { get; init; }

    public string? Justification { get; init; }

    public List<RiskForm> Risks { get; init; } = [];

    /// <summary>An evidence file uploaded with the form (optional).</summary>
    public Microsoft.AspNetCore.Http.IFormFile? File { get; init; }

    /// <summary>An evidence link (optional).</summary>
    public string? Link { get; init; }

    public static ProgrammeForm From(Programme p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new ProgrammeForm
        {
            Id = p.Id,
            Dimension = p.Dimension,
            Element = p.Element,
            Name = p.Name,
            Description = p.Description,
            Agency = p.Agency,
            StartYear = p.StartYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Budget = p.Budget?.ToString("#,0.##", ServiceRegistration.FormatCulture),
            MaturityLevel = p.MaturityLevel.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Justification = p.Justification,
            Risks = p.Risks.Select(r => new RiskForm
            {
                Id = r.Id,
                Title = r.Title,
                Likelihood = r.Likelihood.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Impact = r.Impact.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Mitigation = r.Mitigation,
                Owner = r.Owner,
            }).ToList(),
        };
    }

    /// <summary>This form with empty risk rows added up to <paramref name="rows"/> (at least one empty row).</summary>
    public ProgrammeForm WithRiskRows(int rows)
    {
        var risks = Risks.ToList();
        while (risks.Count < rows || risks.Count == 0 || !risks[^1].IsEmpty)
        {
            risks.Add(new RiskForm());
        }

        return this with { Risks = risks };
    }

    public (Programme Programme, Dictionary<string, string[]> Errors) ToProgramme(IReadOnlySet<Guid> knownIds, IReadOnlyDictionary<Guid, IReadOnlySet<Guid>> knownRisks)
    {
        ArgumentNullException.ThrowIfNull(knownIds);
        ArgumentNullException.ThrowIfNull(knownRisks);
        var programmeId = Id is { } known && knownIds.Contains(known) ? known : Guid.NewGuid();
        var risksOfIt = knownRisks.GetValueOrDefault(programmeId) ?? new HashSet<Guid>();
        var used = new HashSet<Guid>();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int? Whole(string? text, string key, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[key] = [Messages.Get("NotANumber", Messages.Field(field))];
            return null;
        }

        decimal? budget = null;
        if (!string.IsNullOrWhiteSpace(Budget))
        {
            if (DecimalInput.TryParse(Budget, out var b))
            {
                budget = b;
            }
            else
            {
                errors["budget"] = [Messages.Get("NotANumber", Messages.Field("budget"))];
            }
        }

        var risks = new List<Risk>();
        for (var i = 0; i < Risks.Count; i++)
        {
            var r = Risks[i];
            if (r.IsEmpty)
            {
                continue;
            }

            risks.Add(new Risk(r.Id is { } rid && risksOfIt.Contains(rid) && used.Add(rid) ? rid : Guid.NewGuid(), r.Title?.Trim() ?? string.Empty,
                Whole(r.Likelihood, $"risks[{risks.Count}].likelihood", "likelihood") ?? 0,
                Whole(r.Impact, $"risks[{risks.Count}].impact", "impact") ?? 0,
                string.IsNullOrWhiteSpace(r.Mitigation) ? null : r.Mitigation.Trim(),
                string.IsNullOrWhiteSpace(r.Owner) ? null : r.Owner.Trim()));
        }

        var programme = new Programme(
            programmeId,
            (DimensionElement is { } both && both.Contains('/', StringComparison.Ordinal) ? both[..both.IndexOf('/', StringComparison.Ordinal)] : Dimension) ?? string.Empty,
            (DimensionElement is { } chosen && chosen.Contains('/', StringComparison.Ordinal) ? chosen[(chosen.IndexOf('/', StringComparison.Ordinal) + 1)..] : Element) ?? string.Empty,
            Name?.Trim() ?? string.Empty,
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            string.IsNullOrWhiteSpace(Agency) ? null : Agency.Trim(),
            Whole(StartYear, "start_year", "start_year"),
            budget,
            Whole(MaturityLevel, "maturity_level", "maturity_level") ?? 0,
            string.IsNullOrWhiteSpace(Justification) ? null : Justification.Trim(),
            risks);
        return (programme, errors);
    }
}
