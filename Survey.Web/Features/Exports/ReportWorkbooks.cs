using ClosedXML.Excel;
using Survey.Domain.Audit;
using Survey.Domain.Catalogue;
using Survey.Domain.Methodology;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Reviews;
using Survey.Domain.Submissions;
using Survey.Domain.Surveys;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Exports;

/// <summary>Everything the region report shows.</summary>
public sealed record RegionReportData(
    RegionScoreReport Report,
    IndicatorCatalogue Catalogue,
    Questionnaire? Questionnaire,
    IReadOnlyDictionary<string, StoredIndicatorValue> Values,
    IReadOnlyList<Programme> Programmes,
    IReadOnlyList<EvidenceItem> Evidence,
    ReviewState Review,
    IReadOnlyList<AuditRow> History,
    byte[] Radar,
    string BaseUrl)
{
    /// <summary>The region's units (agencies, villages, enterprises).</summary>
    public IReadOnlyList<Survey.Domain.Units.Unit> Units { get; init; } = [];

    /// <summary>Each unit's progress in the period.</summary>
    public IReadOnlyList<Survey.Domain.Units.UnitProgress> UnitProgress { get; init; } = [];

    /// <summary>Which unit produces each indicator's data.</summary>
    public IReadOnlyList<Survey.Domain.Units.IndicatorAssignment> Assignments { get; init; } = [];

    /// <summary>The risk forms' data (the period's criteria, the risks with their monitoring); without it the older single register sheet.</summary>
    public RiskSheetsData? RiskSheets { get; init; }

    /// <summary>The region's obstacles in the period.</summary>
    public IReadOnlyList<Survey.Domain.Obstacles.Obstacle> Obstacles { get; init; } = [];

    /// <summary>The region's open and recently closed recommendations with their follow-ups.</summary>
    public IReadOnlyList<Survey.Domain.Recommendations.Recommendation> Recommendations { get; init; } = [];
}

/// <summary>
/// The official report workbooks (ClosedXML): styled headers, frozen panes, filters, numbers stored as numbers
/// with their formats, fitted columns, landscape print with repeated header rows, in the UI language.
/// </summary>
public static class ReportWorkbooks
{
    private const string ScoreFormat = "#,##0.00";
    private const string NumberFormat = "#,##0.####";
    private const string PercentFormat = "0%";
    private const string DateFormat = "d mmm yyyy hh:mm";

    static ReportWorkbooks() => AppContext.SetSwitch("System.Drawing.EnableUnixSupport", true);

