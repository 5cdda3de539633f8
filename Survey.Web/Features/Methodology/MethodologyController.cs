using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Methodology;

/// <summary>How scores are computed, explained from the methodology data.</summary>
public sealed class MethodologyController(ICatalogueRepository catalogues, IConfiguration configuration) : Controller
{
    [HttpGet("/methodology")]
    [HttpGet("/methodology/{version}")]
    public async Task<IActionResult> Index(string? version, CancellationToken cancellationToken)
    {
        var methodology = await catalogues.GetMethodologyAsync(version ?? MethodologyDefaults.Version(configuration), cancellationToken);
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        if (methodology is null || catalogue is null)
        {
            return NotFound();
        }

        return View(new MethodologyViewModel(methodology, catalogue));
    }
}

public sealed record MethodologyViewModel(StoredMethodology Methodology, IndicatorCatalogue Catalogue);
