using ClosedXML.Excel;
using Survey.Domain.Methodology;
using Survey.Domain.Regions;
using Survey.Domain.Risks;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using static Survey.Web.Features.Exports.ReportWorkbooks;
using RiskBand = Survey.Domain.Risks.RiskBand;

namespace Survey.Web.Features.Exports;

/// <summary>What the risk forms of a region show.</summary>
public sealed record RiskSheetsData(
    Region Region,
    string Period,
    StoredRiskCriteria Criteria,
    IReadOnlyList<MonitoredRisk> Risks,
    ScoringMethodology Methodology,
    IReadOnlyDictionary<string, string> UnitNames,
    DateOnly Today);

/// <summary>
/// The risk forms the way regions file them (PermenPANRB 5/2020): the risk register (identification and analysis),
/// the treatment plan and the semester's monitoring report, as sheets of the region report and of a separate
/// <c>risks.xlsx</c>; and the national risk profile. Numbers are numbers, dates dates, levels coloured as in the matrix.
/// </summary>
public static class RiskWorkbooks
{
    private const string MoneyFormat = "#,##0";
    private const string DayFormat = "d mmm yyyy";

    /// <summary>The region's risk forms as a workbook of their own, with a cover.</summary>
    public static byte[] Region(RiskSheetsData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var workbook = new XLWorkbook();
        var cover = workbook.Worksheets.Add(UiText.Get("Report.Cover"));
        cover.Cell(1, 1).SetValue(UiText.Get("RiskReport.Title", data.Region.Name, Survey.Domain.Periods.PeriodCodes.DisplayName(data.Period)));
        cover.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        var rows = new (string Label, string Value)[]
        {
            (UiText.Get("Scores.Region"), $"{data.Region.Name} ({data.Region.Code})"),
            (UiText.Get("Periods.Period"), Survey.Domain.Periods.PeriodCodes.DisplayName(data.Period)),
            (UiText.Get("RiskCriteria.Title"), data.Criteria.Label),
            (UiText.Get("RiskReport.Risks"), data.Risks.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (UiText.Get("RiskReport.Generated"), Format.DateTime(DateTimeOffset.UtcNow)),
        };
        for (var i = 0; i < rows.Length; i++)
        {
            cover.Cell(i + 3, 1).SetValue(rows[i].Label).Style.Font.SetBold();
            cover.Cell(i + 3, 2).SetValue(rows[i].Value);
        }

        if (data.Region.IsDemo)
        {
            cover.Cell(rows.Length + 4, 1).SetValue("DEMO").Style.Font.SetBold();
            cover.Cell(rows.Length + 4, 2).SetValue(UiText.Get("Scores.DemoNote"));
        }

        cover.Column(1).Width = 28;
        cover.Column(2).Width = 60;
        AddSheets(workbook, data);
        return Save(workbook);
    }

    /// <summary>Adds the register, the treatment plan and the monitoring report to <paramref name="workbook"/>.</summary>
    public static void AddSheets(XLWorkbook workbook, RiskSheetsData data)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(data);
        var c = data.Criteria.Definition;
        string Unit(string? code) => code is null ? string.Empty : data.UnitNames.GetValueOrDefault(code, code);
        string Dimension(string code) => data.Methodology.FindDimension(code)?.Name.ToString() ?? code;
        string Name(IEnumerable<CodeName> list, string? code) => code is null ? string.Empty : list.FirstOrDefault(x => x.Code == code)?.Name.ToString() ?? code;

        // 1. The register: identification and analysis.
        var register = workbook.Worksheets.Add(UiText.Get("Report.Risks"));
        string[] columns =
        [
            "No", UiText.Get("Scores.Programme"), UiText.Get("Scores.Dimension"), UiText.Get("Programmes.Unit"), UiText.Get("Report.Risk"),
            UiText.Get("Programmes.RiskType"), UiText.Get("RiskCriteria.Categories"), UiText.Get("RiskCriteria.ImpactAreas"), UiText.Get("Programmes.RiskEvent"),
            UiText.Get("Programmes.RiskCause"), UiText.Get("Programmes.RiskConsequence"), UiText.Get("Programmes.RiskControls"),
            UiText.Get("RiskCriteria.Likelihood"), UiText.Get("RiskCriteria.Impact"), UiText.Get("RiskCriteria.Magnitude"), UiText.Get("RiskCriteria.Level"),
            UiText.Get("RiskReport.NeedsTreatment"), UiText.Get("RiskCriteria.Options"), UiText.Get("Programmes.ResidualLikelihood"), UiText.Get("Programmes.ResidualImpact"),
            UiText.Get("RiskReport.ResidualMagnitude"), UiText.Get("RiskReport.ResidualLevel"),
        ];
        Header(register, 1, columns);
        var row = 2;
        var number = 0;
        foreach (var m in data.Risks)
        {
            var (p, r) = (m.Programme, m.Risk);
            number++;
            Set(register.Cell(row, 1), number, "0");
            register.Cell(row, 2).SetValue(p.Name);
            register.Cell(row, 3).SetValue(Dimension(p.Dimension));
            register.Cell(row, 4).SetValue(Unit(p.Unit));
            register.Cell(row, 5).SetValue(r.Title);
            register.Cell(row, 6).SetValue(UiText.Get(r.Type == RiskTypes.Positive ? "Programmes.RiskPositive" : "Programmes.RiskNegative"));
            register.Cell(row, 7).SetValue(Name(c.Categories, r.Category));
            register.Cell(row, 8).SetValue(Name(c.ImpactAreas, r.ImpactArea));
            register.Cell(row, 9).SetValue(r.Event ?? string.Empty);
            register.Cell(row, 10).SetValue(r.Cause ?? string.Empty);
            register.Cell(row, 11).SetValue(r.Consequence ?? string.Empty);
            register.Cell(row, 12).SetValue(r.ExistingControls ?? r.Mitigation ?? string.Empty);
            if (r.Likelihood is >= 1 and <= 5 && r.Impact is >= 1 and <= 5)
            {
                var position = c.Position(r.Likelihood, r.Impact);
                Set(register.Cell(row, 13), r.Likelihood, "0");
                Set(register.Cell(row, 14), r.Impact, "0");
                Set(register.Cell(row, 15), position.Magnitude, "0");
                Level(register.Cell(row, 16), position.Band);
                register.Cell(row, 17).SetValue(UiText.Get(position.NeedsTreatment ? "RiskReport.Yes" : "RiskReport.No"));
            }

            register.Cell(row, 18).SetValue(Name(c.OptionsFor(r.Type), r.TreatmentOption));
            if (r.ResidualLikelihood is { } rl && r.ResidualImpact is { } ri)
            {
                var residual = c.Position(rl, ri);
                Set(register.Cell(row, 19), rl, "0");
                Set(register.Cell(row, 20), ri, "0");
                Set(register.Cell(row, 21), residual.Magnitude, "0");
                Level(register.Cell(row, 22), residual.Band);
            }

            row++;
        }

        Finish(register, 1, columns.Length, row - 1);

        // 2. The treatment plan: one row per action.
        var plan = workbook.Worksheets.Add(UiText.Get("RiskReport.Plan"));
        string[] planColumns =
        [
            "No", UiText.Get("Report.Risk"), UiText.Get("RiskCriteria.Level"), UiText.Get("Programmes.Action"), UiText.Get("Programmes.ActionOutput"),
            UiText.Get("Programmes.ActionUnit"), UiText.Get("Programmes.ActionDue"), UiText.Get("Programmes.ActionCost"), UiText.Get("Admin.Status"), UiText.Get("Risk.Overdue"),
        ];
        Header(plan, 1, planColumns);
        row = 2;
        number = 0;
        foreach (var m in data.Risks)
        {
            number++;
            foreach (var a in m.Risk.Actions)
            {
                var progress = m.Monitoring?.Actions.FirstOrDefault(x => x.Action == a.Id);
                Set(plan.Cell(row, 1), number, "0");
                plan.Cell(row, 2).SetValue(m.Risk.Title);
                if (m.Risk.Likelihood is >= 1 and <= 5 && m.Risk.Impact is >= 1 and <= 5)
                {
                    Level(plan.Cell(row, 3), c.Position(m.Risk.Likelihood, m.Risk.Impact).Band);
                }

                plan.Cell(row, 4).SetValue(a.Action);
                plan.Cell(row, 5).SetValue(a.Output ?? string.Empty);
                plan.Cell(row, 6).SetValue(Unit(a.Unit));
                if (a.Due is { } due)
                {
                    Set(plan.Cell(row, 7), due.ToDateTime(TimeOnly.MinValue), DayFormat);
                }

                if (a.Cost is { } cost)
                {
                    Set(plan.Cell(row, 8), cost, MoneyFormat);
                }

                plan.Cell(row, 9).SetValue(progress is null ? UiText.Get("Risk.NotReported") : UiText.Get("Risk.Action." + progress.Status));
                if (MonitoringRules.IsOverdue(a, progress, data.Today))
                {
                    plan.Cell(row, 10).SetValue(UiText.Get("Risk.Overdue"));
                    plan.Cell(row, 10).Style.Font.SetBold().Font.SetFontColor(XLColor.FromHtml("#A61B1B"));
                }

                row++;
            }
        }

        Finish(plan, 1, planColumns.Length, row - 1);

        // 3. The semester's monitoring report: the risks carried over.
        var monitoring = workbook.Worksheets.Add(UiText.Get("RiskReport.Monitoring"));
        string[] monitoringColumns =
        [
            "No", UiText.Get("Report.Risk"), UiText.Get("Risk.Inherent"), UiText.Get("Risk.CurrentLikelihood"), UiText.Get("Risk.CurrentImpact"),
            UiText.Get("RiskCriteria.Magnitude"), UiText.Get("RiskCriteria.Level"), UiText.Get("RiskReport.ActionsDone"), UiText.Get("Risk.Occurred"),
            UiText.Get("Risk.Occurrence"), UiText.Get("RiskReport.Closed"), UiText.Get("Risk.CloseReason"), UiText.Get("Reviews.Who"), UiText.Get("Reviews.When"),
        ];
        Header(monitoring, 1, monitoringColumns);
        row = 2;
        number = 0;
        foreach (var m in data.Risks)
        {
            number++;
            if (!m.CarriedOver)
            {
                continue;
            }

            Set(monitoring.Cell(row, 1), number, "0");
            monitoring.Cell(row, 2).SetValue(m.Risk.Title);
            if (m.Risk.Likelihood is >= 1 and <= 5 && m.Risk.Impact is >= 1 and <= 5)
            {
                Level(monitoring.Cell(row, 3), c.Position(m.Risk.Likelihood, m.Risk.Impact).Band);
            }

            if (m.Monitoring is { } e)
            {
                var current = c.Position(e.CurrentLikelihood, e.CurrentImpact);
                Set(monitoring.Cell(row, 4), e.CurrentLikelihood, "0");
                Set(monitoring.Cell(row, 5), e.CurrentImpact, "0");
                Set(monitoring.Cell(row, 6), current.Magnitude, "0");
                Level(monitoring.Cell(row, 7), current.Band);
                monitoring.Cell(row, 8).SetValue($"{e.Actions.Count(a => a.Status == ActionStatuses.Done)} / {m.Risk.Actions.Count}");
                monitoring.Cell(row, 9).SetValue(UiText.Get(e.Occurred ? "RiskReport.Yes" : "RiskReport.No"));
                monitoring.Cell(row, 10).SetValue(e.Occurrence ?? string.Empty);
                monitoring.Cell(row, 11).SetValue(UiText.Get(e.Closed ? "RiskReport.Yes" : "RiskReport.No"));
                monitoring.Cell(row, 12).SetValue(e.CloseReason ?? string.Empty);
                monitoring.Cell(row, 13).SetValue(e.UpdatedBy ?? string.Empty);
                if (e.UpdatedAt is { } at)
                {
                    Set(monitoring.Cell(row, 14), ViewerTime.Local(at), "d mmm yyyy hh:mm");
                }
            }
            else
            {
                monitoring.Cell(row, 8).SetValue(UiText.Get("RiskReport.NotMonitored"));
            }

            row++;
        }

        Finish(monitoring, 1, monitoringColumns.Length, row - 1);
    }