    public static byte[] Region(RegionReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var report = data.Report;
        var score = report.Score;
        var methodology = report.Methodology.Definition;
        using var workbook = new XLWorkbook();

        var cover = workbook.Worksheets.Add(UiText.Get("Report.Cover"));
        var unitNames = data.Units.ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        cover.Cell(1, 1).SetValue(UiText.Get("Report.RegionTitle", report.Region.Name, PeriodCodes.DisplayName(report.Period.Code)));
        cover.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        var rows = new List<(string Label, object? Value, string? Format)>
        {
            (UiText.Get("Scores.Region"), $"{report.Region.Name} ({report.Region.Code})", null),
            (UiText.Get("Region.Province"), report.Region.Province, null),
            (UiText.Get("Periods.Period"), PeriodCodes.DisplayName(report.Period.Code), null),
            (UiText.Get("Scores.Methodology"), report.Methodology.Label, null),
            (UiText.Get("Report.Snapshot"), report.Snapshot is { } s ? $"v{s.Version} · {s.ContentHash}" : UiText.Get("Charts.Provisional"), null),
            (UiText.Get("Report.GeneratedAt", ViewerTime.Zone.Name), ViewerTime.Local(DateTimeOffset.UtcNow), DateFormat),
            (UiText.Get("Scores.Index"), score.Index, ScoreFormat),
            (UiText.Get("Scores.Predicate"), score.Predicate?.Name.ToString(), null),
            (UiText.Get("Scores.Completeness"), score.Complete ? UiText.Get("Scores.Complete") : UiText.Get("Scores.Incomplete", score.Dimensions.Count(d => d.Score is not null), score.Dimensions.Count), null),
        };
        if (report.Region.IsDemo)
        {
            rows.Add(("DEMO", UiText.Get("Scores.DemoNote"), null));
        }

        for (var i = 0; i < rows.Count; i++)
        {
            cover.Cell(i + 3, 1).SetValue(rows[i].Label);
            cover.Cell(i + 3, 1).Style.Font.SetBold();
            Set(cover.Cell(i + 3, 2), rows[i].Value, rows[i].Format);
        }

        cover.Column(1).Width = 28;
        cover.Column(2).Width = 90;
        Print(cover, 0);

        // Summary: six dimensions, components and weights, the radar.
        var summary = workbook.Worksheets.Add(UiText.Get("Scores.Summary"));
        var header = new[] { UiText.Get("Scores.Dimension"), UiText.Get("Scores.ComponentIndicators"), UiText.Get("Scores.ComponentProgrammes"), UiText.Get("Scores.ComponentPerception"), UiText.Get("Scores.Score"), UiText.Get("Report.Coverage") };
        Header(summary, 1, header);
        var r = 2;
        foreach (var d in score.Dimensions)
        {
            summary.Cell(r, 1).SetValue(methodology.FindDimension(d.Dimension)?.Name.ToString() ?? d.Dimension);
            Set(summary.Cell(r, 2), d.Indicators, ScoreFormat);
            Set(summary.Cell(r, 3), d.Programmes, ScoreFormat);
            Set(summary.Cell(r, 4), d.Perception, ScoreFormat);
            Set(summary.Cell(r, 5), d.Score, ScoreFormat);
            Set(summary.Cell(r, 6), d.Coverage, PercentFormat);
            r++;
        }

        summary.Cell(r, 1).SetValue(UiText.Get("Scores.Weight"));
        summary.Cell(r, 1).Style.Font.SetItalic();
        Set(summary.Cell(r, 2), methodology.ComponentWeights.Indicators, NumberFormat);
        Set(summary.Cell(r, 3), methodology.ComponentWeights.Programmes, NumberFormat);
        Set(summary.Cell(r, 4), methodology.ComponentWeights.Perception, NumberFormat);
        summary.Cell(r + 1, 1).SetValue(UiText.Get("Scores.Index"));
        summary.Cell(r + 1, 1).Style.Font.SetBold();
        Set(summary.Cell(r + 1, 5), score.Index, ScoreFormat);
        Finish(summary, 1, header.Length, r - 1);
        using (var radar = new MemoryStream(data.Radar))
        {
            NativeDrawing.Run(() => summary.AddPicture(radar).MoveTo(summary.Cell(r + 3, 1)).WithSize(640, 480));
        }

        // One sheet per dimension.
        foreach (var dimension in methodology.Dimensions)
        {
            var sheet = workbook.Worksheets.Add(SheetName(dimension));
            string[] columns = [UiText.Get("Catalogue.Code"), UiText.Get("Scores.Indicator"), UiText.Get("Catalogue.Unit"), UiText.Get("Scores.Value"), UiText.Get("Catalogue.Numerator"), UiText.Get("Catalogue.Denominator"),
                UiText.Get("Scores.Worst"), UiText.Get("Scores.Best"), UiText.Get("Scores.Score"), UiText.Get("Scores.Weight"), UiText.Get("Report.Source"), UiText.Get("Report.Evidence"), UiText.Get("Report.Producer")];
            Header(sheet, 1, columns);
            var row = 2;
            foreach (var mapping in methodology.Indicators.Where(m => m.Dimension == dimension.Code))
            {
                var indicator = data.Catalogue.Find(mapping.Key);
                var stored = data.Values.GetValueOrDefault(mapping.Key)?.Entry;
                var scored = score.Indicators.FirstOrDefault(i => i.Key == mapping.Key);
                sheet.Cell(row, 1).SetValue(mapping.Key);
                sheet.Cell(row, 2).SetValue(indicator?.Title.ToString() ?? mapping.Key);
                sheet.Cell(row, 3).SetValue(indicator?.Unit.ToString() ?? string.Empty);
                if (scored is not null)
                {
                    Set(sheet.Cell(row, 4), scored.Value, NumberFormat);
                }
                else if (stored?.NotAvailableReason is { } reason)
                {
                    sheet.Cell(row, 4).SetValue(UiText.Get("Reviews.NotAvailable") + ": " + reason);
                }

                Set(sheet.Cell(row, 5), stored?.Numerator, NumberFormat);
                Set(sheet.Cell(row, 6), stored?.Denominator, NumberFormat);
                Set(sheet.Cell(row, 7), mapping.Worst, NumberFormat);
                Set(sheet.Cell(row, 8), mapping.Best, NumberFormat);
                Set(sheet.Cell(row, 9), scored?.Score, ScoreFormat);
                Set(sheet.Cell(row, 10), mapping.Weight, NumberFormat);
                sheet.Cell(row, 11).SetValue(string.Join(" · ", new object?[] { stored?.SourceAgency, stored?.SourceDocument, stored?.SourceYear }.Where(x => x is not null)));
                var evidence = data.Evidence.FirstOrDefault(e => e.Target == mapping.Key);
                if (evidence is not null)
                {
                    var url = evidence.Kind == "file" ? $"{data.BaseUrl}/periods/{report.Period.Code}/regions/{report.Region.Code}/evidence/{evidence.Id}" : evidence.Url!;
                    sheet.Cell(row, 12).SetValue(evidence.FileName ?? url);
                    if (Uri.TryCreate(url, UriKind.Absolute, out var link) && (link.Scheme == Uri.UriSchemeHttps || link.Scheme == Uri.UriSchemeHttp))
                    {
                        sheet.Cell(row, 12).Hyperlink = new XLHyperlink(link);
                    }
                }

                if (data.Assignments.FirstOrDefault(a => a.Key == mapping.Key) is { } assignment)
                {
                    sheet.Cell(row, 13).SetValue(unitNames.GetValueOrDefault(assignment.Unit) ?? assignment.Unit);
                }

                row++;
            }

            Finish(sheet, 1, columns.Length, row - 1);
            row += 2;
            string[] programmeColumns = [UiText.Get("Scores.Programme"), UiText.Get("Scores.SelfLevel"), UiText.Get("Scores.VerifiedLevel"), UiText.Get("Scores.Score"), UiText.Get("Reviews.VerifiedNote")];
            Header(sheet, row, programmeColumns);
            row++;
            foreach (var p in score.Programmes.Where(p => p.Dimension == dimension.Code))
            {
                sheet.Cell(row, 1).SetValue(p.Name);
                Set(sheet.Cell(row, 2), p.SelfLevel, "0");
                Set(sheet.Cell(row, 3), p.VerifiedLevel, "0");
                Set(sheet.Cell(row, 4), p.Score, ScoreFormat);
                sheet.Cell(row, 5).SetValue(data.Programmes.FirstOrDefault(x => x.Id == p.Id)?.VerifiedNote ?? string.Empty);
                row++;
            }

            row += 2;
            string[] itemColumns = [UiText.Get("Scores.Item"), UiText.Get("Report.Statement"), UiText.Get("Scores.Mean"), UiText.Get("Scores.Answers"), UiText.Get("Scores.Score")];
            Header(sheet, row, itemColumns);
            row++;
            foreach (var item in score.Items.Where(i => i.Dimension == dimension.Code))
            {
                sheet.Cell(row, 1).SetValue(item.Item);
                sheet.Cell(row, 2).SetValue(data.Questionnaire?.Find(item.Item)?.Text.ToString() ?? string.Empty);
                Set(sheet.Cell(row, 3), item.Mean, ScoreFormat);
                Set(sheet.Cell(row, 4), item.Count, "#,##0");
                Set(sheet.Cell(row, 5), item.Score, ScoreFormat);
                row++;
            }

            Fit(sheet, columns.Length);
            sheet.Column(2).Width = 60;
        }

        // The risk forms: the register (identification and analysis), the treatment plan and the monitoring report.
        if (data.RiskSheets is { } riskSheets)
        {
            RiskWorkbooks.AddSheets(workbook, riskSheets);
        }
        else
        {
            // The risk register.
            var risks = workbook.Worksheets.Add(UiText.Get("Report.Risks"));
            string[] riskColumns = [UiText.Get("Scores.Programme"), UiText.Get("Scores.Dimension"), UiText.Get("Report.Risk"), UiText.Get("Charts.Likelihood"), UiText.Get("Charts.Impact"), UiText.Get("Report.Rating"), UiText.Get("Report.Band"), UiText.Get("Report.Mitigation"), UiText.Get("Report.Owner"), UiText.Get("Programmes.Unit")];
            Header(risks, 1, riskColumns);
            var rr = 2;
            foreach (var p in data.Programmes)
            {
                foreach (var risk in p.Risks)
                {
                    risks.Cell(rr, 1).SetValue(p.Name);
                    risks.Cell(rr, 2).SetValue(methodology.FindDimension(p.Dimension)?.Name.ToString() ?? p.Dimension);
                    risks.Cell(rr, 3).SetValue(risk.Title);
                    Set(risks.Cell(rr, 4), risk.Likelihood, "0");
                    Set(risks.Cell(rr, 5), risk.Impact, "0");
                    Set(risks.Cell(rr, 6), risk.Likelihood * risk.Impact, "0");
                    risks.Cell(rr, 7).SetValue(methodology.RiskBandFor(risk.Likelihood * risk.Impact).Name.ToString());
                    risks.Cell(rr, 8).SetValue(risk.Mitigation ?? string.Empty);
                    risks.Cell(rr, 9).SetValue(risk.Owner ?? string.Empty);
                    risks.Cell(rr, 10).SetValue(p.Unit is { } owner ? unitNames.GetValueOrDefault(owner) ?? owner : string.Empty);
                    rr++;
                }
            }

            Finish(risks, 1, riskColumns.Length, rr - 1);
        }

        UnitSheet(workbook, data, methodology, unitNames);
        ObstacleWorkbooks.AddRegionSheets(workbook, data, methodology, unitNames);

        // The review history.
        var history = workbook.Worksheets.Add(UiText.Get("Report.History"));
        string[] historyColumns = [UiText.Get("Reviews.When"), UiText.Get("Reviews.Who"), UiText.Get("Audit.What"), UiText.Get("Reviews.Old"), UiText.Get("Reviews.New")];
        Header(history, 1, historyColumns);
        var hr = 2;
        var names = Reviews.AuditNames.For(data.Catalogue, data.Programmes, null).With(methodology, data.Units);
        foreach (var e in data.History)
        {
            Set(history.Cell(hr, 1), ViewerTime.Local(e.OccurredAt), DateFormat);
            history.Cell(hr, 2).SetValue(e.ActorName ?? UiText.Get("History.System"));
            history.Cell(hr, 3).SetValue(Reviews.AuditText.Sentence(e, UiText.Localizer, names));
            history.Cell(hr, 4).SetValue(Reviews.AuditText.Summary(e.OldValue, UiText.Localizer, names));
            history.Cell(hr, 5).SetValue(Reviews.AuditText.Summary(e.NewValue, UiText.Localizer, names));
            hr++;
        }

        Finish(history, 1, historyColumns.Length, hr - 1);
        return Save(workbook);
    }

