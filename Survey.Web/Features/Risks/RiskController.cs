using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Risks;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Risks;

/// <summary>
/// One risk of a programme: its register and analysis (inherent, target and current positions), its action plan
/// with what is overdue, and the semester's monitoring form for a risk carried over from the previous period.
/// </summary>
[Route("periods/{period}/regions/{region}/risks/{id:guid}")]
public sealed class RiskController(
    ScopeReader entries,
    SaveProgrammesHandler save,
    MonitoringHandler monitoring,
    Survey.Domain.Units.IUnitRepository units,
    IAuthorizationService authorization,
    TimeProvider clock,
    IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, Guid id, CancellationToken cancellationToken) =>
        await PageAsync(period, region, id, null, new Dictionary<string, string[]>(), cancellationToken);

    [HttpPost("monitoring")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> Monitor(string period, string region, Guid id, [FromForm] MonitoringForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var (entry, inputErrors) = form.ToMonitoring();
        var outcome = inputErrors.Count > 0
            ? new MonitoringOutcome(EntryBlock.None, inputErrors)
            : await monitoring.SaveAsync(context, id, entry, SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Block == EntryBlock.NotYourUnit)
        {
            return Forbid();
        }

        if (!outcome.Succeeded)
        {
            Response.StatusCode = outcome.Block == EntryBlock.None ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            var errors = outcome.Block == EntryBlock.None
                ? outcome.Errors
                : new Dictionary<string, string[]> { ["risk"] = [text[Entry.EntryBlocks.MessageKey(outcome.Block)].Value] };
            return await PageAsync(period, region, id, form, errors, cancellationToken);
        }

        TempData["Message"] = text["Risk.MonitoringSaved"].Value;
        return Redirect($"/periods/{period}/regions/{region}/risks/{id}");
    }

    [HttpPost("verification")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Verify(string period, string region, Guid id, [FromForm] string? likelihood, [FromForm] string? impact, [FromForm] string? note, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        static int? Level(string? typed) => int.TryParse(typed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : null;
        var outcome = await monitoring.VerifyAsync(context, id, Level(likelihood), Level(impact), note, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            Response.StatusCode = outcome.Block == EntryBlock.None ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
            var errors = outcome.Block == EntryBlock.None
                ? outcome.Errors.ToDictionary(e => "verify." + e.Key, e => e.Value)
                : new Dictionary<string, string[]> { ["verify"] = [text["Risk.VerifyNotSubmitted"].Value] };
            return await PageAsync(period, region, id, null, errors, cancellationToken, new VerifyForm(likelihood, impact, note));
        }

        TempData["Message"] = text["Risk.Verified"].Value;
        return Redirect($"/periods/{period}/regions/{region}/risks/{id}");
    }

    private async Task<IActionResult> PageAsync(string period, string region, Guid id, MonitoringForm? form, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken, VerifyForm? verify = null)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var criteria = context is null ? null : await save.CriteriaAsync(context, cancellationToken);
        var found = context is null ? null : (await monitoring.ListAsync(context, cancellationToken)).FirstOrDefault(m => m.Risk.Id == id);
        if (context is null || criteria is null || found is null)
        {
            return NotFound();
        }

        var unit = SurveyClaims.UnitOf(User);
        var canWrite = found.CarriedOver
            && context.WriteBlock == EntryBlock.None
            && context.CanMonitor(found.Programme.Id, found.Risk.Id)
            && !context.HeldByReady(unit)
            && (unit is null || found.Programme.Unit == unit)
            && (await authorization.AuthorizeAsync(User, null, Policies.UnitWrite)).Succeeded;
        return View("Risk", new RiskViewModel(context, criteria, found, form ?? MonitoringForm.From(found), errors, canWrite,
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
        {
            UnitNames = (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal),
            CanVerify = context.Status is Survey.Domain.Submissions.SubmissionStatus.Submitted or Survey.Domain.Submissions.SubmissionStatus.Returned
                && (await authorization.AuthorizeAsync(User, null, Policies.Ministry)).Succeeded,
            Verify = verify ?? new VerifyForm(
                found.Risk.VerifiedLikelihood?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                found.Risk.VerifiedImpact?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                found.Risk.VerifiedNote),
        });
    }
}

/// <summary>The early warnings of a region's programmes, with the region's period path for the links.</summary>
public sealed record EarlyWarningsModel(IReadOnlyList<EarlyWarningFlag> Flags, string BasePath);

public sealed record RiskViewModel(EntryContext Context, StoredRiskCriteria Criteria, MonitoredRisk Risk, MonitoringForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CanWrite, DateOnly Today)
{
    /// <summary>The region's unit names by code.</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the viewer may verify the risk (an evaluator, the region submitted).</summary>
    public bool CanVerify { get; init; }

    public VerifyForm Verify { get; init; } = new(null, null, null);
}

/// <summary>The evaluator's verification as typed.</summary>
public sealed record VerifyForm(string? Likelihood, string? Impact, string? Note);

/// <summary>One action's progress as typed.</summary>
public sealed record ActionProgressForm
{
    public Guid Id { get; init; }

    public string? Status { get; init; }

    public string? Result { get; init; }

    public string? Evidence { get; init; }
}

/// <summary>The monitoring form as typed.</summary>
public sealed record MonitoringForm
{
    public string? Likelihood { get; init; }

    public string? Impact { get; init; }

    public bool Occurred { get; init; }

    public string? Occurrence { get; init; }

    public bool Closed { get; init; }

    public string? CloseReason { get; init; }

    public List<ActionProgressForm> Actions { get; init; } = [];

    public static MonitoringForm From(MonitoredRisk risk)
    {
        ArgumentNullException.ThrowIfNull(risk);
        var m = risk.Monitoring;
        return new MonitoringForm
        {
            Likelihood = (m?.CurrentLikelihood ?? risk.Risk.Likelihood).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Impact = (m?.CurrentImpact ?? risk.Risk.Impact).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Occurred = m?.Occurred ?? false,
            Occurrence = m?.Occurrence,
            Closed = m?.Closed ?? false,
            CloseReason = m?.CloseReason,
            Actions = risk.Risk.Actions.Select(a =>
            {
                var p = m?.Actions.FirstOrDefault(x => x.Action == a.Id);
                return new ActionProgressForm { Id = a.Id, Status = p?.Status, Result = p?.Result, Evidence = p?.Evidence };
            }).ToList(),
        };
    }

    public (RiskMonitoring Monitoring, Dictionary<string, string[]> Errors) ToMonitoring()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        int Level(string? typed, string field)
        {
            if (int.TryParse(typed, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[field] = [Messages.Get("Required", Messages.Field(field))];
            return 0;
        }

        static string? Clean(string? t) => string.IsNullOrWhiteSpace(t) ? null : t.Trim();
        var entry = new RiskMonitoring(Guid.Empty, Level(Likelihood, "likelihood"), Level(Impact, "impact"), Occurred, Clean(Occurrence), Closed, Clean(CloseReason),
            Actions.Select((a, i) =>
            {
                if (string.IsNullOrWhiteSpace(a.Status))
                {
                    errors[$"actions[{i}].status"] = [Messages.Get("Required", "Status")];
                }

                return new ActionProgress(a.Id, a.Status?.Trim() ?? string.Empty, Clean(a.Result), Clean(a.Evidence));
            }).ToList());
        return (entry, errors);
    }
}
