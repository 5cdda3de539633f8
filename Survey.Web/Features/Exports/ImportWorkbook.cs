using ClosedXML.Excel;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Methodology;
using Survey.Domain.Submissions;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Exports;

/// <summary>What an imported row would do.</summary>
public static class ImportStatus
{
    public const string New = "new";
    public const string Changed = "changed";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";
}

/// <summary>One row of an import: the entry read, what it would do, and why it is rejected.</summary>
public sealed record ImportRow(int Line, string Key, string Status, IndicatorEntry? Entry, int? Version, IReadOnlyList<string> Reasons);

/// <summary>
/// The indicator form of a region as an .xlsx template (codes, titles, units and rules locked; input cells open
/// with data validation), and reading a filled template back into entries with the same rules as the form.
/// </summary>
public static class ImportWorkbook
{
    public const string Sheet = "Indikator";

    // Columns of the template.
    private const int Code = 1, Clause = 2, Title = 3, Unit = 4, Rule = 5, Value = 6, Numerator = 7, Denominator = 8,
        NotAvailable = 9, Source = 10, Document = 11, Year = 12, Note = 13, Justification = 14, Version = 15;

    static ImportWorkbook() => AppContext.SetSwitch("System.Drawing.EnableUnixSupport", true);

    // What a rejected row echoes of the typed text stays short: the preview is a page, not a copy of the file.
    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    public static byte[] Template(IndicatorCatalogue catalogue, ScoringMethodology methodology, IReadOnlyDictionary<string, StoredIndicatorValue> values, string regionName, string period)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(values);
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(Sheet);
        string[] header =
        [
            UiText.Get("Catalogue.Code"), UiText.Get("Import.Clause"), UiText.Get("Scores.Indicator"), UiText.Get("Catalogue.Unit"), UiText.Get("Import.Rule"),
            UiText.Get("Scores.Value"), UiText.Get("Catalogue.Numerator"), UiText.Get("Catalogue.Denominator"), UiText.Get("Import.NotAvailable"),
            UiText.Get("Import.SourceAgency"), UiText.Get("Import.SourceDocument"), UiText.Get("Import.SourceYear"), UiText.Get("Import.Note"), UiText.Get("Import.Justification"), "version",
        ];
        ReportWorkbooks.Header(sheet, 1, header);
        var row = 2;
        foreach (var mapping in methodology.Indicators)
        {
            var indicator = catalogue.Find(mapping.Key);
            if (indicator is null)
            {
                continue;
            }

            var stored = values.GetValueOrDefault(mapping.Key);
            var entry = stored?.Entry;
            sheet.Cell(row, Code).SetValue(indicator.Key);
            sheet.Cell(row, Clause).SetValue(indicator.Clause);
            sheet.Cell(row, Title).SetValue(indicator.Title.ToString());
            sheet.Cell(row, Unit).SetValue(indicator.Unit.ToString());
            sheet.Cell(row, Rule).SetValue(indicator.IsShare ? UiText.Get("Import.RuleShare") : UiText.Get("Import.RuleNonNegative"));
            ReportWorkbooks.Set(sheet.Cell(row, Value), entry?.Numerator is null ? entry?.Value : null, "#,##0.####");
            ReportWorkbooks.Set(sheet.Cell(row, Numerator), entry?.Numerator, "#,##0.####");
            ReportWorkbooks.Set(sheet.Cell(row, Denominator), entry?.Denominator, "#,##0.####");
            sheet.Cell(row, NotAvailable).SetValue(entry?.NotAvailableReason ?? string.Empty);
            sheet.Cell(row, Source).SetValue(entry?.SourceAgency ?? string.Empty);
            sheet.Cell(row, Document).SetValue(entry?.SourceDocument ?? string.Empty);
            ReportWorkbooks.Set(sheet.Cell(row, Year), entry?.SourceYear, "0");
            sheet.Cell(row, Note).SetValue(entry?.Note ?? string.Empty);
            sheet.Cell(row, Justification).SetValue(entry?.Justification ?? string.Empty);
            sheet.Cell(row, Version).SetValue(stored?.Version ?? 0);

            var value = sheet.Cell(row, Value).SetDataValidation();
            if (indicator.IsShare)
            {
                value.Decimal.Between(0, 100);
            }
            else
            {
                value.Decimal.EqualOrGreaterThan(0);
            }

            value.ErrorMessage = indicator.IsShare ? UiText.Get("Import.RuleShare") : UiText.Get("Import.RuleNonNegative");
            sheet.Range(row, Numerator, row, Denominator).SetDataValidation().Decimal.EqualOrGreaterThan(0);
            sheet.Cell(row, Year).SetDataValidation().WholeNumber.Between(1990, 2100);
            row++;
        }

        // Codes, titles, units and rules are locked; only the input columns can be typed in.
        sheet.Range(2, Value, Math.Max(row - 1, 2), Justification).Style.Protection.SetLocked(false);
        sheet.Range(2, Value, Math.Max(row - 1, 2), Justification).Style.Fill.SetBackgroundColor(XLColor.FromHtml("#FFF8E1"));
        sheet.Column(Version).Hide();
        sheet.Protect().AllowElement(XLSheetProtectionElements.FormatColumns | XLSheetProtectionElements.AutoFilter | XLSheetProtectionElements.SelectEverything);
        sheet.SheetView.FreezeRows(1);
        sheet.SheetView.FreezeColumns(3);
        for (var c = 1; c < Version; c++)
        {
            sheet.Column(c).Width = c == Title ? 50 : c is Rule or NotAvailable or Note or Justification ? 30 : 16;
        }