    // The programmes by unit: each unit with its contribution and the programmes it owns, co-owns or runs a
    // replication of; the programmes without an owning unit last.
    private static void UnitSheet(XLWorkbook workbook, RegionReportData data, ScoringMethodology methodology, Dictionary<string, string> unitNames)
    {
        var sheet = workbook.Worksheets.Add(UiText.Get("Report.ByUnit"));
        string[] columns = [UiText.Get("Consolidation.Unit"), UiText.Get("Units.Code"), UiText.Get("Units.Kind"), UiText.Get("Consolidation.Status"), UiText.Get("Report.AssignedIndicators"),
            UiText.Get("Report.FilledIndicators"), UiText.Get("Scores.Programme"), UiText.Get("UnitPage.Role"), UiText.Get("Scores.Dimension"), UiText.Get("Scores.SelfLevel"),
            UiText.Get("Scores.VerifiedLevel"), UiText.Get("Programmes.Risks"), UiText.Get("Report.HighestRisk"), UiText.Get("Programmes.Replications")];
        Header(sheet, 1, columns);
        var row = 2;
        var progress = data.UnitProgress.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var listed = data.Units.Where(u => progress.ContainsKey(u.Code) || data.Programmes.Any(p => p.Involves(u.Code))).ToList();
        foreach (var unit in listed)
        {
            var of = progress.GetValueOrDefault(unit.Code);
            var involved = data.Programmes.Where(p => p.Involves(unit.Code)).ToList();
            foreach (var programme in involved.Count == 0 ? [null] : involved.Cast<Programme?>())
            {
                sheet.Cell(row, 1).SetValue(unit.Name);
                sheet.Cell(row, 2).SetValue(unit.Code);
                sheet.Cell(row, 3).SetValue(UiText.Get("Unit.Kind." + unit.Kind));
                sheet.Cell(row, 4).SetValue(UiText.Get("Contribution." + (of?.Status ?? Survey.Domain.Units.ContributionStatuses.InProgress)));
                Set(sheet.Cell(row, 5), of?.IndicatorsAssigned ?? 0, "0");
                Set(sheet.Cell(row, 6), of?.IndicatorsFilled ?? 0, "0");
                if (programme is not null)
                {
                    ProgrammeCells(sheet, row, programme, programme.Unit == unit.Code ? UiText.Get("UnitPage.Owner")
                        : programme.CoUnits.Contains(unit.Code) ? UiText.Get("UnitPage.CoOwner", programme.Unit is { } o ? unitNames.GetValueOrDefault(o) ?? o : "–")
                        : UiText.Get("UnitPage.Replication", UiText.Get("Replication." + programme.Replications.First(r => r.Unit == unit.Code).Status)), methodology, unitNames, data.RiskSheets?.Criteria.Definition);
                }

                row++;
            }
        }

        foreach (var programme in data.Programmes.Where(p => p.Unit is null))
        {
            sheet.Cell(row, 1).SetValue(UiText.Get("Report.NoUnit"));
            ProgrammeCells(sheet, row, programme, programme.Agency ?? string.Empty, methodology, unitNames, data.RiskSheets?.Criteria.Definition);
            row++;
        }

        Finish(sheet, 1, columns.Length, row - 1);
        Fit(sheet, columns.Length);
    }

