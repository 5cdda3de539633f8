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
