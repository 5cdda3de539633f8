using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Regions;

/// <summary>A region's page: what a coordinator, evaluator or administrator may see of it.</summary>
public sealed class RegionsController(
    IRegionRepository regions,
    Survey.Domain.Periods.IPeriodRepository periods,
    Survey.Domain.Submissions.IProgrammeRepository programmes,
    Survey.Domain.Units.IUnitRepository units,
    IAuthorizationService authorization,
    Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.Localization.SharedResource> text) : Controller
{
    [HttpGet("/regions/{region}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Details(string region, CancellationToken cancellationToken)
    {
        var found = await regions.FindAsync(region, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var visible = (await periods.ListAsync(cancellationToken)).Where(p => p.Status != Survey.Domain.Periods.PeriodStatus.Draft).ToList();
        var isAdmin = (await authorization.AuthorizeAsync(User, Policies.Admin)).Succeeded;
        return View(await WithSpreadAsync(new RegionViewModel(found, visible, isAdmin), cancellationToken));
    }

    private async Task<RegionViewModel> WithSpreadAsync(RegionViewModel model, CancellationToken cancellationToken)
    {
        var newest = model.Periods.MaxBy(p => p.Code, StringComparer.Ordinal);
        if (newest is null)
        {
            return model;
        }

        var replicated = (await programmes.ListAsync(new Survey.Domain.Common.Scope(newest.Code, model.Region.Code), cancellationToken)).Where(p => p.Replications.Count > 0).ToList();
        var names = replicated.Count == 0 ? new Dictionary<string, string>() : (await units.ListAsync(model.Region.Code, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        return model with { Spread = new ProgrammeSpread(newest.Code, replicated, names) };
    }

    /// <summary>The administrator's form of <c>PATCH /api/v1/regions/{code}</c>: cohort and participation.</summary>
    [HttpPost("/regions/{region}/participation")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Participation(string region, [FromForm] string? cohortYear, [FromForm] bool participating, CancellationToken cancellationToken)
    {
        var found = await regions.FindAsync(region, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        int? cohort = null;
        if (!string.IsNullOrWhiteSpace(cohortYear))
        {
            if (!int.TryParse(cohortYear.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || !Cohorts.IsYear(year))
            {
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                var visible = (await periods.ListAsync(cancellationToken)).Where(p => p.Status != Survey.Domain.Periods.PeriodStatus.Draft).ToList();
                return View("Details", await WithSpreadAsync(new RegionViewModel(found, visible, true) { CohortInput = cohortYear, CohortError = Survey.Domain.Common.Messages.Get("CohortYear") }, cancellationToken));
            }

            cohort = year;
        }

        await regions.UpdateParticipationAsync(region, true, cohort, participating, Infrastructure.Security.SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData["Message"] = text["Region.ParticipationSaved", found.Name].Value;
        return Redirect($"/regions/{region}");
    }
}

/// <summary>The spread of the region's programmes in its newest period: the programmes replicated from a prototype.</summary>
public sealed record ProgrammeSpread(string Period, IReadOnlyList<Survey.Domain.Submissions.Programme> Programmes, IReadOnlyDictionary<string, string> UnitNames);

public sealed record RegionViewModel(Region Region, IReadOnlyList<Survey.Domain.Periods.Period> Periods, bool CanEditParticipation = false)
{
    /// <summary>The cohort as typed, when the form came back.</summary>
    public string? CohortInput { get; init; }

    /// <summary>Where the programmes rolled out from a prototype run, in the newest period; <c>null</c> without periods.</summary>
    public ProgrammeSpread? Spread { get; init; }

    public string? CohortError { get; init; }
}
