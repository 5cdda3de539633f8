using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Programmes;

/// <summary>The coordinator's flagship programmes with their maturity and risk registers.</summary>
[Route("periods/{period}/regions/{region}/programmes")]
public sealed class ProgrammesController(
    ScopeReader entries,
    SaveProgrammesHandler save,
    CarryOverHandler carryOver,
    IProgrammeRepository programmes,
    IEvidenceRepository evidence,
    Survey.Domain.Units.IUnitRepository units,
    Microsoft.Extensions.Options.IOptions<EvidenceSettings> settings,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : Controller
{
    public const int RiskRows = 5;

    /// <summary>Action rows shown per risk (one more appears once these are filled).</summary>
    public const int ActionRows = 2;

    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        return View(new ProgrammeListViewModel(context, await programmes.ListAsync(context.Scope, cancellationToken), await CanWriteAsync(context))
        {
            UnitNames = (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal),
        });
    }

    /// <summary>One programme across semesters: each period's record of it (level, verified level, budget, risks).</summary>
    [HttpGet("{id:guid}/history")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> History(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var records = context is null ? [] : await programmes.HistoryAsync(region, id, cancellationToken);
        return records.Count == 0 ? NotFound() : View(new ProgrammeHistoryViewModel(context!, id, records));
    }

    [HttpGet("new")]
    [HttpGet("{id:guid}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Edit(string period, string region, Guid? id, [FromQuery] string? dimension, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        ProgrammeForm form;
        Programme? stored = null;
        if (id is { } existing)
        {
            var programme = (await programmes.ListAsync(context.Scope, cancellationToken)).FirstOrDefault(p => p.Id == existing);
            if (programme is null)
            {
                return NotFound();
            }

            stored = programme;
            form = ProgrammeForm.From(programme);
        }
        else
        {
            var first = context.Methodology.Definition.FindDimension(dimension ?? string.Empty) ?? context.Methodology.Definition.Dimensions[0];
            form = new ProgrammeForm { Dimension = first.Code, Element = first.Elements[0].Code, MaturityLevel = "1" };
        }

        var onlyRisks = OnlyRisks(context, stored);
        return View("Edit", new ProgrammeEditViewModel(context, onlyRisks is null ? form.WithRiskRows(RiskRows) : form, new Dictionary<string, string[]>(), await CanWriteAsync(context, id, onlyRisks is not null))
        {
            OnlyRisks = onlyRisks,
            Evidence = id is null ? [] : (await evidence.ListAsync(context.Scope, cancellationToken)).Where(e => e.Target == id.Value.ToString()).ToList(),
            Units = (await units.ListAsync(region, cancellationToken)).Where(u => u.Active).ToList(),
            Criteria = await save.CriteriaAsync(context, cancellationToken),
        });
    }

    [HttpPost("save")]
    [Authorize(Policy = Policies.UnitWrite)]
    [RequestSizeLimit(64L * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 64L * 1024 * 1024)]
    public async Task<IActionResult> Save(string period, string region, [FromForm] ProgrammeForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        // Reading the request is the page's part: the typed text, the uploaded file and the link.
        var (programme, errors) = form.ToProgramme();
        var evidence = new List<NewEvidence>();
        if (form.File is { Length: > 0 } upload)
        {
            var (file, content, error) = await EvidenceUploads.ReadAsync(upload, settings.Value.MaxBytes, cancellationToken);
            if (error is not null)
            {
                errors["evidence"] = [error];
            }
            else
            {
                evidence.Add(new NewEvidence(string.Empty, file, content, null));
            }
        }

        if (!string.IsNullOrWhiteSpace(form.Link))
        {
            if (EvidenceFiles.IsValidLink(form.Link))
            {
                evidence.Add(new NewEvidence(string.Empty, null, null, form.Link.Trim()));
            }
            else
            {
                errors["link"] = [Messages.Get("EvidenceLink")];
            }
        }

        var outcome = await save.SaveAsync(context, programme, errors, evidence, SurveyClaims.IdOf(User)!.Value, cancellationToken, SurveyClaims.UnitOf(User));
        if (outcome.Block != EntryBlock.None)
        {
            TempData["Error"] = text[EntryBlocks.MessageKey(outcome.Block)].Value;
            return Redirect($"/periods/{period}/regions/{region}/programmes");
        }

        if (outcome.Errors.Count > 0)
        {
            // Only returned risks were open: the locked rest comes back as stored, the returned risks as typed.
            var stored = form.Id is { } known ? (await programmes.ListAsync(context.Scope, cancellationToken)).FirstOrDefault(p => p.Id == known) : null;
            var onlyRisks = OnlyRisks(context, stored);
            if (onlyRisks is not null)
            {
                form = ProgrammeForm.From(stored!) is var locked
                    ? locked with { Risks = locked.Risks.Select(r => r.Id is { } rid && onlyRisks.Contains(rid) ? form.Risks.FirstOrDefault(t => t.Id == rid) ?? r : r).ToList() }
                    : form;
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Edit", new ProgrammeEditViewModel(context, onlyRisks is null ? form.WithRiskRows(RiskRows) : form, outcome.Errors, CanWrite: true)
            {
                OnlyRisks = onlyRisks,
                Units = (await units.ListAsync(region, cancellationToken)).Where(u => u.Active).ToList(),
                Criteria = await save.CriteriaAsync(context, cancellationToken),
            });
        }

        TempData["Message"] = text["Programmes.Saved", outcome.Saved!.Name].Value;
        return Redirect($"/periods/{period}/regions/{region}/programmes");
    }

    [HttpPost("{id:guid}/delete")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> Delete(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var block = await save.DeleteAsync(context, id, SurveyClaims.IdOf(User)!.Value, cancellationToken, SurveyClaims.UnitOf(User));
        if (block == EntryBlock.None)
        {
            TempData["Message"] = text["Programmes.Deleted"].Value;
        }
        else if (block == EntryBlock.NotYourUnit)
        {
            TempData["Error"] = text[EntryBlocks.MessageKey(block)].Value;
        }

        return Redirect($"/periods/{period}/regions/{region}/programmes");
    }

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
        if (block == EntryBlock.None)
        {
            TempData["Message"] = text["Programmes.CarriedOver", copied].Value;
        }

        return Redirect($"/periods/{period}/regions/{region}/programmes");
    }

    // The risks the evaluator returned on their own when the programme itself is locked; null when it is not.
    private static IReadOnlySet<Guid>? OnlyRisks(EntryContext context, Programme? programme) =>
        programme is not null && !context.CanEditProgramme(programme.Id) && context.ReturnedRisksOf(programme) is { Count: > 0 } risks ? risks : null;

    private async Task<bool> CanWriteAsync(EntryContext context, Guid? programme = null, bool returnedRisks = false) =>
        (returnedRisks || (programme is null ? context.WriteBlock == EntryBlock.None : context.CanEditProgramme(programme)))
        && !context.HeldByReady(SurveyClaims.UnitOf(User))
        && (await authorization.AuthorizeAsync(User, null, Policies.UnitWrite)).Succeeded;
}

public sealed record ProgrammeListViewModel(EntryContext Context, IReadOnlyList<Programme> Programmes, bool CanWrite)
{
    /// <summary>The region's unit names by code.</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; init; } = new Dictionary<string, string>();
}

public sealed record ProgrammeHistoryViewModel(EntryContext Context, Guid Id, IReadOnlyList<ProgrammePeriodRecord> Records);

public sealed record ProgrammeEditViewModel(EntryContext Context, ProgrammeForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CanWrite)
{
    /// <summary>When only single risks were returned: those risks (the rest of the programme is shown locked).</summary>
    public IReadOnlySet<Guid>? OnlyRisks { get; init; }

    /// <summary>Whether the fields of a risk row (<paramref name="id"/>: <c>null</c> for a new row) can be changed.</summary>
    public bool CanEditRisk(Guid? id) => CanWrite && (OnlyRisks is null || (id is { } known && OnlyRisks.Contains(known)));

    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];

    /// <summary>The region's active units, for the owner choice.</summary>
    public IReadOnlyList<Survey.Domain.Units.Unit> Units { get; init; } = [];

    /// <summary>The period's risk criteria: the choices of the register and the analysis shown beside each risk.</summary>
    public Survey.Domain.Risks.StoredRiskCriteria? Criteria { get; init; }
}

/// <summary>One action of a risk's plan as typed: what, its output, the unit's code, the due date, the cost (id-ID).</summary>
public sealed record ActionForm
{
    public Guid? Id { get; init; }

    public string? Action { get; init; }

    public string? Output { get; init; }

    public string? Unit { get; init; }

    public string? Due { get; init; }

    public string? Cost { get; init; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Action) && string.IsNullOrWhiteSpace(Output) && string.IsNullOrWhiteSpace(Due) && string.IsNullOrWhiteSpace(Cost);
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

    public string? Type { get; init; }

    public string? Category { get; init; }

    public string? ImpactArea { get; init; }

    public string? Event { get; init; }

    public string? Cause { get; init; }

    public string? Consequence { get; init; }

    public string? ExistingControls { get; init; }

    public string? TreatmentOption { get; init; }

    public string? ResidualLikelihood { get; init; }

    public string? ResidualImpact { get; init; }

    public List<ActionForm> Actions { get; init; } = [];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Title) && string.IsNullOrWhiteSpace(Mitigation) && string.IsNullOrWhiteSpace(Owner)
        && string.IsNullOrWhiteSpace(Event) && string.IsNullOrWhiteSpace(Cause) && Actions.All(a => a.IsEmpty);

    /// <summary>This row with empty action rows added up to <paramref name="rows"/> (at least one empty row).</summary>
    public RiskForm WithActionRows(int rows)
    {
        var actions = Actions.Where(a => !a.IsEmpty).ToList();
        while (actions.Count < rows || actions.Count == 0 || !actions[^1].IsEmpty)
        {
            actions.Add(new ActionForm());
        }

        return this with { Actions = actions };
    }
}