    private static void ProgrammeCells(IXLWorksheet sheet, int row, Programme programme, string role, ScoringMethodology methodology, Dictionary<string, string> unitNames, Survey.Domain.Risks.RiskCriteria? criteria)
    {
        sheet.Cell(row, 7).SetValue(programme.Name);
        sheet.Cell(row, 8).SetValue(role);
        sheet.Cell(row, 9).SetValue(methodology.FindDimension(programme.Dimension)?.Name.ToString() ?? programme.Dimension);
        Set(sheet.Cell(row, 10), programme.MaturityLevel, "0");
        Set(sheet.Cell(row, 11), programme.VerifiedLevel, "0");
        Set(sheet.Cell(row, 12), programme.Risks.Count, "0");
        if (programme.Risks.Count > 0)
        {
            var (worst, level) = Risks.RiskText.Of(Risks.RiskText.Highest(programme.Risks, criteria, methodology)!, criteria, methodology);
            sheet.Cell(row, 13).SetValue($"{worst} ({level})");
        }

        sheet.Cell(row, 14).SetValue(string.Join("; ", programme.Replications.Select(r =>
            $"{unitNames.GetValueOrDefault(r.Unit) ?? r.Unit} ({UiText.Get("Replication." + r.Status)}{(r.Since is { } since ? ", " + since.ToString("d MMM yyyy", ServiceRegistration.FormatCulture) : string.Empty)})")));
    }

