using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Periods;
using Survey.Domain.Risks;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Risks;

/// <summary>
/// The national picture of the flagship programmes' risks for the ministry: the highest risks across the
/// participating regions, overdue treatments, counts by category, level and dimension, and the regions with the most
/// unmitigated risks; as a page and as JSON, with the same filter.
/// </summary>
[Authorize(Policy = Policies.Ministry)]
public sealed class NationalRisksController(IPeriodRepository periods, IRiskCriteriaRepository criteria, INationalRiskRepository risks, Survey.Domain.Catalogue.ICatalogueRepository catalogues, TimeProvider clock) : Controller
{
    public const int PageRows = 100;

    /// <summary>The picture of the newest period that is not a draft (the filter travels with the redirect).</summary>
    [HttpGet("/risks")]
    public async Task<IActionResult> Latest(CancellationToken cancellationToken)
    {
        var latest = (await periods.ListAsync(cancellationToken)).FirstOrDefault(p => p.Status != PeriodStatus.Draft);
        return latest is null ? NotFound() : Redirect($"/periods/{latest.Code}/risks{Request.QueryString}");
    }

    [HttpGet("/periods/{period}/risks")]
    public async Task<IActionResult> Index(string period, [FromQuery] NationalRiskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var model = await LoadAsync(periods, criteria, risks, catalogues, clock, period, query, cancellationToken);
        return model is null ? NotFound() : View("National", model);
    }

    internal static async Task<NationalRisksViewModel?> LoadAsync(IPeriodRepository periods, IRiskCriteriaRepository criteria, INationalRiskRepository risks,
        Survey.Domain.Catalogue.ICatalogueRepository catalogues, TimeProvider clock,
        string period, NationalRiskQuery query, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        var stored = found is null ? null : await criteria.ForPeriodAsync(period, cancellationToken);
        if (found is null || stored is null)
        {
            return null;
        }

        var (all, warnings) = await AnalyseAsync(risks, stored, clock, period, cancellationToken);
        var filter = new NationalRiskFilter(Clean(query.Level), Clean(query.Category), Clean(query.Province), query.Cohort, query.Overdue);
        var shown = NationalRisks.Filter(all, filter);
        var methodology = found.MethodologyLabel is { } label ? await catalogues.GetMethodologyAsync(label, cancellationToken) : null;
        return new NationalRisksViewModel(found, stored, filter, all, shown)
        {
            // The warnings are the programmes': the region filters apply to them, the risk filters do not.
            Warnings = warnings.Where(w => (filter.Province is null || string.Equals(w.Province, filter.Province, StringComparison.OrdinalIgnoreCase))
                && (filter.Cohort is null || w.Cohort == filter.Cohort)).ToList(),
            Dimensions = (methodology?.Definition.Dimensions ?? []).ToDictionary(d => d.Code, d => d.Name.ToString(), StringComparer.Ordinal),
        };
    }

