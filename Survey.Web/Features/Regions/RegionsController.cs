using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Regions;

/// <summary>A region's page: what a coordinator, evaluator or administrator may see of it.</summary>
public sealed class RegionsController(IRegionRepository regions) : Controller
{
    [HttpGet("/regions/{region}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Details(string region, CancellationToken cancellationToken)
    {
        var found = await regions.FindAsync(region, cancellationToken);
        return found is null ? NotFound() : View(found);
    }
}
