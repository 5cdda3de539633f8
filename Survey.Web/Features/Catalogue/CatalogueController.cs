using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Catalogue;

/// <summary>The public catalogue of SNI ISO 37122:2019 indicators.</summary>
public sealed class CatalogueController(ICatalogueRepository catalogues, IConfiguration configuration) : Controller
{
    [HttpGet("/indicators")]
    public async Task<IActionResult> Index([FromQuery] string? q, [FromQuery] string? theme, [FromQuery] string? dimension, CancellationToken cancellationToken)
    {
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        if (catalogue is null)
        {
            return NotFound();
        }

        var methodology = await catalogues.GetMethodologyAsync(MethodologyDefaults.Version(configuration), cancellationToken);
        var found = IndicatorSearch.Filter(catalogue, methodology?.Definition, q, theme, dimension);
        return View(IndicatorListViewModel.From(catalogue, methodology, found, q, theme, dimension));
    }

    [HttpGet("/indicators/{key}")]
    public async Task<IActionResult> Details(string key, CancellationToken cancellationToken)
    {
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        var indicator = catalogue?.Find(key);
        if (catalogue is null || indicator is null)
        {
            return NotFound();
        }

        var methodology = await catalogues.GetMethodologyAsync(MethodologyDefaults.Version(configuration), cancellationToken);
        return View(IndicatorDetailViewModel.From(catalogue, indicator, methodology));
    }
}
