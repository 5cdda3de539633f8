using ClosedXML.Excel;
using Survey.Domain.Obstacles;
using Survey.Domain.Periods;
using Survey.Web.Features.Obstacles;
using Survey.Web.Infrastructure.Localization;
using static Survey.Web.Features.Exports.ReportWorkbooks;

namespace Survey.Web.Features.Exports;

/// <summary>
/// The national inventory of problems as a workbook, one sheet per view of the page: the trend across semesters, the
/// obstacles by category, dimension, province and cohort (with examples), what regions ask of the province and of each
/// ministry, every obstacle, and the recommendations' follow-up with the share in time per province, cohort and region.
/// </summary>
public static class ObstacleWorkbooks
{
    private const string CountFormat = "#,##0";
    private const string ShareFormat = "0.0%";

    /// <summary>The region report's sheets: its obstacles, and its recommendations with the follow-up of each period.</summary>
    internal static void AddRegionSheets(XLWorkbook workbook, RegionReportData data, Survey.Domain.Methodology.ScoringMethodology methodology, IReadOnlyDictionary<string, string> unitNames)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(data);
        var period = data.Report.Period.Code;
        var criteria = data.RiskSheets?.Criteria.Definition;
        string Unit(string? code) => code is null ? string.Empty : unitNames.GetValueOrDefault(code) ?? code;
        string Programme(Guid? id) => id is { } g ? data.Programmes.FirstOrDefault(p => p.Id == g)?.Name ?? string.Empty : string.Empty;

        var obstacles = workbook.Worksheets.Add(UiText.Get("Obstacles.Title"));
        string[] columns =
        [
            UiText.Get("Obstacles.Description"), UiText.Get("Obstacles.Programme"), UiText.Get("Obstacles.Unit"), UiText.Get("Obstacles.Category"), UiText.Get("Obstacles.Cause"),
            UiText.Get("Obstacles.Impact"), UiText.Get("Obstacles.Since"), UiText.Get("Obstacles.Solution"), UiText.Get("Obstacles.PreventiveStep"), UiText.Get("Obstacles.SupportFrom"),
            UiText.Get("Obstacles.SupportBody"), UiText.Get("Obstacles.ResponsibleUnit"), UiText.Get("Obstacles.Due"), UiText.Get("Obstacles.Status"), UiText.Get("Obstacles.Resolution"),
        ];
        Header(obstacles, 1, columns);
        var row = 2;
        foreach (var o in data.Obstacles)
        {
            obstacles.Cell(row, 1).SetValue(o.Description);
            obstacles.Cell(row, 2).SetValue(Programme(o.Programme));
            obstacles.Cell(row, 3).SetValue(Unit(o.Unit));
            obstacles.Cell(row, 4).SetValue(o.Category is null ? string.Empty : criteria?.Categories.FirstOrDefault(c => c.Code == o.Category)?.Name.ToString() ?? o.Category);
            obstacles.Cell(row, 5).SetValue(o.Cause ?? string.Empty);
            obstacles.Cell(row, 6).SetValue(o.Impact ?? string.Empty);
            Set(obstacles.Cell(row, 7), o.Since?.ToDateTime(TimeOnly.MinValue), "d mmm yyyy");
            obstacles.Cell(row, 8).SetValue(o.Solution ?? string.Empty);
            obstacles.Cell(row, 9).SetValue(o.PreventiveStep ?? string.Empty);
            obstacles.Cell(row, 10).SetValue(UiText.Get("Obstacles.Support." + o.SupportNeededFrom));
            obstacles.Cell(row, 11).SetValue(o.SupportBody ?? string.Empty);
            obstacles.Cell(row, 12).SetValue(Unit(o.ResponsibleUnit));
            Set(obstacles.Cell(row, 13), o.Due?.ToDateTime(TimeOnly.MinValue), "d mmm yyyy");
            obstacles.Cell(row, 14).SetValue(UiText.Get("Obstacles.State." + o.Status));
            obstacles.Cell(row, 15).SetValue(o.Resolution ?? string.Empty);
            row++;
        }

