using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Submissions;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Charts;

/// <summary>Chart data with the same rules as the numbers behind it; shared by the image endpoints and the dashboards.</summary>
public sealed class ChartService(ScoreReader scores, ISurveyRepository surveys, IProgrammeRepository programmes, ISubmissionRepository submissions,
    Survey.Domain.Risks.IRiskCriteriaRepository riskCriteria, Survey.Domain.Units.IUnitRepository units)
{
    public static readonly IReadOnlySet<string> RegionCharts = new HashSet<string>(StringComparer.Ordinal) { "radar", "components", "risks", "trend", "completeness", "distribution", "risk-categories", "risk-units" };

    /// <summary>Region charts that a published period shows to everyone (they only draw published scores).</summary>
    public static readonly IReadOnlySet<string> PublicRegionCharts = new HashSet<string>(StringComparer.Ordinal) { "radar", "components", "trend" };

    public async Task<(ChartData Data, string Alternative)?> RegionAsync(string period, string region, string chart, CancellationToken cancellationToken, RegionScoreReport? loaded = null)
    {
        var report = loaded ?? await scores.GetRegionAsync(period, region, cancellationToken, whatIfs: false);
        if (report is null || await DrawAsync(report, period, region, chart, cancellationToken) is not { } drawn)
        {
            return null;
        }

        // A demo region's chart says so in the image itself, wherever the image ends up.
        return report.Region.IsDemo
            ? (drawn.Data with { Title = UiText.Get("Charts.DemoTitle", drawn.Data.Title) }, UiText.Get("Charts.DemoTitle", drawn.Alternative))
            : drawn;
    }

    private async Task<(ChartData Data, string Alternative)?> DrawAsync(RegionScoreReport report, string period, string region, string chart, CancellationToken cancellationToken)
    {
        var methodology = report.Methodology.Definition;
        switch (chart)
        {
            case "radar":
                var others = new List<(string, IReadOnlyDictionary<string, decimal?>)> { (UiText.Get("Charts.Median"), report.National.Dimensions) };
                if (report.Previous is { } previous)
                {
                    others.Add((UiText.Get("Charts.Previous") + " " + PeriodCodes.DisplayName(report.Period.PreviousCode),
                        methodology.Dimensions.ToDictionary(d => d.Code, d => previous.Dimension(d.Code)?.Score)));
                }

                return ChartBuilder.Radar(report.Score, methodology, others, report.Region.Name);
            case "components":
                return ChartBuilder.Components(report.Score, methodology);
            case "trend":
                var history = await scores.TrendAsync(region, period, cancellationToken, report.Provisional ? report.Score : null);
                return ChartBuilder.Trend(history.Select(h => (PeriodCodes.DisplayName(h.Period) + (h.Provisional ? "*" : string.Empty), h.Score)).ToList(), methodology, report.Region.Name);
            case "risks":
                return ChartBuilder.Risks(await programmes.ListAsync(new Scope(period, region), cancellationToken), methodology);
            case "distribution":
                return ChartBuilder.Distribution(await surveys.ItemStatisticsAsync(new Scope(period, region), cancellationToken));
            case "completeness":
                return ChartBuilder.Completeness(await submissions.GetValuesAsync(new Scope(period, region), cancellationToken), methodology);
            case "risk-categories":
            case "risk-units":
                {
                    if (await riskCriteria.ForPeriodAsync(period, cancellationToken) is not { } stored)
                    {
                        return null;
                    }

                    var c = stored.Definition;
                    var unitNames = chart == "risk-units" ? (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal) : [];
                    var positioned = (await programmes.ListAsync(new Scope(period, region), cancellationToken))
                        .SelectMany(p => p.Risks.Where(r => r.Likelihood is >= 1 and <= 5 && r.Impact is >= 1 and <= 5).Select(r => (
                            Group: chart == "risk-units"
                                ? (p.Unit is { } u ? unitNames.GetValueOrDefault(u, u) : UiText.Get("Reviews.NoUnit"))
                                : (c.Categories.FirstOrDefault(x => x.Code == r.Category)?.Name.ToString() ?? UiText.Get("NationalRisks.NoCategory")),
                            Position: c.Position(r.Likelihood, r.Impact))))
                        .ToList();
                    return ChartBuilder.RiskProfile(chart, UiText.Get(chart == "risk-units" ? "Charts.RiskUnitsTitle" : "Charts.RiskCategoriesTitle"), positioned, c);
                }
            default:
                return null;
        }
    }

    public async Task<(ChartData Data, string Alternative, bool Provisional)?> RankingAsync(string period, string? province, string? kind, int top, CancellationToken cancellationToken, int? cohort = null)
    {
        if (await scores.GetNationalAsync(period, cohort, cancellationToken) is not var (result, list))
        {
            return null;
        }

        var ranked = Domain.Scoring.Ranking.Rank(result.Scores.Where(s => list.TryGetValue(s.Region, out var r)
            && (string.IsNullOrEmpty(province) || r.Province == province)
            && (string.IsNullOrEmpty(kind) || RegionKinds.NameOf(r.Kind) == kind)));
        var (data, alternative) = ChartBuilder.Ranking(ranked, result.Methodology.Definition, code => list.TryGetValue(code, out var r) ? r.Name + (r.IsDemo ? " (DEMO)" : string.Empty) : code, top);
        return (data, alternative, result.Provisional);
    }
}