/// <summary>One replication row as typed: the unit's code, since when (a date), its status.</summary>
public sealed record ReplicationForm
{
    public string? Unit { get; init; }

    public string? Since { get; init; }

    public string? Status { get; init; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Unit) && string.IsNullOrWhiteSpace(Since);
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

    /// <summary>The owning unit's code (optional).</summary>
    public string? Unit { get; init; }

    public string? StartYear { get; init; }

    public string? Budget { get; init; }

    public string? MaturityLevel { get; init; }

    public string? Justification { get; init; }

    public List<RiskForm> Risks { get; init; } = [];

    /// <summary>The co-owner units' codes.</summary>
    public List<string> CoUnits { get; init; } = [];

    public List<ReplicationForm> Replications { get; init; } = [];

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
            Unit = p.Unit,
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
                Type = r.Type,
                Category = r.Category,
                ImpactArea = r.ImpactArea,
                Event = r.Event,
                Cause = r.Cause,
                Consequence = r.Consequence,
                ExistingControls = r.ExistingControls,
                TreatmentOption = r.TreatmentOption,
                ResidualLikelihood = r.ResidualLikelihood?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ResidualImpact = r.ResidualImpact?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Actions = r.Actions.Select(a => new ActionForm
                {
                    Id = a.Id,
                    Action = a.Action,
                    Output = a.Output,
                    Unit = a.Unit,
                    Due = a.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    Cost = a.Cost?.ToString("#,0.##", ServiceRegistration.FormatCulture),
                }).ToList(),
            }).ToList(),
            CoUnits = [.. p.CoUnits],
            Replications = p.Replications.Select(r => new ReplicationForm
            {
                Unit = r.Unit,
                Since = r.Since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Status = r.Status,
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

        risks = risks.Select(r => r.WithActionRows(ProgrammesController.ActionRows)).ToList();

        var replications = Replications.ToList();
        while (replications.Count < 2 || !replications[^1].IsEmpty)
        {
            replications.Add(new ReplicationForm());
        }

        return this with { Risks = risks, Replications = replications };
    }

    /// <summary>The programme as typed and the errors of reading it; the use case decides which ids are known.</summary>
    public (Programme Programme, Dictionary<string, string[]> Errors) ToProgramme()
    {
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

        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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

            var at = $"risks[{risks.Count}]";
            var actions = new List<RiskAction>();
            foreach (var a in r.Actions.Where(a => !a.IsEmpty))
            {
                var actionAt = $"{at}.actions[{actions.Count}]";
                DateOnly? due = null;
                if (!string.IsNullOrWhiteSpace(a.Due))
                {
                    if (DateOnly.TryParseExact(a.Due.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                    {
                        due = date;
                    }
                    else
                    {
                        errors[$"{actionAt}.due"] = [Messages.Get("NotADate", Messages.Field("due"))];
                    }
                }

                decimal? cost = null;
                if (!string.IsNullOrWhiteSpace(a.Cost))
                {
                    if (DecimalInput.TryParse(a.Cost, out var c))
                    {
                        cost = c;
                    }
                    else
                    {
                        errors[$"{actionAt}.cost"] = [Messages.Get("NotANumber", Messages.Field("cost"))];
                    }
                }

                actions.Add(new RiskAction(a.Id ?? Guid.Empty, a.Action?.Trim() ?? string.Empty, Clean(a.Output),
                    Survey.Domain.Units.UnitInput.Normalize(Clean(a.Unit)), due, cost));
            }

            risks.Add(new Risk(r.Id ?? Guid.Empty, r.Title?.Trim() ?? string.Empty,
                Whole(r.Likelihood, $"{at}.likelihood", "likelihood") ?? 0,
                Whole(r.Impact, $"{at}.impact", "impact") ?? 0,
                Clean(r.Mitigation),
                Clean(r.Owner))
            {
                Type = Clean(r.Type) ?? Survey.Domain.Risks.RiskTypes.Negative,
                Category = Clean(r.Category),
                ImpactArea = Clean(r.ImpactArea),
                Event = Clean(r.Event),
                Cause = Clean(r.Cause),
                Consequence = Clean(r.Consequence),
                ExistingControls = Clean(r.ExistingControls),
                TreatmentOption = Clean(r.TreatmentOption),
                ResidualLikelihood = Whole(r.ResidualLikelihood, $"{at}.residual_likelihood", "residual_likelihood"),
                ResidualImpact = Whole(r.ResidualImpact, $"{at}.residual_impact", "residual_impact"),
                Actions = actions,
            });
        }

        var replications = new List<Replication>();
        foreach (var row in Replications.Where(r => !r.IsEmpty))
        {
            DateOnly? since = null;
            if (!string.IsNullOrWhiteSpace(row.Since))
            {
                if (DateOnly.TryParseExact(row.Since.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                {
                    since = date;
                }
                else
                {
                    errors[$"replications[{replications.Count}].since"] = [Messages.Get("NotADate", Messages.Field("since"))];
                }
            }

            replications.Add(new Replication(Survey.Domain.Units.UnitInput.Normalize(row.Unit?.Trim()) ?? string.Empty, since, row.Status?.Trim() ?? ReplicationStatuses.Running));
        }

        var programme = new Programme(
            Id ?? Guid.Empty,
            (DimensionElement is { } both && both.Contains('/', StringComparison.Ordinal) ? both[..both.IndexOf('/', StringComparison.Ordinal)] : Dimension) ?? string.Empty,
            (DimensionElement is { } chosen && chosen.Contains('/', StringComparison.Ordinal) ? chosen[(chosen.IndexOf('/', StringComparison.Ordinal) + 1)..] : Element) ?? string.Empty,
            Name?.Trim() ?? string.Empty,
            string.IsNullOrWhiteSpace(Description) ? null : Description.Trim(),
            string.IsNullOrWhiteSpace(Agency) ? null : Agency.Trim(),
            Whole(StartYear, "start_year", "start_year"),
            budget,
            Whole(MaturityLevel, "maturity_level", "maturity_level") ?? 0,
            string.IsNullOrWhiteSpace(Justification) ? null : Justification.Trim(),
            risks,
            Unit: Survey.Domain.Units.UnitInput.Normalize(string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim()))
        {
            CoUnits = CoUnits.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => Survey.Domain.Units.UnitInput.Normalize(u.Trim())!).ToList(),
            Replications = replications,
        };
        return (programme, errors);
    }
}
