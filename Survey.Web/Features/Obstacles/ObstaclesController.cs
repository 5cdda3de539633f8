using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Obstacles;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Obstacles;

/// <summary>The region's obstacles of a period: the list (open first) and the form to add or update one.</summary>
[Route("periods/{period}/regions/{region}/obstacles")]
public sealed class ObstaclesController(
    ScopeReader entries,
    ObstaclesHandler handler,
    IProgrammeRepository programmes,
    Survey.Domain.Units.IUnitRepository units,
    Survey.Domain.Risks.IRiskCriteriaRepository criteria,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var model = await ModelAsync(context, new ObstacleForm(), new Dictionary<string, string[]>(), cancellationToken);
        return View("Index", model with { List = await handler.ListAsync(context, cancellationToken) });
    }

    [HttpGet("new")]
    [HttpGet("{id:guid}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Edit(string period, string region, Guid? id, [FromQuery] Guid? programme, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        ObstacleForm form;
        if (id is { } known)
        {
            var stored = (await handler.ListAsync(context, cancellationToken)).FirstOrDefault(o => o.Id == known);
            if (stored is null)
            {
                return NotFound();
            }

            form = ObstacleForm.From(stored);
        }
        else
        {
            form = new ObstacleForm { Programme = programme?.ToString(), Unit = SurveyClaims.UnitOf(User), Status = ObstacleStatuses.Open, SupportNeededFrom = SupportLevels.Region };
        }

        return View("Edit", await ModelAsync(context, form, new Dictionary<string, string[]>(), cancellationToken));
    }

    [HttpPost("save")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> Save(string period, string region, [FromForm] ObstacleForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var (obstacle, inputErrors) = form.ToObstacle();
        var outcome = await handler.SaveAsync(context, obstacle, SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), form.Version, cancellationToken, inputErrors);
        if (outcome.Block == EntryBlock.NotYourUnit)
        {
            return Forbid();
        }

        if (outcome.Block != EntryBlock.None)
        {
            TempData["Error"] = text[EntryBlocks.MessageKey(outcome.Block)].Value;
            return Redirect($"/periods/{period}/regions/{region}/obstacles");
        }

        if (outcome.Errors.Count > 0)
        {
            Response.StatusCode = outcome.Stale ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return View("Edit", await ModelAsync(context, form, outcome.Errors, cancellationToken));
        }

        TempData["Message"] = text["Obstacles.Saved"].Value;
        return Redirect($"/periods/{period}/regions/{region}/obstacles");
    }

    private async Task<ObstaclesViewModel> ModelAsync(EntryContext context, ObstacleForm form, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var unit = SurveyClaims.UnitOf(User);
        var canWrite = ObstaclesHandler.WriteBlock(context) == EntryBlock.None
            && !context.HeldByReady(unit)
            && (unit is null || form.Unit is null || form.Unit == unit)
            && (await authorization.AuthorizeAsync(User, null, Policies.UnitWrite)).Succeeded;
        return new ObstaclesViewModel(context, form, errors, canWrite)
        {
            Programmes = await programmes.ListAsync(context.Scope, cancellationToken),
            Units = await units.ListAsync(context.Region.Code, cancellationToken),
            Criteria = (await criteria.ForPeriodAsync(context.Period.Code, cancellationToken))?.Definition,
            OwnUnit = unit,
        };
    }
}

public sealed record ObstaclesViewModel(EntryContext Context, ObstacleForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CanWrite)
{
    public IReadOnlyList<Obstacle> List { get; init; } = [];

    public IReadOnlyList<Programme> Programmes { get; init; } = [];

    public IReadOnlyList<Survey.Domain.Units.Unit> Units { get; init; } = [];

    public Survey.Domain.Risks.RiskCriteria? Criteria { get; init; }

    /// <summary>The signed-in operator's unit, if any (its form names no other unit).</summary>
    public string? OwnUnit { get; init; }

    public string BasePath => $"/periods/{Context.Period.Code}/regions/{Context.Region.Code}";

    public string CategoryName(string? code) => code is null ? "–" : Criteria?.Categories.FirstOrDefault(c => c.Code == code)?.Name.ToString() ?? code;

    public string? ProgrammeName(Guid? id) => id is { } g ? Programmes.FirstOrDefault(p => p.Id == g)?.Name : null;

    public string? UnitName(string? code) => code is null ? null : Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    public string? RiskTitle(Guid? id) => id is { } g ? Programmes.SelectMany(p => p.Risks).FirstOrDefault(r => r.Id == g)?.Title : null;

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

/// <summary>The obstacle form as typed (dates as yyyy-mm-dd or dd/mm/yyyy).</summary>
public sealed record ObstacleForm
{
    public Guid? Id { get; init; }

    public int? Version { get; init; }

    public string? Programme { get; init; }

    public string? Unit { get; init; }

    public string? Risk { get; init; }

    public string? Category { get; init; }

    public string? Description { get; init; }

    public string? Cause { get; init; }

    public string? Impact { get; init; }

    public string? Since { get; init; }

    public string? Solution { get; init; }

    public string? PreventiveStep { get; init; }

    public string? SupportNeededFrom { get; init; }

    public string? SupportBody { get; init; }

    public string? ResponsibleUnit { get; init; }

    public string? Due { get; init; }

    public string? Status { get; init; }

    public string? Resolution { get; init; }

    public static ObstacleForm From(Obstacle o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new ObstacleForm
        {
            Id = o.Id,
            Version = o.Version,
            Programme = o.Programme?.ToString(),
            Unit = o.Unit,
            Risk = o.Risk?.ToString(),
            Category = o.Category,
            Description = o.Description,
            Cause = o.Cause,
            Impact = o.Impact,
            Since = o.Since?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Solution = o.Solution,
            PreventiveStep = o.PreventiveStep,
            SupportNeededFrom = o.SupportNeededFrom,
            SupportBody = o.SupportBody,
            ResponsibleUnit = o.ResponsibleUnit,
            Due = o.Due?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Status = o.Status,
            Resolution = o.Resolution,
        };
    }

    /// <summary>The obstacle typed, and the fields that could not be read.</summary>
    public (Obstacle Obstacle, Dictionary<string, string[]> Errors) ToObstacle()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? Date(string? raw, string field)
        {
            if (string.IsNullOrWhiteSpace(raw))
            {
                return null;
            }

            if (DateOnly.TryParseExact(raw.Trim(), ["yyyy-MM-dd", "d/M/yyyy", "d-M-yyyy"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                return date;
            }

            errors[field] = [Messages.Get("NotADate", Messages.Field(field))];
            return null;
        }

        static Guid? IdOf(string? raw) => Guid.TryParse(raw, out var g) ? g : null;
        var obstacle = new Obstacle(Id ?? Guid.Empty, IdOf(Programme), Unit, IdOf(Risk), Category, Description ?? string.Empty, Cause, Impact, Date(Since, "since"), Solution, PreventiveStep,
            SupportNeededFrom ?? SupportLevels.Region, SupportBody, ResponsibleUnit, Date(Due, "due"), Status ?? ObstacleStatuses.Open, Resolution);
        return (obstacle, errors);
    }
}