/// <summary>
/// Charts as PNG or SVG under <c>/charts/periods/{period}/…</c>, sized by <c>?w=&amp;h=</c> (bounded), with an
/// ETag computed from the drawn data, size and language (a request with the current ETag gets 304); the drawn
/// image is kept by its ETag (<see cref="ChartImageCache"/>).
/// </summary>
[AllowAnonymous]
public sealed class ChartsController(ChartService charts, ChartImageCache images, ChartRenderGate gate, IPeriodRepository periods, IAuthorizationService authorization) : Controller
{
    [HttpGet("/charts/periods/{period}/regions/{region}/{chart:regex(^(radar|components|risks|trend|completeness|distribution|risk-categories|risk-units)$)}.{format}")]
    public async Task<IActionResult> Region(string period, string region, string chart, string format, [FromQuery] int? w, [FromQuery] int? h, CancellationToken cancellationToken)
    {
        if (!ChartService.RegionCharts.Contains(chart) || format is not ("png" or "svg"))
        {
            return NotFound();
        }

        var found = await periods.FindAsync(period, cancellationToken);
        var isPublic = found?.Status == PeriodStatus.Published && ChartService.PublicRegionCharts.Contains(chart);
        if (!isPublic && await DeniedAsync(Policies.RegionRead) is { } denied)
        {
            return denied;
        }

        var data = await charts.RegionAsync(period, region, chart, cancellationToken);
        return data is null ? NotFound() : await DrawAsync(data.Value.Data, format, w, h, isPublic, cancellationToken);
    }

    [HttpGet("/charts/periods/{period}/ranking.{format}")]
    public async Task<IActionResult> Ranking(string period, string format, [FromQuery] int? w, [FromQuery] int? h, [FromQuery] string? province, [FromQuery] string? kind, [FromQuery] int? top, [FromQuery] int? cohort, CancellationToken cancellationToken)
    {
        if (format is not ("png" or "svg"))
        {
            return NotFound();
        }

        var found = await periods.FindAsync(period, cancellationToken);
        var isPublic = found?.Status == PeriodStatus.Published;
        if (!isPublic && await DeniedAsync(Policies.Ministry) is { } denied)
        {
            return denied;
        }

        var data = await charts.RankingAsync(period, province, kind, Math.Clamp(top ?? 30, 1, 100), cancellationToken, cohort);
        return data is null ? NotFound() : await DrawAsync(data.Value.Data, format, w, h ?? Math.Clamp(120 + (data.Value.Data.Categories.Count * 24), 200, 1500), isPublic, cancellationToken);
    }

    private async Task<IActionResult?> DeniedAsync(string policy)
    {
        if ((await authorization.AuthorizeAsync(User, policy)).Succeeded)
        {
            return null;
        }

        return User.Identity?.IsAuthenticated == true ? StatusCode(StatusCodes.Status403Forbidden) : Challenge();
    }

    private async Task<IActionResult> DrawAsync(ChartData data, string format, int? w, int? h, bool isPublic, CancellationToken cancellationToken)
    {
        var (width, height) = ChartRenderer.Size(w, h);
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{format}|{width}|{height}|{ContentHash.CanonicalJson(data)}")))[..32] + "\"";
        Response.Headers.ETag = etag;
        Response.Headers.CacheControl = (isPublic ? "public" : "private") + ", max-age=60";
        Response.Headers.Vary = "Cookie";
        if (Request.Headers.IfNoneMatch.Contains(etag))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        var contentType = format == "png" ? "image/png" : "image/svg+xml; charset=utf-8";
        if (images.TryGet(etag) is { } cached)
        {
            return File(cached, contentType);
        }

        // A drawing (not a cached image) counts against the client, and only a few run at once.
        if (!gate.AllowClient(HttpContext))
        {
            Response.Headers.RetryAfter = "60";
            return StatusCode(StatusCodes.Status429TooManyRequests);
        }

        var image = await gate.DrawAsync(() => images.GetOrDraw(etag, () => format == "png"
            ? ChartRenderer.Png(data, width, height)
            : Encoding.UTF8.GetBytes(ChartRenderer.Svg(data, width, height))), cancellationToken);
        if (image is null)
        {
            Response.Headers.RetryAfter = "5";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        return File(image, contentType);
    }
}
