using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Entry;

/// <summary>The submit checklist page and the submit step.</summary>
[Route("periods/{period}/regions/{region}/submit")]
public sealed class SubmitController(ScopeReader entries, SubmitHandler service, ConsolidationHandler consolidation, IProgrammeRepository programmes, IAuthorizationService authorization, IStringLocalizer<SharedResource> text) : Controller
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

        var check = await service.CheckAsync(context, cancellationToken);
        var canWrite = context.WriteBlock == EntryBlock.None && (await authorization.AuthorizeAsync(User, null, Policies.RegionWrite)).Succeeded;
        // The units' readiness and the programmes without an owning unit inform the coordinator's decision; they do
        // not block it (a region may submit what a unit could not finish, and the evaluator sees each unit's state).
        var units = await consolidation.ProgressAsync(context.Scope, all: false, cancellationToken);
        var unowned = (await programmes.ListAsync(context.Scope, cancellationToken)).Where(p => p.Unit is null).Select(p => p.Name).ToList();
        return View(new SubmitViewModel(context, check, canWrite) { Units = units, Unowned = unowned });
    }

    [HttpPost("")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Submit(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var (submitted, _) = await service.SubmitAsync(context, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData[submitted ? "Message" : "Error"] = text[submitted ? "Submit.Done" : "Submit.Blocked"].Value;
        return Redirect($"/periods/{period}/regions/{region}/submit");
    }
}

public sealed record SubmitViewModel(EntryContext Context, SubmissionCheck Check, bool CanWrite)
{
    /// <summary>The units with work in the period, with their readiness.</summary>
    public IReadOnlyList<Survey.Domain.Units.UnitProgress> Units { get; init; } = [];

    /// <summary>The names of the programmes no unit owns yet.</summary>
    public IReadOnlyList<string> Unowned { get; init; } = [];

    public IReadOnlyList<BlockingItem> Blocking => Check.Blocking;

    public IReadOnlyList<PlausibilityFlag> Flags => Check.Flags;

    /// <summary>The title of the indicator or programme a blocking item names, for the list.</summary>
    public string TitleOf(BlockingItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Context.Catalogue.Find(item.Key) is { } indicator
            ? $"{indicator.Clause} {indicator.Title}"
            : item.Key;
    }
}