        Finish(obstacles, 1, columns.Length, row - 1);

        var recommendations = workbook.Worksheets.Add(UiText.Get("Recommendations.SheetTitle"));
        string[] recColumns =
        [
            UiText.Get("Recommendations.Recommendation"), UiText.Get("Recommendations.AddressedTo"), UiText.Get("Scores.Dimension"), UiText.Get("Recommendations.PriorityField"),
            UiText.Get("Recommendations.WrittenInPeriod"), UiText.Get("Recommendations.DuePeriod"), UiText.Get("NationalObstacles.FollowUpStatus"), UiText.Get("Recommendations.Action"),
            UiText.Get("Recommendations.VerdictField"), UiText.Get("Recommendations.ClosedInPeriod"),
        ];
        Header(recommendations, 1, recColumns);
        row = 2;
        foreach (var r in data.Recommendations)
        {
            var f = r.FollowUpIn(period) ?? (r.FollowUps.Count > 0 ? r.FollowUps[^1] : null);
            recommendations.Cell(row, 1).SetValue(r.Text);
            recommendations.Cell(row, 2).SetValue(r.AddressedTo == Survey.Domain.Recommendations.Addressees.RegionalHead ? UiText.Get("Recommendations.RegionalHead") : Unit(r.AddressedTo));
            recommendations.Cell(row, 3).SetValue(r.Dimension is null ? string.Empty : methodology.FindDimension(r.Dimension)?.Name.ToString() ?? r.Dimension);
            recommendations.Cell(row, 4).SetValue(UiText.Get("Recommendations.Priority." + r.Priority));
            recommendations.Cell(row, 5).SetValue(PeriodCodes.DisplayName(r.Period));
            recommendations.Cell(row, 6).SetValue(PeriodCodes.DisplayName(r.DuePeriod));
            recommendations.Cell(row, 7).SetValue(f is null ? UiText.Get("NationalObstacles.FollowUp.none") : $"{PeriodCodes.DisplayName(f.Period)}: {UiText.Get("Recommendations.Status." + f.Status)}");
            recommendations.Cell(row, 8).SetValue(f?.Action ?? f?.Reason ?? string.Empty);
            recommendations.Cell(row, 9).SetValue(f?.Verdict is { } verdict ? UiText.Get("Recommendations.Verdict." + verdict) : string.Empty);
            recommendations.Cell(row, 10).SetValue(r.ClosedPeriod is { } closed ? PeriodCodes.DisplayName(closed) : string.Empty);
            row++;
        }

