using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Regions;

/// <summary>A region's page: what a coordinator, evaluator or administrator may see of it.</summary>
public sealed class RegionsController(IRegionRepository regions, Survey.Domain.Periods.IPeriodRepository periods, IAuthorizationService authorization, Microsoft.Extensions.Localization.IStringLocalizer<Infrastructure.Localization.SharedResource> text) : Controller
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
        return View(new RegionViewModel(found, visible, isAdmin));
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
                return View("Details", new RegionViewModel(found, visible, true) { CohortInput = cohortYear, CohortError = Survey.Domain.Common.Messages.Get("CohortYear") });
            }

            cohort = year;
        }

        await regions.UpdateParticipationAsync(region, true, cohort, participating, Infrastructure.Security.SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData["Message"] = text["Region.ParticipationSaved", found.Name].Value;
        return Redirect($"/regions/{region}");
    }
}

public sealed record RegionViewModel(Region Region, IReadOnlyList<Survey.Domain.Periods.Period> Periods, bool CanEditParticipation = false)
{
    /// <summary>The cohort as typed, when the form came back.</summary>
    public string? CohortInput { get; init; }

    public string? CohortError { get; init; }
}
