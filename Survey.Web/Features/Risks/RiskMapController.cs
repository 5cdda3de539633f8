using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.UseCases;
using Survey.Web.Features.Charts;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Risks;

/// <summary>The region's risk map as PNG or SVG (with the same numbers as the table beside it on the pages).</summary>
public sealed class RiskMapController(ScopeReader entries, MonitoringHandler monitoring, Survey.Domain.Risks.IRiskCriteriaRepository criteria) : Controller
{
    [HttpGet("/charts/periods/{period}/regions/{region}/risk-map.{format}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Map(string period, string region, string format, [FromQuery] int? w, [FromQuery] int? h, CancellationToken cancellationToken)
    {
        if (format is not ("png" or "svg"))
        {
            return NotFound();
        }

        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var stored = context is null ? null : await criteria.ForPeriodAsync(period, cancellationToken);
        if (context is null || stored is null)
        {
            return NotFound();
        }

        var points = Points(await monitoring.ListAsync(context, cancellationToken));
        var title = UiText.Get("RiskMap.Title", context.Region.Name);
        if (context.Region.IsDemo)
        {
            title = UiText.Get("Charts.DemoTitle", title);
        }

        var (width, height) = ChartRenderer.Size(w ?? 800, h ?? 640);
        var likelihood = UiText.Get("RiskCriteria.Likelihood");
        var impact = UiText.Get("RiskCriteria.Impact");
        Response.Headers.CacheControl = "private, no-cache";
        return format == "png"
            ? File(RiskMap.Png(stored.Definition, points, title, likelihood, impact, width, height), "image/png")
            : Content(RiskMap.Svg(stored.Definition, points, title, likelihood, impact, width, height), "image/svg+xml");
    }

    /// <summary>The numbered points of the map: each risk's inherent position and its current (monitored) or else target position.</summary>
    public static IReadOnlyList<RiskMapPoint> Points(IReadOnlyList<MonitoredRisk> risks)
    {
        ArgumentNullException.ThrowIfNull(risks);
        return risks
            .Where(m => m.Risk.Likelihood is >= 1 and <= 5 && m.Risk.Impact is >= 1 and <= 5)
            .Select((m, i) =>
            {
                var (toL, toI) = m.Monitoring is { CurrentLikelihood: >= 1 and <= 5, CurrentImpact: >= 1 and <= 5 } e
                    ? ((int?)e.CurrentLikelihood, (int?)e.CurrentImpact)
                    : (m.Risk.ResidualLikelihood, m.Risk.ResidualImpact);
                return new RiskMapPoint(i + 1, m.Risk.Title, m.Risk.Likelihood, m.Risk.Impact, toL, toI);
            })
            .ToList();
    }
}