        Finish(recommendations, 1, recColumns.Length, row - 1);
    }

    public static byte[] National(NationalObstaclesModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var workbook = new XLWorkbook();
        var period = PeriodCodes.DisplayName(model.Period.Code);

        var trend = workbook.Worksheets.Add(UiText.Get("NationalObstacles.SheetTrend"));
        trend.Cell(1, 1).SetValue(UiText.Get("NationalObstacles.Title", period));
        trend.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        Header(trend, 3, [UiText.Get("NationalObstacles.Period"), UiText.Get("Obstacles.State.open"), UiText.Get("Obstacles.State.in_progress"), UiText.Get("Obstacles.State.resolved"), UiText.Get("NationalObstacles.Total")]);
        var row = 4;
        foreach (var t in model.Trend)
        {
            trend.Cell(row, 1).SetValue(PeriodCodes.DisplayName(t.Period));
            Set(trend.Cell(row, 2), t.Open, CountFormat);
            Set(trend.Cell(row, 3), t.InProgress, CountFormat);
            Set(trend.Cell(row, 4), t.Resolved, CountFormat);
            Set(trend.Cell(row, 5), t.Total, CountFormat);
            row++;
        }

        Finish(trend, 3, 5, row - 1);

        foreach (var by in NationalObstacles.Dimensions)
        {
            var sheet = workbook.Worksheets.Add(UiText.Get("NationalObstacles.Sheet." + by));
            Header(sheet, 1, [UiText.Get("NationalObstacles.By." + by), UiText.Get("NationalObstacles.Count"), UiText.Get("Obstacles.State.open"), UiText.Get("Obstacles.State.resolved"), UiText.Get("NationalObstacles.Regions"), UiText.Get("NationalObstacles.Examples")]);
            row = 2;
            foreach (var g in model.Groups(by))
            {
                sheet.Cell(row, 1).SetValue(g.Label);
                Set(sheet.Cell(row, 2), g.Count, CountFormat);
                Set(sheet.Cell(row, 3), g.Open, CountFormat);
                Set(sheet.Cell(row, 4), g.Resolved, CountFormat);
                Set(sheet.Cell(row, 5), g.Regions, CountFormat);
                sheet.Cell(row, 6).SetValue(string.Join("\n", g.Examples.Select(e => $"{e.RegionName}: {e.Description}")));
                sheet.Cell(row, 6).Style.Alignment.SetWrapText(true);
                row++;
            }

            Finish(sheet, 1, 6, row - 1);
        }

        var all = workbook.Worksheets.Add(UiText.Get("NationalObstacles.SheetAll"));
        Header(all, 1, [UiText.Get("Scores.Region"), UiText.Get("Region.Province"), UiText.Get("Obstacles.Programme"), UiText.Get("Scores.Dimension"), UiText.Get("Obstacles.Category"),
            UiText.Get("Obstacles.Description"), UiText.Get("Obstacles.SupportFrom"), UiText.Get("Obstacles.SupportBody"), UiText.Get("Obstacles.Status"), "DEMO"]);
        row = 2;
        foreach (var o in model.Rows)
        {
            all.Cell(row, 1).SetValue(o.RegionName);
            all.Cell(row, 2).SetValue(o.Province);
            all.Cell(row, 3).SetValue(o.ProgrammeName ?? string.Empty);
            all.Cell(row, 4).SetValue(o.Dimension is null ? string.Empty : model.Label("dimension", o.Dimension));
            all.Cell(row, 5).SetValue(model.Label("category", o.Category ?? string.Empty));
            all.Cell(row, 6).SetValue(o.Description);
            all.Cell(row, 7).SetValue(UiText.Get("Obstacles.Support." + o.SupportNeededFrom));
            all.Cell(row, 8).SetValue(o.SupportBody ?? string.Empty);
            all.Cell(row, 9).SetValue(UiText.Get("Obstacles.State." + o.Status));
            all.Cell(row, 10).SetValue(o.IsDemo ? "DEMO" : string.Empty);
            row++;
        }

        Finish(all, 1, 10, row - 1);

        var follow = workbook.Worksheets.Add(UiText.Get("NationalObstacles.SheetFollowUp"));
        Header(follow, 1, [UiText.Get("NationalObstacles.FollowUpStatus"), UiText.Get("NationalObstacles.Count")]);
        row = 2;
        foreach (var (status, count) in model.ByFollowUp)
        {
            follow.Cell(row, 1).SetValue(UiText.Get("NationalObstacles.FollowUp." + status));
            Set(follow.Cell(row, 2), count, CountFormat);
            row++;
        }

        row += 1;
        foreach (var by in new[] { "province", "cohort", "region" })
        {
            Header(follow, row, [UiText.Get("NationalObstacles.InTimeBy." + by), UiText.Get("NationalObstacles.Due"), UiText.Get("NationalObstacles.InTime"), UiText.Get("NationalObstacles.ClosedCount"), UiText.Get("NationalObstacles.Share")]);
            row++;
            foreach (var s in model.Shares(by))
            {
                follow.Cell(row, 1).SetValue(s.Label);
                Set(follow.Cell(row, 2), s.Due, CountFormat);
                Set(follow.Cell(row, 3), s.InTime, CountFormat);
                Set(follow.Cell(row, 4), s.Closed, CountFormat);
                Set(follow.Cell(row, 5), s.Share is { } share ? (decimal)share : null, ShareFormat);
                row++;
            }

            row++;
        }

        follow.Column(1).Width = 40;
        for (var c = 2; c <= 5; c++)
        {
            follow.Column(c).Width = 14;
        }

        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
