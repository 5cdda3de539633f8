using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Regions;

/// <summary>A region's page: what a coordinator, evaluator or administrator may see of it.</summary>
public sealed class RegionsController(IRegionRepository regions, Survey.Domain.Periods.IPeriodRepository periods) : Controller
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
        return View(new RegionViewModel(found, visible));
    }
}

public sealed record RegionViewModel(Region Region, IReadOnlyList<Survey.Domain.Periods.Period> Periods);
