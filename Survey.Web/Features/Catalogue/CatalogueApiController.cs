using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;

using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Catalogue;

/// <summary>The catalogue and the methodologies as JSON for integrations (public, like the pages).</summary>
public sealed class CatalogueApiController(ICatalogueRepository catalogues) : ApiControllerBase
{
    /// <summary>Every indicator of the catalogue.</summary>
    [HttpGet("api/v1/indicators")]
    [ProducesResponseType<IReadOnlyList<IndicatorResponse>>(StatusCodes.Status200OK)]
    public async Task<ActionResult<IReadOnlyList<IndicatorResponse>>> Indicators(CancellationToken cancellationToken)
    {
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        if (catalogue is null)
        {
            return Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "The catalogue is not loaded yet.");
        }

        return catalogue.Indicators.Select(i => IndicatorResponse.From(catalogue, i)).ToList();
    }

    /// <summary>One methodology: <c>v1</c> for its newest revision, <c>v1.2</c> for a given revision.</summary>
    [HttpGet("api/v1/methodologies/{version}")]
    [ProducesResponseType<MethodologyResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<MethodologyResponse>> Methodology(string version, CancellationToken cancellationToken)
    {
        var methodology = await catalogues.GetMethodologyAsync(version, cancellationToken);
        return methodology is null ? NotFound() : MethodologyResponse.From(methodology);
    }
}