    public static byte[] National(PeriodScores result, IReadOnlyDictionary<string, Region> regions, IndicatorCatalogue catalogue, byte[] rankingChart)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(catalogue);
        var methodology = result.Methodology.Definition;
        using var workbook = new XLWorkbook();

        // The cover says first whether these figures are final: a provisional report is marked on every page.
        var cover = workbook.Worksheets.Add(UiText.Get("Report.Cover"));
        cover.Cell(1, 1).SetValue(UiText.Get("Report.NationalTitle", PeriodCodes.DisplayName(result.Period.Code)));
        cover.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(16);
        var status = result.Snapshot is { } snapshot
            ? UiText.Get("Report.Published", snapshot.Version, snapshot.ContentHash)
            : UiText.Get("Report.ProvisionalNote");
        var demoRegions = result.Scores.Count(s => regions.TryGetValue(s.Region, out var r) && r.IsDemo);
        var coverRows = new List<(string Label, object? Value, string? Format)>
        {
            (UiText.Get("Periods.Period"), PeriodCodes.DisplayName(result.Period.Code), null),
            (UiText.Get("Report.Status"), status, null),
            (UiText.Get("Report.GeneratedAt", ViewerTime.Zone.Name), ViewerTime.Local(DateTimeOffset.UtcNow), DateFormat),
            (UiText.Get("Scores.Methodology"), result.Methodology.Label, null),
            (UiText.Get("Report.RegionCount"), result.Scores.Count, "0"),
        };
        if (demoRegions > 0)
        {
            coverRows.Add(("DEMO", UiText.Get("Report.DemoRegions", demoRegions), null));
        }