    /// <summary>Every participating region's risks analysed with the period's criteria, and their early warnings.</summary>
    internal static async Task<(IReadOnlyList<NationalRisk> Risks, IReadOnlyList<RegionWarning> Warnings)> AnalyseAsync(
        INationalRiskRepository risks, StoredRiskCriteria criteria, TimeProvider clock, string period, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var all = NationalRisks.Analyse(await risks.ListAsync(period, cancellationToken), criteria.Definition, today);
        return (all, NationalRisks.Warnings(all, await risks.MaturityDropsAsync(period, cancellationToken), criteria.Definition, today));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The national risk picture as JSON (ministry only), with the page's filter.</summary>
[Authorize(Policy = Policies.Ministry)]
public sealed class NationalRisksApiController(IPeriodRepository periods, IRiskCriteriaRepository criteria, INationalRiskRepository risks, Survey.Domain.Catalogue.ICatalogueRepository catalogues, TimeProvider clock) : ApiControllerBase
{
    [HttpGet("/api/v1/periods/{period}/risks")]
    [ProducesResponseType<NationalRisksResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Api(string period, [FromQuery] NationalRiskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var model = await NationalRisksController.LoadAsync(periods, criteria, risks, catalogues, clock, period, query, cancellationToken);
        return model is null ? NotFound() : Ok(NationalRisksResponse.From(model));
    }

}

/// <summary>The query of the national risk list: <c>?level=high&amp;category=data&amp;province=Jawa Timur&amp;cohort=2017&amp;overdue=true</c>.</summary>
public sealed record NationalRiskQuery
{
    public string? Level { get; init; }

    public string? Category { get; init; }

    public string? Province { get; init; }

    public int? Cohort { get; init; }

    public bool? Overdue { get; init; }
}

public sealed record NationalRisksViewModel(Period Period, StoredRiskCriteria Criteria, NationalRiskFilter Filter, IReadOnlyList<NationalRisk> All, IReadOnlyList<NationalRisk> Shown)
{
    public string CategoryName(string? code) => code is null ? "–" : Criteria.Definition.Categories.FirstOrDefault(c => c.Code == code)?.Name.ToString() ?? code;

    public IReadOnlyList<string> Provinces => All.Select(r => r.Row.Province).Distinct().Order(StringComparer.Ordinal).ToList();

    public IReadOnlyList<int> Cohorts => All.Select(r => r.Row.Cohort).OfType<int>().Distinct().Order().ToList();

    /// <summary>The early warnings of the regions the filter's province and cohort select.</summary>
    public IReadOnlyList<RegionWarning> Warnings { get; init; } = [];

    /// <summary>The period's dimension names by code.</summary>
    public IReadOnlyDictionary<string, string> Dimensions { get; init; } = new Dictionary<string, string>();

    public string DimensionName(string code) => Dimensions.GetValueOrDefault(code, code);
}

/// <summary>The national risk picture as JSON.</summary>
public sealed record NationalRisksResponse(
    string Period,
    string Criteria,
    int Total,
    int Overdue,
    int Unmitigated,
    IReadOnlyList<CountResponse> ByLevel,
    IReadOnlyList<CountResponse> ByCategory,
    IReadOnlyList<CountResponse> ByDimension,
    IReadOnlyList<RegionRiskCountResponse> RegionsMostUnmitigated,
    IReadOnlyList<NationalRiskResponse> Risks,
    IReadOnlyList<CountResponse> EarlyWarningsByCode,
    IReadOnlyList<NationalWarningResponse> EarlyWarnings)
{
    public static NationalRisksResponse From(NationalRisksViewModel m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var shown = m.Shown;
        return new NationalRisksResponse(
            m.Period.Code,
            m.Criteria.Label,
            shown.Count,
            shown.Count(r => r.OverdueActions > 0),
            shown.Count(r => r.Unmitigated),
            NationalRisks.CountBy(shown, r => r.Position.Band.Code).Select(g => new CountResponse(g.Key, g.Count)).ToList(),
            NationalRisks.CountBy(shown, r => r.Row.Category ?? "none").Select(g => new CountResponse(g.Key, g.Count)).ToList(),
            NationalRisks.CountBy(shown, r => r.Row.Dimension).Select(g => new CountResponse(g.Key, g.Count)).ToList(),
            NationalRisks.MostUnmitigated(shown).Select(g => new RegionRiskCountResponse(g.Region, g.Name, g.Unmitigated, g.Overdue)).ToList(),
            shown.Select(r => new NationalRiskResponse(r.Row.Id, r.Row.Title, r.Row.Region, r.Row.RegionName, r.Row.Province, r.Row.Cohort, r.Row.IsDemo,
                r.Row.Programme, r.Row.ProgrammeName, r.Row.Dimension, r.Row.Unit, r.Row.Category, r.Row.Likelihood, r.Row.Impact, r.Position.Magnitude,
                r.Position.Band.Code, r.Position.NeedsTreatment, r.OverdueActions, r.Unmitigated, r.Current?.Magnitude, r.Current?.Band.Code)).ToList(),
            m.Warnings.GroupBy(w => w.Flag.Code).Select(g => new CountResponse(g.Key, g.Count())).OrderByDescending(g => g.Count).ThenBy(g => g.Key, StringComparer.Ordinal).ToList(),
            m.Warnings.Select(w => new NationalWarningResponse(w.Region, w.RegionName, w.Province, w.IsDemo, w.Flag.Programme, w.Flag.ProgrammeName, w.Flag.Risk, w.Flag.Code, w.Flag.Reason)).ToList());
    }
}

public sealed record CountResponse(string Key, int Count);

public sealed record RegionRiskCountResponse(string Region, string Name, int Unmitigated, int OverdueActions);

public sealed record NationalRiskResponse(Guid Id, string Title, string Region, string RegionName, string Province, int? Cohort, bool Demo, Guid Programme, string ProgrammeName,
    string Dimension, string? Unit, string? Category, int Likelihood, int Impact, int Magnitude, string Level, bool NeedsTreatment, int OverdueActions, bool Unmitigated,
    int? CurrentMagnitude, string? CurrentLevel);

public sealed record NationalWarningResponse(string Region, string RegionName, string Province, bool Demo, Guid Programme, string ProgrammeName, Guid? Risk, string Code, string Reason);
