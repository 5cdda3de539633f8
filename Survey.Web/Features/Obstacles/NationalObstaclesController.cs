using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Catalogue;
using Survey.Domain.Obstacles;
using Survey.Domain.Periods;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Obstacles;

/// <summary>
/// The ministry's national inventory of problems: the obstacles of every participating region by category, dimension,
/// province, cohort and the support they ask for, their trend across semesters, and the follow-up of the
/// recommendations; as a page, as JSON summaries and as a workbook with a sheet per view.
/// </summary>
[Authorize(Policy = Policies.Ministry)]
public sealed class NationalObstaclesController(
    IPeriodRepository periods,
    INationalObstacleRepository national,
    Survey.Domain.Risks.IRiskCriteriaRepository criteria,
    ICatalogueRepository catalogues) : Controller
{
    public const int TrendPeriods = 6;

    /// <summary>The inventory of the newest period that is not a draft.</summary>
    [HttpGet("/obstacles")]
    public async Task<IActionResult> Latest(CancellationToken cancellationToken)
    {
        var latest = (await periods.ListAsync(cancellationToken)).FirstOrDefault(p => p.Status != PeriodStatus.Draft);
        return latest is null ? NotFound() : Redirect($"/periods/{latest.Code}/obstacles");
    }

    [HttpGet("/periods/{period}/obstacles")]
    public async Task<IActionResult> Index(string period, CancellationToken cancellationToken)
    {
        var model = await LoadAsync(period, cancellationToken);
        return model is null ? NotFound() : View("National", model);
    }

    /// <summary>The obstacles grouped: <c>?by=category|dimension|province|cohort|support</c> (422 for another).</summary>
    [HttpGet("/api/v1/periods/{period}/obstacles/summary")]
    public async Task<IActionResult> Summary(string period, [FromQuery] string? by, CancellationToken cancellationToken)
    {
        by = string.IsNullOrWhiteSpace(by) ? "category" : by.Trim().ToLowerInvariant();
        if (!NationalObstacles.Dimensions.Contains(by))
        {
            return UnprocessableEntity(new ValidationProblemDetails(new Dictionary<string, string[]> { ["by"] = [UiText.Get("NationalObstacles.UnknownBy", string.Join(", ", NationalObstacles.Dimensions))] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
            });
        }

        var model = await LoadAsync(period, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        return Ok(new
        {
            by,
            period,
            total = model.Rows.Count,
            open = model.Rows.Count(r => r.Status != ObstacleStatuses.Resolved),
            groups = model.Groups(by).Select(g => new
            {
                key = g.Key,
                label = g.Label,
                count = g.Count,
                open = g.Open,
                resolved = g.Resolved,
                regions = g.Regions,
                examples = g.Examples.Select(e => new { region = e.Region, region_name = e.RegionName, demo = e.IsDemo, description = e.Description, status = e.Status }),
            }),
            trend = model.Trend.Select(t => new { period = t.Period, open = t.Open, in_progress = t.InProgress, resolved = t.Resolved, total = t.Total }),
            recommendations = new
            {
                by_follow_up = model.ByFollowUp.Select(s => new { status = s.Status, count = s.Count }),
                in_time_by_province = model.Shares("province").Select(Share),
                in_time_by_cohort = model.Shares("cohort").Select(Share),
                in_time_by_region = model.Shares("region").Select(Share),
            },
        });
    }

    [HttpGet("/periods/{period}/obstacles.xlsx")]
    public async Task<IActionResult> Workbook(string period, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        Exports.ExportLanguage.Apply(lang);
        var model = await LoadAsync(period, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return File(Exports.ObstacleWorkbooks.National(model), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", UiText.Get("File.NationalObstacles", period));
    }

    private static object Share(FollowUpShare s) => new { key = s.Key, label = s.Label, due = s.Due, in_time = s.InTime, closed = s.Closed, share = s.Share };

    private async Task<NationalObstaclesModel?> LoadAsync(string period, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var stored = await criteria.ForPeriodAsync(period, cancellationToken);
        var methodology = found.MethodologyLabel is { } label ? await catalogues.GetMethodologyAsync(label, cancellationToken) : null;
        return new NationalObstaclesModel(
            found,
            await national.ListAsync(period, cancellationToken),
            await national.TrendAsync(period, TrendPeriods, cancellationToken),
            await national.RecommendationsAsync(period, cancellationToken),
            (stored?.Definition.Categories ?? []).ToDictionary(c => c.Code, c => c.Name.ToString(), StringComparer.Ordinal),
            (methodology?.Definition.Dimensions ?? []).ToDictionary(d => d.Code, d => d.Name.ToString(), StringComparer.Ordinal));
    }
}

/// <summary>The national inventory of one period.</summary>
public sealed record NationalObstaclesModel(
    Period Period,
    IReadOnlyList<NationalObstacleRow> Rows,
    IReadOnlyList<ObstacleTrend> Trend,
    IReadOnlyList<NationalRecommendationRow> Recommendations,
    IReadOnlyDictionary<string, string> Categories,
    IReadOnlyDictionary<string, string> Dimensions)
{
    public IReadOnlyList<ObstacleGroup> Groups(string by, int examples = 3) => NationalObstacles.GroupBy(Rows, by, key => Label(by, key), examples);

    public IReadOnlyList<(string Status, int Count)> ByFollowUp => NationalObstacles.ByFollowUp(Recommendations, Period.Code);

    public IReadOnlyList<FollowUpShare> Shares(string by) => NationalObstacles.Shares(Recommendations, r => by switch
    {
        "province" => (r.Province, r.Province),
        "cohort" => (r.Cohort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty, Label("cohort", r.Cohort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty)),
        _ => (r.Region, r.RegionName),
    });

    /// <summary>A group key in words.</summary>
    public string Label(string by, string key) => by switch
    {
        "category" => key.Length == 0 ? UiText.Get("NationalObstacles.NoCategory") : Categories.GetValueOrDefault(key, key),
        "dimension" => key.Length == 0 ? UiText.Get("NationalObstacles.NoDimension") : Dimensions.GetValueOrDefault(key, key),
        "cohort" => key.Length == 0 ? UiText.Get("NationalObstacles.NoCohort") : UiText.Get("NationalObstacles.Cohort", key),
        NationalObstacles.Support when key.StartsWith(SupportLevels.Ministry + ":", StringComparison.Ordinal) => key[(SupportLevels.Ministry.Length + 1)..] is { Length: > 0 } body ? body : UiText.Get("Obstacles.Support.ministry"),
        NationalObstacles.Support => UiText.Get("Obstacles.Support." + key),
        _ => key,
    };
}
