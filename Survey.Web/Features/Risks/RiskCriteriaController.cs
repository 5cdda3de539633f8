using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Risks;

namespace Survey.Web.Features.Risks;

/// <summary>The risk criteria explained from their data: levels, the analysis matrix, bands, appetite, categories.</summary>
public sealed class RiskCriteriaController(IRiskCriteriaRepository criteria) : Controller
{
    public const string DefaultVersion = "v1";

    [HttpGet("/risk-criteria")]
    [HttpGet("/risk-criteria/{version}")]
    public async Task<IActionResult> Index(string? version, CancellationToken cancellationToken)
    {
        var found = await criteria.GetAsync(version ?? DefaultVersion, cancellationToken);
        return found is null ? NotFound() : View(found);
    }

    /// <summary>
    /// The band colours of one revision as a stylesheet (<c>.risk-band-high { background-color: ... }</c>): the
    /// colours are data, and the content security policy allows no inline styles. A revision never changes, so the
    /// sheet is cached for a year.
    /// </summary>
    [HttpGet("/risk-criteria/{version}/bands.css")]
    public async Task<IActionResult> Bands(string version, CancellationToken cancellationToken)
    {
        var found = await criteria.GetAsync(version, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var css = new System.Text.StringBuilder();
        foreach (var band in found.Definition.Bands)
        {
            css.Append(System.Globalization.CultureInfo.InvariantCulture, $".risk-band-{band.Code} {{ --bs-table-bg: {band.Colour}; --bs-table-color: #000; background-color: {band.Colour}; color: #000; }}\n");
        }

        if (version.Contains('.', StringComparison.Ordinal))
        {
            Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        }

        return Content(css.ToString(), "text/css");
    }
}
