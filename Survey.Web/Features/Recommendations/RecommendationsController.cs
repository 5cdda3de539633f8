using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Recommendations;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Recommendations;

/// <summary>
/// A region's recommendations of a period: the follow-up matrix of every open and recently closed one, the region's
/// follow-up form, and for the evaluator the form to write one and to verify each follow-up.
/// </summary>
[Route("periods/{period}/regions/{region}/recommendations")]
public sealed class RecommendationsController(
    ScopeReader entries,
    RecommendationsHandler handler,
    IProgrammeRepository programmes,
    Survey.Domain.Units.IUnitRepository units,
    IAuthorizationService authorization,
    IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : View("Index", await ModelAsync(context, cancellationToken));
    }

    [HttpPost("")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Add(string period, string region, [FromForm] NewRecommendationForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await handler.AddAsync(context, form.ToRecommendation(), SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", await ModelAsync(context, cancellationToken) with { New = form, Errors = outcome.Errors, ErrorTarget = "new" });
        }

        TempData["Message"] = text["Recommendations.Added"].Value;
        return Redirect($"/periods/{period}/regions/{region}/recommendations#rec-{outcome.Saved!.Id}");
    }

    [HttpPost("{id:guid}/follow-up")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> FollowUp(string period, string region, Guid id, [FromForm] FollowUpForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await handler.FollowUpAsync(context, id, new FollowUp(period, form.Status ?? string.Empty, form.Action, form.Reason, form.Evidence),
            SurveyClaims.IdOf(User)!.Value, SurveyClaims.UnitOf(User), cancellationToken);
        return await AnswerAsync(context, id, outcome, form, null, "Recommendations.FollowedUp", cancellationToken);
    }

    [HttpPost("{id:guid}/verification")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> Verify(string period, string region, Guid id, [FromForm] VerdictForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var outcome = await handler.VerifyAsync(context, id, form.Verdict, form.Note, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return await AnswerAsync(context, id, outcome, null, form, "Recommendations.Verified", cancellationToken);
    }

    private async Task<IActionResult> AnswerAsync(EntryContext context, Guid id, RecommendationOutcome outcome, FollowUpForm? followUp, VerdictForm? verdict, string saved, CancellationToken cancellationToken)
    {
        var path = $"/periods/{context.Period.Code}/regions/{context.Region.Code}/recommendations";
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (outcome.Block == EntryBlock.NotYourUnit)
        {
            return Forbid();
        }

        if (outcome.Block != EntryBlock.None || outcome.NotSubmitted)
        {
            TempData["Error"] = outcome.NotSubmitted ? Messages.Get("VerificationNotSubmitted") : text[EntryBlocks.MessageKey(outcome.Block)].Value;
            return Redirect($"{path}#rec-{id}");
        }

        if (outcome.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", await ModelAsync(context, cancellationToken) with { FollowUpTyped = followUp, VerdictTyped = verdict, Errors = outcome.Errors, ErrorTarget = id.ToString() });
        }

        TempData["Message"] = text[saved].Value;
        return Redirect($"{path}#rec-{id}");
    }

    private async Task<RecommendationsViewModel> ModelAsync(EntryContext context, CancellationToken cancellationToken)
    {
        var unit = SurveyClaims.UnitOf(User);
        var isMinistry = (await authorization.AuthorizeAsync(User, null, Policies.Ministry)).Succeeded;
        var canFollowUp = ObstaclesHandler.WriteBlock(context) == EntryBlock.None && !context.HeldByReady(unit)
            && (await authorization.AuthorizeAsync(User, null, Policies.UnitWrite)).Succeeded;
        return new RecommendationsViewModel(context, await handler.ListAsync(context, cancellationToken))
        {
            Programmes = await programmes.ListAsync(context.Scope, cancellationToken),
            Units = await units.ListAsync(context.Region.Code, cancellationToken),
            CanWrite = isMinistry && context.Period.Status != PeriodStatus.Draft,
            CanVerify = isMinistry && context.Status != SubmissionStatus.Draft,
            CanFollowUp = canFollowUp,
            OwnUnit = unit,
            New = new NewRecommendationForm { AddressedTo = Addressees.RegionalHead, Priority = Priorities.Medium, DuePeriod = PeriodCodes.Next(context.Period.Code) },
        };
    }
}

public sealed record RecommendationsViewModel(EntryContext Context, IReadOnlyList<Recommendation> List)
{
    public IReadOnlyList<Programme> Programmes { get; init; } = [];

    public IReadOnlyList<Survey.Domain.Units.Unit> Units { get; init; } = [];

    public bool CanWrite { get; init; }

    public bool CanVerify { get; init; }

    public bool CanFollowUp { get; init; }

    public string? OwnUnit { get; init; }

    public NewRecommendationForm New { get; init; } = new();

    public FollowUpForm? FollowUpTyped { get; init; }

    public VerdictForm? VerdictTyped { get; init; }

    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();

    /// <summary>The form the errors belong to: <c>new</c> or a recommendation id.</summary>
    public string? ErrorTarget { get; init; }

    public string BasePath => $"/periods/{Context.Period.Code}/regions/{Context.Region.Code}";

    /// <summary>The periods of the matrix: from the oldest recommendation's period to this one.</summary>
    public IReadOnlyList<string> Periods
    {
        get
        {
            var first = List.Select(r => r.Period).DefaultIfEmpty(Context.Period.Code).Min(StringComparer.Ordinal)!;
            var periods = new List<string>();
            for (var p = first; string.CompareOrdinal(p, Context.Period.Code) <= 0 && periods.Count < 20; p = PeriodCodes.Next(p))
            {
                periods.Add(p);
            }

            return periods;
        }
    }

    public string AddresseeName(string code, string regionalHead) => code == Addressees.RegionalHead ? regionalHead : Units.FirstOrDefault(u => u.Code == code)?.Name ?? code;

    public string? Error(string target, string field) => ErrorTarget == target && Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>Whether the signed-in user may follow up this one now (a unit operator: only what is addressed to the unit).</summary>
    public bool CanFollowUpOn(Recommendation r) =>
        CanFollowUp && r.AcceptsFollowUpIn(Context.Period.Code) && (OwnUnit is null || r.AddressedTo == OwnUnit);
}

public sealed record NewRecommendationForm
{
    public string? AddressedTo { get; init; }

    public string? Dimension { get; init; }

    public string? Programme { get; init; }

    public string? Text { get; init; }

    public string? Priority { get; init; }

    public string? DuePeriod { get; init; }

    public Recommendation ToRecommendation() => new(Guid.Empty, string.Empty, AddressedTo ?? string.Empty, string.IsNullOrWhiteSpace(Dimension) ? null : Dimension,
        Guid.TryParse(Programme, out var p) ? p : null, null, null, Text ?? string.Empty, Priority ?? string.Empty, DuePeriod ?? string.Empty);
}

public sealed record FollowUpForm(string? Status, string? Action, string? Reason, string? Evidence);

public sealed record VerdictForm(string? Verdict, string? Note);
