using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Audit;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Features.Charts;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Exports;

/// <summary>The region and national report workbooks, in Bahasa Indonesia or, with <c>?lang=en</c>, English.</summary>
public sealed class ReportsController(
    ScoreReader scores,
    ChartService charts,
    ICatalogueRepository catalogues,
    ISurveyRepository surveys,
    ISubmissionRepository submissions,
    IProgrammeRepository programmes,
    IEvidenceRepository evidence,
    IReviewRepository reviews,
    IAuditRepository audit,
    Survey.Domain.Scoring.IScoreRepository scoreRepository,
    IAuthorizationService authorization,
    Survey.Domain.Units.IUnitRepository units,
    Survey.Domain.Units.IContributionRepository contributions,
    Survey.Domain.Units.IAssignmentRepository assignments,
    ScopeReader entries,
    MonitoringHandler monitoring,
    Survey.Domain.Risks.IRiskCriteriaRepository riskCriteria,
    Survey.Domain.Risks.INationalRiskRepository nationalRisks,
    Survey.Domain.Periods.IPeriodRepository periods,
    Survey.Domain.Obstacles.IObstacleRepository obstacles,
    Survey.Domain.Recommendations.IRecommendationRepository recommendations,
    TimeProvider clock,
    ReportGate gate) : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("/periods/{period}/regions/{region}/report.xlsx")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Region(string period, string region, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        var report = await scores.GetRegionAsync(period, region, cancellationToken, whatIfs: false);
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        var radar = report is null ? null : await charts.RegionAsync(period, region, "radar", cancellationToken, report);
        if (report is null || catalogue is null || radar is null)
        {
            return NotFound();
        }

        // Once published, every row is read wholly from the snapshot: the entries its scores came from.
        var live = await submissions.GetValuesAsync(new Scope(period, region), cancellationToken);
        var published = report.Snapshot is { } snapshot ? await scoreRepository.ReadSnapshotValuesAsync(snapshot.Id, region, cancellationToken) : null;
        var values = published is null ? live : published.ToDictionary(
            p => p.Key,
            p => live.TryGetValue(p.Key, out var now) ? now with { Entry = p.Value } : new StoredIndicatorValue(p.Value, 0, null, null, report.Snapshot!.CreatedAt),
            StringComparer.Ordinal);
        var data = new RegionReportData(
            report,
            catalogue,
            await surveys.GetQuestionnaireAsync(period, cancellationToken),
            values,
            await programmes.ListAsync(new Scope(period, region), cancellationToken),
            await evidence.ListAsync(new Scope(period, region), cancellationToken),
            await reviews.GetAsync(new Scope(period, region), cancellationToken),
            await audit.SearchAsync(new AuditQuery(null, region, period, null, null, null), 5000, cancellationToken),
            ChartRenderer.Png(radar.Value.Data, 800, 600),
            PublicOrigin.Of(HttpContext))
        {
            Units = await units.ListAsync(region, cancellationToken),
            UnitProgress = await contributions.ProgressAsync(new Scope(period, region), all: false, cancellationToken),
            Assignments = await assignments.ListAsync(new Scope(period, region), cancellationToken),
            RiskSheets = await RiskSheetsAsync(period, region, cancellationToken),
            Obstacles = await obstacles.ListAsync(new Scope(period, region), cancellationToken),
            Recommendations = await recommendations.ListAsync(new Scope(period, region), cancellationToken),
        };
        Response.Headers.CacheControl = "no-store";
        return await BuildAsync(() => ReportWorkbooks.Region(data), UiText.Get("File.RegionReport", region, period), cancellationToken);
    }

    [HttpGet("/periods/{period}/report.xlsx")]
    [Authorize(Policy = Policies.SignedIn)]
    public async Task<IActionResult> National(string period, [FromQuery] string? lang, [FromQuery] int? cohort, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        var national = await scores.GetNationalAsync(period, cohort, cancellationToken);
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        if (national is not var (result, list) || catalogue is null)
        {
            return NotFound();
        }

        if (result.Provisional && !(await authorization.AuthorizeAsync(User, Policies.Ministry)).Succeeded)
        {
            return Forbid();
        }

        var ranking = await charts.RankingAsync(period, null, null, 30, cancellationToken, cohort);
        var chart = ChartRenderer.Png(ranking!.Value.Data, 900, Math.Clamp(120 + (ranking.Value.Data.Categories.Count * 24), 200, 1500));
        Response.Headers.CacheControl = "no-store";
        return await BuildAsync(() => ReportWorkbooks.National(result, list, catalogue, chart), UiText.Get("File.NationalReport", period), cancellationToken);
    }

    /// <summary>The region's risk forms on their own: the register, the treatment plan and the monitoring report.</summary>
    [HttpGet("/periods/{period}/regions/{region}/risks.xlsx")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> RegionRisks(string period, string region, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        var data = await RiskSheetsAsync(period, region, cancellationToken);
        if (data is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return await BuildAsync(() => RiskWorkbooks.Region(data), UiText.Get("File.RegionRisks", region, period), cancellationToken);
    }

    /// <summary>The national risk profile for the ministry, with the national page's filter.</summary>
    [HttpGet("/periods/{period}/risks.xlsx")]
    [Authorize(Policy = Policies.Ministry)]
    public async Task<IActionResult> NationalRisks(string period, [FromQuery] Risks.NationalRiskQuery query, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        var model = await Risks.NationalRisksController.LoadAsync(periods, riskCriteria, nationalRisks, catalogues, clock, period, query, cancellationToken);
        if (model is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-store";
        return await BuildAsync(() => RiskWorkbooks.National(model), UiText.Get("File.NationalRisks", period), cancellationToken);
    }

    private async Task<RiskSheetsData?> RiskSheetsAsync(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var criteria = context is null ? null : await riskCriteria.ForPeriodAsync(period, cancellationToken);
        if (context is null || criteria is null)
        {
            return null;
        }

        return new RiskSheetsData(context.Region, period, criteria, await monitoring.ListAsync(context, cancellationToken), context.Methodology.Definition,
            (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
    }

    /// <summary>Builds a workbook in one of the few report slots; 503 with Retry-After when none frees up in time.</summary>
    private async Task<IActionResult> BuildAsync(Func<byte[]> build, string fileName, CancellationToken cancellationToken)
    {
        if (!await gate.EnterAsync(cancellationToken))
        {
            Response.Headers.RetryAfter = "30";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            return File(build(), Xlsx, fileName);
        }
        finally
        {
            gate.Leave();
        }
    }
}
