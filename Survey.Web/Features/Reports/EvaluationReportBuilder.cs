using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Recommendations;
using Survey.Domain.Reports;
using Survey.Domain.UseCases;
using Survey.Web.Features.Risks;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Reports;

/// <summary>A report's content and the pictures it carries.</summary>
public sealed record EvaluationReportDocument(EvaluationReportContent Content, byte[]? RiskMap, int? SnapshotId, string VerifyUrl);

/// <summary>
/// Gathers what a region's evaluation report says for a period, in the current UI language: once the period is
/// published from its snapshot (index, predicate, rank, dimension scores), before that provisionally (marked as a
/// draft and never registered); the programmes with their self-assessed and verified maturity, the risk map and the
/// highest risks, the open obstacles, the recommendations written in the period and the follow-up of earlier ones.
/// </summary>
public sealed class EvaluationReportBuilder(
    ScoreReader scores,
    ICatalogueRepository catalogues,
    ScopeReader entries,
    MonitoringHandler monitoring,
    Survey.Domain.Risks.IRiskCriteriaRepository criteria,
    Survey.Domain.Obstacles.IObstacleRepository obstacles,
    IRecommendationRepository recommendations,
    Survey.Domain.Units.IUnitRepository units,
    TimeProvider clock)
{
    public const int HighestRisks = 5;

    public async Task<EvaluationReportDocument?> BuildAsync(string period, string region, string baseUrl, CancellationToken cancellationToken)
    {
        var report = await scores.GetRegionAsync(period, region, cancellationToken, whatIfs: false);
        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (report is null || catalogue is null || context is null)
        {
            return null;
        }

        var language = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "en" : "id";
        var methodology = report.Methodology.Definition;
        var stored = await criteria.ForPeriodAsync(period, cancellationToken);
        var monitored = await monitoring.ListAsync(context, cancellationToken);
        var unitNames = (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var score = report.Score;

        var dimensions = methodology.Dimensions.Select(d =>
        {
            var s = score.Dimension(d.Code);
            var weakest = score.Indicators.Where(i => i.Dimension == d.Code).OrderBy(i => i.Score).Take(2)
                .Select(i => UiText.Get("EvalReport.WeakIndicator", catalogue.Find(i.Key) is { } found ? $"{found.Clause} {found.Title}" : i.Key, Format.Number(i.Score, 1)));
            var findings = new List<string>();
            if (s is { IndicatorsMapped: > 0 })
            {
                findings.Add(UiText.Get("EvalReport.Coverage", s.IndicatorsWithValue, s.IndicatorsMapped));
            }

            findings.AddRange(weakest);
            if (s is { ProgrammeCount: 0 })
            {
                findings.Add(UiText.Get("EvalReport.NoProgramme"));
            }

            return new ReportDimension(d.Name.ToString(), s?.Score, s?.Indicators, s?.Programmes, s?.Perception, findings);
        }).ToList();

        var programmes = score.Programmes.Select(p => new ReportProgramme(p.Name, methodology.FindDimension(p.Dimension)?.Name.ToString() ?? p.Dimension, p.SelfLevel, p.VerifiedLevel)).ToList();
        var risks = stored is null ? [] : monitored
            .Where(m => m.Risk.Likelihood is >= 1 and <= 5 && m.Risk.Impact is >= 1 and <= 5)
            .Select(m => (m, Position: stored.Definition.Position(m.Risk.VerifiedLikelihood ?? m.Risk.Likelihood, m.Risk.VerifiedImpact ?? m.Risk.Impact)))
            .OrderByDescending(x => x.Position.Magnitude).Take(HighestRisks)
            .Select(x => new ReportRisk(x.m.Risk.Title, x.m.Programme.Name, x.Position.Magnitude, x.Position.Band.Name.ToString())).ToList();
        var open = (await obstacles.ListAsync(context.Scope, cancellationToken)).Where(o => o.IsOpen)
            .Select(o => new ReportObstacle(o.Description, UiText.Get("Obstacles.State." + o.Status),
                o.SupportNeededFrom == Survey.Domain.Obstacles.SupportLevels.Ministry && o.SupportBody is { } body ? body : UiText.Get("Obstacles.Support." + o.SupportNeededFrom)))
            .ToList();
        var list = await recommendations.ListAsync(context.Scope, cancellationToken);
        string Addressee(string code) => code == Addressees.RegionalHead ? UiText.Get("Recommendations.RegionalHead") : unitNames.GetValueOrDefault(code) ?? code;
        var written = list.Where(r => r.Period == period)
            .Select(r => new ReportRecommendation(r.Text, Addressee(r.AddressedTo), UiText.Get("Recommendations.Priority." + r.Priority), PeriodCodes.DisplayName(r.DuePeriod))).ToList();
        var followUps = list.Where(r => string.CompareOrdinal(r.Period, period) < 0)
            .Select(r => r.FollowUpIn(period) is { } f
                ? new ReportFollowUp(r.Text, PeriodCodes.DisplayName(r.DuePeriod), UiText.Get("Recommendations.Status." + f.Status), f.Verdict is { } v ? UiText.Get("Recommendations.Verdict." + v) : null)
                : new ReportFollowUp(r.Text, PeriodCodes.DisplayName(r.DuePeriod), UiText.Get(r.IsOpen ? "NationalObstacles.FollowUp.none" : "Recommendations.Closed"), null))
            .ToList();

        var content = new EvaluationReportContent(
            region, report.Region.Name, report.Region.Province, report.Region.IsDemo, period, language,
            report.Snapshot?.Version, report.Snapshot?.ContentHash,
            score.Index100, score.Index, score.Predicate?.Name.ToString(), report.Rank, report.Ranked,
            dimensions, programmes, risks, open, written, followUps)
        {
            Date = DateOnly.FromDateTime(Survey.Domain.Regions.IndonesianTimeZone.Wib.Local(clock.GetUtcNow()).DateTime),
        };

        byte[]? map = null;
        if (stored is not null && monitored.Count > 0)
        {
            var title = UiText.Get("RiskMap.Title", report.Region.Name);
            map = Survey.Web.Features.Charts.RiskMap.Png(stored.Definition, RiskMapController.Points(monitored), report.Region.IsDemo ? UiText.Get("Charts.DemoTitle", title) : title,
                UiText.Get("RiskCriteria.Likelihood"), UiText.Get("RiskCriteria.Impact"), 800, 640);
        }

        return new EvaluationReportDocument(content, map, report.Snapshot?.Id, $"{baseUrl.TrimEnd('/')}/verify/{content.Hash}");
    }
}