    /// <summary>The national risk profile: counts by level, category and dimension, and every risk, the highest first.</summary>
    public static byte[] National(Risks.NationalRisksViewModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var c = model.Criteria.Definition;
        using var workbook = new XLWorkbook();
        var profile = workbook.Worksheets.Add(UiText.Get("RiskReport.Profile"));
        profile.Cell(1, 1).SetValue(UiText.Get("NationalRisks.Title", Survey.Domain.Periods.PeriodCodes.DisplayName(model.Period.Code)));
        profile.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        profile.Cell(2, 1).SetValue($"{UiText.Get("RiskCriteria.Title")}: {model.Criteria.Label}");
        var row = 4;
        void Table(string title, IEnumerable<(string Label, int Count, RiskBand? Band)> groups)
        {
            Header(profile, row, [title, UiText.Get("NationalRisks.Count")]);
            row++;
            foreach (var (label, count, band) in groups)
            {
                if (band is not null)
                {
                    Level(profile.Cell(row, 1), band);
                }
                else
                {
                    profile.Cell(row, 1).SetValue(label);
                }

                Set(profile.Cell(row, 2), count, "#,##0");
                row++;
            }

            row++;
        }

        var shown = model.Shown;
        Table(UiText.Get("RiskCriteria.Level"), c.Bands.Reverse().Select(b => (b.Name.ToString(), shown.Count(r => r.Position.Band.Code == b.Code), (RiskBand?)b)));
        Table(UiText.Get("RiskCriteria.Categories"), NationalRisks.CountBy(shown, r => r.Row.Category ?? string.Empty).Select(g => (g.Key.Length == 0 ? UiText.Get("NationalRisks.NoCategory") : model.CategoryName(g.Key), g.Count, (RiskBand?)null)));
        Table(UiText.Get("Scores.Dimension"), NationalRisks.CountBy(shown, r => r.Row.Dimension).Select(g => (model.DimensionName(g.Key), g.Count, (RiskBand?)null)));
        profile.Column(1).Width = 45;
        profile.Column(2).Width = 12;

        var list = workbook.Worksheets.Add(UiText.Get("RiskReport.NationalList"));
        string[] columns =
        [
            UiText.Get("Scores.Region"), UiText.Get("Region.Province"), UiText.Get("Scores.Programme"), UiText.Get("Scores.Dimension"), UiText.Get("Report.Risk"),
            UiText.Get("RiskCriteria.Categories"), UiText.Get("RiskCriteria.Likelihood"), UiText.Get("RiskCriteria.Impact"), UiText.Get("RiskCriteria.Magnitude"),
            UiText.Get("RiskCriteria.Level"), UiText.Get("RiskReport.NeedsTreatment"), UiText.Get("NationalRisks.Unmitigated"), UiText.Get("NationalRisks.OverdueActions"), "DEMO",
        ];
        Header(list, 1, columns);
        row = 2;
        foreach (var r in shown)
        {
            list.Cell(row, 1).SetValue(r.Row.RegionName);
            list.Cell(row, 2).SetValue(r.Row.Province);
            list.Cell(row, 3).SetValue(r.Row.ProgrammeName);
            list.Cell(row, 4).SetValue(model.DimensionName(r.Row.Dimension));
            list.Cell(row, 5).SetValue(r.Row.Title);
            list.Cell(row, 6).SetValue(r.Row.Category is null ? string.Empty : model.CategoryName(r.Row.Category));
            Set(list.Cell(row, 7), r.Row.Likelihood, "0");
            Set(list.Cell(row, 8), r.Row.Impact, "0");
            Set(list.Cell(row, 9), r.Position.Magnitude, "0");
            Level(list.Cell(row, 10), r.Position.Band);
            list.Cell(row, 11).SetValue(UiText.Get(r.Position.NeedsTreatment ? "RiskReport.Yes" : "RiskReport.No"));
            list.Cell(row, 12).SetValue(UiText.Get(r.Unmitigated ? "RiskReport.Yes" : "RiskReport.No"));
            Set(list.Cell(row, 13), r.OverdueActions, "0");
            list.Cell(row, 14).SetValue(r.Row.IsDemo ? "DEMO" : string.Empty);
            row++;
        }

        Finish(list, 1, columns.Length, row - 1);
        return Save(workbook);
    }

    // A level cell: the band's name on the band's colour, as in the matrix.
    private static void Level(IXLCell cell, RiskBand band)
    {
        cell.SetValue(band.Name.ToString());
        cell.Style.Fill.SetBackgroundColor(XLColor.FromHtml(band.Colour)).Font.SetFontColor(XLColor.Black);
    }
}