        for (var i = 0; i < coverRows.Count; i++)
        {
            cover.Cell(i + 3, 1).SetValue(coverRows[i].Label);
            cover.Cell(i + 3, 1).Style.Font.SetBold();
            Set(cover.Cell(i + 3, 2), coverRows[i].Value, coverRows[i].Format);
        }

        if (result.Provisional)
        {
            cover.Cell(4, 2).Style.Font.SetBold().Font.SetFontColor(XLColor.DarkRed);
        }

        cover.Column(1).Width = 28;
        cover.Column(2).Width = 90;
        cover.Column(2).Style.Alignment.SetWrapText();

        var ranking = workbook.Worksheets.Add(UiText.Get("Report.Ranking"));
        var dims = methodology.Dimensions;
        var columns = new List<string> { UiText.Get("Scores.RankShort"), UiText.Get("Catalogue.Code"), UiText.Get("Scores.Region"), UiText.Get("Region.Province"), UiText.Get("Region.Kind"), UiText.Get("Scores.Completeness"), UiText.Get("Scores.Index"), UiText.Get("Scores.Predicate") };
        columns.AddRange(dims.Select(d => d.Name.ToString()));
        Header(ranking, 1, [.. columns]);
        var row = 2;
        foreach (var ranked in result.Ranked)
        {
            var s = ranked.Score;
            regions.TryGetValue(s.Region, out var region);
            Set(ranking.Cell(row, 1), ranked.Rank, "0");
            ranking.Cell(row, 2).SetValue(s.Region);
            ranking.Cell(row, 3).SetValue((region?.Name ?? s.Region) + (region?.IsDemo == true ? " (DEMO)" : string.Empty));
            ranking.Cell(row, 4).SetValue(region?.Province ?? string.Empty);
            ranking.Cell(row, 5).SetValue(region is null ? string.Empty : RegionKinds.NameOf(region.Kind));
            ranking.Cell(row, 6).SetValue(s.Complete ? UiText.Get("Report.Yes") : UiText.Get("Report.No"));
            Set(ranking.Cell(row, 7), s.Index, ScoreFormat);
            ranking.Cell(row, 8).SetValue(s.Predicate?.Name.ToString() ?? string.Empty);
            for (var d = 0; d < dims.Count; d++)
            {
                Set(ranking.Cell(row, 9 + d), s.Dimension(dims[d].Code)?.Score, ScoreFormat);
            }

            row++;
        }

        Finish(ranking, 1, columns.Count, row - 1);

        foreach (var dimension in dims)
        {
            var sheet = workbook.Worksheets.Add(SheetName(dimension));
            string[] header = [UiText.Get("Catalogue.Code"), UiText.Get("Scores.Region"), UiText.Get("Scores.ComponentIndicators"), UiText.Get("Scores.ComponentProgrammes"), UiText.Get("Scores.ComponentPerception"), UiText.Get("Scores.Score"), UiText.Get("Report.Coverage")];
            Header(sheet, 1, header);
            var r = 2;
            foreach (var s in result.Scores.OrderBy(s => s.Region, StringComparer.Ordinal))
            {
                var d = s.Dimension(dimension.Code);
                sheet.Cell(r, 1).SetValue(s.Region);
                sheet.Cell(r, 2).SetValue(regions.TryGetValue(s.Region, out var region) ? region.Name : s.Region);
                Set(sheet.Cell(r, 3), d?.Indicators, ScoreFormat);
                Set(sheet.Cell(r, 4), d?.Programmes, ScoreFormat);
                Set(sheet.Cell(r, 5), d?.Perception, ScoreFormat);
                Set(sheet.Cell(r, 6), d?.Score, ScoreFormat);
                Set(sheet.Cell(r, 7), d?.Coverage, PercentFormat);
                r++;
            }

            Finish(sheet, 1, header.Length, r - 1);
        }