        sheet.Column(Title).Style.Alignment.SetWrapText(true);

        var help = workbook.Worksheets.Add(UiText.Get("Import.HelpSheet"));
        string[] lines =
        [
            UiText.Get("Import.HelpTitle", regionName, period),
            UiText.Get("Import.Help1"),
            UiText.Get("Import.Help2"),
            UiText.Get("Import.Help3"),
            UiText.Get("Import.Help4"),
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            help.Cell(i + 1, 1).SetValue(lines[i]);
        }

        help.Cell(1, 1).Style.Font.SetBold().Font.SetFontSize(14);
        help.Column(1).Width = 120;
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Reads a filled template: per row the entry, or the reasons it is rejected (unknown code, a text where a
    /// number belongs, the form's rules); compared with what is stored: new, changed or unchanged.
    /// </summary>
    public static (IReadOnlyList<ImportRow> Rows, string? Error) Read(Stream file, IndicatorCatalogue catalogue, IReadOnlyDictionary<string, StoredIndicatorValue> stored, Func<IReadOnlyList<IndicatorEntry>, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>>> validate)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(validate);
        Dictionary<(int Row, int Column), XlsxCell>? cells;
        try
        {
            cells = BoundedXlsxReader.ReadSheet(file, Sheet, new XlsxLimits());
        }
        catch (WorkbookRefusedException refused)
        {
            return ([], refused.Message);
        }

        if (cells is null)
        {
            return ([], UiText.Get("Import.NoSheet", Sheet));
        }

        XlsxCell Cell(int line, int column) => cells.GetValueOrDefault((line, column));
        {
            var rows = new List<ImportRow>();
            var parsed = new List<(int Line, IndicatorEntry Entry, int? Version)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var last = cells.Count == 0 ? 1 : cells.Keys.Max(k => k.Row);
            for (var line = 2; line <= last; line++)
            {
                var code = Cell(line, Code).AsText().Trim();
                if (code.Length == 0)
                {
                    continue;
                }

                var reasons = new List<string>();
                var indicator = catalogue.Find(code);
                if (indicator is null)
                {
                    rows.Add(new ImportRow(line, Shorten(code), ImportStatus.Rejected, null, null, [UiText.Get("Import.UnknownCode", Shorten(code))]));
                    continue;
                }

                if (!seen.Add(indicator.Key))
                {
                    rows.Add(new ImportRow(line, code, ImportStatus.Rejected, null, null, [UiText.Get("Import.Duplicate", code)]));
                    continue;
                }

                decimal? Number(int column, string field)
                {
                    var cell = Cell(line, column);
                    if (cell.IsEmpty)
                    {
                        return null;
                    }

                    if (cell.Number is { } stored)
                    {
                        return (decimal)stored;
                    }

                    var text = cell.AsText().Trim();
                    if (text.Length == 0)
                    {
                        return null;
                    }

                    if (DecimalInput.TryParse(text, out var number))
                    {
                        return number;
                    }

                    reasons.Add(UiText.Get("Import.NotANumber", field, Shorten(text)));
                    return null;
                }

                string? Text(int column)
                {
                    var text = Cell(line, column).AsText().Trim();
                    return text.Length == 0 ? null : text;
                }

                var value = Number(Value, UiText.Get("Scores.Value"));
                var numerator = Number(Numerator, UiText.Get("Catalogue.Numerator"));
                var denominator = Number(Denominator, UiText.Get("Catalogue.Denominator"));
                var year = Number(Year, UiText.Get("Import.SourceYear"));
                int? version = Cell(line, Version).Number is { } v && v is >= 0 and <= int.MaxValue ? (int)v : null;
                if (year is { } y && (y != decimal.Truncate(y) || y is < 1 or > 9999))
                {
                    reasons.Add(UiText.Get("Import.NotANumber", UiText.Get("Import.SourceYear"), y));
                    year = null;
                }

                var entry = new IndicatorEntry(indicator.Key, value, numerator, denominator, Text(NotAvailable), Text(Source), Text(Document), year is null ? null : (int)year, Text(Note), Text(Justification));
                if (reasons.Count > 0)
                {
                    rows.Add(new ImportRow(line, indicator.Key, ImportStatus.Rejected, null, null, reasons));
                    continue;
                }

                parsed.Add((line, entry, version));
            }

            var errors = validate(parsed.Select(p => p.Entry).ToList());
            foreach (var (line, entry, version) in parsed)
            {
                if (errors.TryGetValue(entry.Key, out var fieldErrors))
                {
                    rows.Add(new ImportRow(line, entry.Key, ImportStatus.Rejected, null, null, fieldErrors.SelectMany(f => f.Value).Distinct().ToList()));
                    continue;
                }

                var normalized = entry.Normalized(catalogue.Find(entry.Key)!);
                var current = stored.GetValueOrDefault(entry.Key);
                var status = current is null ? (normalized.IsBlank && normalized.Note is null ? ImportStatus.Unchanged : ImportStatus.New)
                    : current.Entry == normalized ? ImportStatus.Unchanged : ImportStatus.Changed;
                rows.Add(new ImportRow(line, entry.Key, status, normalized, version, []));
            }

            return (rows.OrderBy(r => r.Line).ToList(), null);
        }
    }
}