        // Indicator values: regions x indicators.
        var values = workbook.Worksheets.Add(UiText.Get("Report.IndicatorValues"));
        var keys = methodology.Indicators.Select(m => m.Key).ToList();
        values.Cell(1, 1).SetValue(UiText.Get("Catalogue.Code"));
        values.Cell(1, 2).SetValue(UiText.Get("Scores.Region"));
        for (var k = 0; k < keys.Count; k++)
        {
            values.Cell(1, 3 + k).SetValue(catalogue.Find(keys[k])?.Clause ?? keys[k]);
        }

        StyleHeader(values.Range(1, 1, 1, keys.Count + 2));
        var vr = 2;
        foreach (var s in result.Scores.OrderBy(s => s.Region, StringComparer.Ordinal))
        {
            values.Cell(vr, 1).SetValue(s.Region);
            values.Cell(vr, 2).SetValue(regions.TryGetValue(s.Region, out var region) ? region.Name : s.Region);
            var byKey = s.Indicators.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);
            for (var k = 0; k < keys.Count; k++)
            {
                if (byKey.TryGetValue(keys[k], out var v))
                {
                    Set(values.Cell(vr, 3 + k), v, NumberFormat);
                }
            }

            vr++;
        }

        values.SheetView.FreezeRows(1);
        values.SheetView.FreezeColumns(2);
        values.Range(1, 1, Math.Max(vr - 1, 1), keys.Count + 2).SetAutoFilter();
        values.Column(2).Width = 30;
        Print(values, 1);

        var chart = workbook.Worksheets.Add(UiText.Get("Report.RankingChart"));
        using (var picture = new MemoryStream(rankingChart))
        {
            NativeDrawing.Run(() => chart.AddPicture(picture).MoveTo(chart.Cell(1, 1)).WithSize(900, Math.Clamp(120 + (Math.Min(result.Scores.Count, 30) * 24), 200, 1500)));
        }

        // The method, stated with the weights used.
        var method = workbook.Worksheets.Add(UiText.Get("Nav.Methodology"));
        var lines = new List<(string, object?)>
        {
            (UiText.Get("Scores.Methodology"), result.Methodology.Label + " · " + result.Methodology.ContentHash),
            (UiText.Get("Report.FormulaIndicator"), "s = 100 × clamp((x − worst) / (best − worst), 0, 1)"),
            (UiText.Get("Report.FormulaComponent"), "I = Σ(w × s) / Σw; P = mean(25 × (level − 1)); R = mean(25 × (mean answer − 1))"),
            (UiText.Get("Report.FormulaDimension"), "D = Σ(W × C) / ΣW"),
            (UiText.Get("Report.FormulaIndex"), "index = 1 + 4 × mean(D) / 100"),
            (UiText.Get("Scores.ComponentIndicators") + " W", methodology.ComponentWeights.Indicators),
            (UiText.Get("Scores.ComponentProgrammes") + " W", methodology.ComponentWeights.Programmes),
            (UiText.Get("Scores.ComponentPerception") + " W", methodology.ComponentWeights.Perception),
            (UiText.Get("Report.MinimumCoverage"), methodology.MinimumCoverage),
            (UiText.Get("Report.MinimumRespondents"), methodology.MinimumRespondents),
        };
        lines.AddRange(methodology.PredicateBands.Select(b => (UiText.Get("Scores.Predicate") + " " + b.Name, (object?)b.Minimum)));
        for (var i = 0; i < lines.Count; i++)
        {
            method.Cell(i + 1, 1).SetValue(lines[i].Item1);
            method.Cell(i + 1, 1).Style.Font.SetBold();
            Set(method.Cell(i + 1, 2), lines[i].Item2, NumberFormat);
        }

        var start = lines.Count + 3;
        string[] goalposts = [UiText.Get("Catalogue.Code"), UiText.Get("Scores.Dimension"), UiText.Get("Scores.Weight"), UiText.Get("Scores.Worst"), UiText.Get("Scores.Best")];
        Header(method, start, goalposts);
        var mr = start + 1;
        foreach (var m in methodology.Indicators)
        {
            method.Cell(mr, 1).SetValue(m.Key);
            method.Cell(mr, 2).SetValue(m.Dimension);
            Set(method.Cell(mr, 3), m.Weight, NumberFormat);
            Set(method.Cell(mr, 4), m.Worst, NumberFormat);
            Set(method.Cell(mr, 5), m.Best, NumberFormat);
            mr++;
        }

        method.Column(1).Width = 34;
        method.Column(2).Width = 70;
        Print(method, 0);
        if (result.Provisional)
        {
            foreach (var sheet in workbook.Worksheets)
            {
                sheet.PageSetup.Header.Center.AddText(UiText.Get("Report.ProvisionalHeader"));
            }
        }

        return Save(workbook);
    }

    private static string SheetName(Dimension dimension)
    {
        var name = dimension.Name.ToString().Split('(')[^1].TrimEnd(')').Trim();
        return name.Length > 31 ? name[..31] : name;
    }

    internal static void Set(IXLCell cell, object? value, string? format)
    {
        switch (value)
        {
            case null:
                return;
            case decimal d:
                cell.Value = d;
                break;
            case int i:
                cell.Value = i;
                break;
            case DateTime t:
                cell.Value = t;
                break;
            default:
                // SetValue keeps text as text (the Value setter of ClosedXML 0.95 would turn "7.10" into the number 7.1).
                cell.SetValue(Convert.ToString(value, System.Globalization.CultureInfo.CurrentCulture));
                return;
        }

        if (format is not null)
        {
            cell.Style.NumberFormat.Format = format;
        }
    }

    internal static void Header(IXLWorksheet sheet, int row, string[] columns)
    {
        for (var c = 0; c < columns.Length; c++)
        {
            sheet.Cell(row, c + 1).SetValue(columns[c]);
        }

        StyleHeader(sheet.Range(row, 1, row, columns.Length));
    }

    private static void StyleHeader(IXLRange range)
    {
        range.Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#0B4F8A")).Font.SetFontColor(XLColor.White);
        range.Style.Alignment.SetWrapText(true).Alignment.SetVertical(XLAlignmentVerticalValues.Top);
    }

    /// <summary>Frozen header, filter, fitted columns and print setup for a table starting at <paramref name="headerRow"/>.</summary>
    internal static void Finish(IXLWorksheet sheet, int headerRow, int columns, int lastRow)
    {
        sheet.SheetView.FreezeRows(headerRow);
        sheet.Range(headerRow, 1, Math.Max(lastRow, headerRow), columns).SetAutoFilter();
        Fit(sheet, columns);
        Print(sheet, headerRow);
    }

    // Column widths from the length of what the first 200 rows hold, in managed code: ClosedXML's AdjustToContents
    // measures text with libgdiplus through one shared Graphics object, which corrupts native memory when
    // reports are built in parallel.
    private static void Fit(IXLWorksheet sheet, int columns)
    {
        for (var c = 1; c <= columns; c++)
        {
            var longest = 0;
            foreach (var cell in sheet.Column(c).CellsUsed(cell => cell.Address.RowNumber <= 200))
            {
                var text = cell.DataType == XLDataType.Number ? cell.GetDouble().ToString("N2", ServiceRegistrationCulture) : cell.GetString();
                var widest = cell.Style.Alignment.WrapText ? text.Split(' ', '\n').Max(w => w.Length) + 4 : text.Split('\n').Max(l => l.Length);
                longest = Math.Max(longest, widest);
            }

            sheet.Column(c).Width = Math.Clamp((longest * 1.1) + 2, 8, 60);
        }
    }

    private static readonly System.Globalization.CultureInfo ServiceRegistrationCulture = System.Globalization.CultureInfo.GetCultureInfo("id-ID");

    private static void Print(IXLWorksheet sheet, int headerRow)
    {
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        if (headerRow > 0)
        {
            sheet.PageSetup.SetRowsToRepeatAtTop(headerRow, headerRow);
        }
    }

    internal static byte[] Save(XLWorkbook workbook)
    {
        using var buffer = new MemoryStream();
        // Saving a workbook with pictures sizes them through libgdiplus: one at a time.
        NativeDrawing.Run(() => workbook.SaveAs(buffer));
        return buffer.ToArray();
    }
}
