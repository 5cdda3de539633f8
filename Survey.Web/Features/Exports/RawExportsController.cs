using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SpreadCheetah;
using SpreadCheetah.Styling;
using Survey.Domain.Exports;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Exports;

/// <summary>
/// Raw data of a period as .xlsx (SpreadCheetah, written row by row to the response) or CSV: every indicator
/// entry, and every response with one column per item. A coordinator gets their own region only; the
/// ministry gets every region. Responses carry no token and no link to one.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RawExportsController(IExportReader reader, IPeriodRepository periods, ISurveyRepository surveys, IRegionRepository regions) : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The last column of the answers export: the codes of the items answered "Tidak tahu", space-separated.</summary>
    public const string DontKnowColumn = "tidak_tahu";


    [HttpGet("/periods/{period}/export/indicator-values.{format}")]
    public async Task IndicatorValues(string period, string format, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        if (await ScopeAsync(period, format, cancellationToken) is not { } allowed)
        {
            return;
        }

        var scope = allowed.Length == 0 ? null : allowed;

        string[] header = ["period", "region", "region_name", "province", "kind", "demo", "status", "indicator", "clause", "value", "numerator", "denominator",
            "not_available_reason", "source_agency", "source_document", "source_year", "updated_at_wib", "unit_code", "unit_name"];
        var rows = reader.IndicatorValuesAsync(period, scope, cancellationToken);
        await WriteAsync(format, UiText.Get("File.IndicatorValues", period) + (scope is null ? string.Empty : "-" + scope), header, Cells(), cancellationToken);

        async IAsyncEnumerable<object?[]> Cells()
        {
            await foreach (var r in rows)
            {
                yield return [period, r.Region, r.RegionName, r.Province, r.Kind, r.IsDemo ? "DEMO" : null, r.Status, r.Key, r.Clause, r.Value, r.Numerator, r.Denominator,
                    r.NotAvailableReason, r.SourceAgency, r.SourceDocument, r.SourceYear, ViewerTime.Local(r.UpdatedAt), r.UnitCode, r.UnitName];
            }
        }
    }

    [HttpGet("/periods/{period}/export/answers.{format}")]
    public async Task Answers(string period, string format, [FromQuery] bool labels, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        if (await ScopeAsync(period, format, cancellationToken) is not { } allowed)
        {
            return;
        }

        var scope = allowed.Length == 0 ? null : allowed;

        var questionnaire = await surveys.GetQuestionnaireAsync(period, cancellationToken);
        var items = questionnaire?.Items.ToList() ?? [];
        var index = items.Select((item, i) => (item.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var names = (await regions.ListAsync(cancellationToken)).ToDictionary(r => r.Code, r => r.Name, StringComparer.Ordinal);
        var dontKnow = questionnaire?.DontKnowLabel.ToString() ?? Survey.Domain.Surveys.Answers.DontKnow;
        string[] fixedColumns = ["response", "period", "region", "region_name", "completed_on"];
        // "Tidak tahu" is not a point of the scale: in the coded form its cell stays empty and the item's code is
        // listed in the last column, so that a mean over a column never counts it; the labelled form writes the words.
        var header = fixedColumns.Concat(items.Select(i => labels ? $"{i.Code} {i.Text}" : i.Code)).Append(DontKnowColumn).ToArray();
        var dontKnowColumn = header.Length - 1;
        var rows = reader.AnswersAsync(period, scope, cancellationToken);
        await WriteAsync(format, UiText.Get("File.Answers", period) + (scope is null ? string.Empty : "-" + scope), header, Cells(), cancellationToken);

        async IAsyncEnumerable<object?[]> Cells()
        {
            object?[]? current = null;
            Guid currentId = default;
            var number = 0;
            await foreach (var a in rows)
            {
                if (current is null || a.Response != currentId)
                {
                    if (current is not null)
                    {
                        yield return current;
                    }

                    current = new object?[header.Length];
                    currentId = a.Response;
                    current[0] = ++number;
                    current[1] = period;
                    current[2] = a.Region;
                    current[3] = names.GetValueOrDefault(a.Region);
                    current[4] = a.CompletedOn;
                }

                if (!index.TryGetValue(a.Item, out var column))
                {
                    continue;
                }

                var item = items[column];
                if (a.DontKnow)
                {
                    current[dontKnowColumn] = current[dontKnowColumn] is string listed ? listed + " " + item.Code : item.Code;
                    current[fixedColumns.Length + column] = labels ? dontKnow : null;
                    continue;
                }

                current[fixedColumns.Length + column] = a.Likert is { } likert ? (labels && likert is >= 1 and <= 5 && questionnaire!.LikertLabels.Count == 5 ? $"{likert} {questionnaire.LikertLabels[likert - 1]}" : likert)
                    : a.Choice is { } choice ? (labels ? item.Options.FirstOrDefault(o => o.Code == choice)?.Label.ToString() ?? choice : choice)
                    : a.Number is { } n ? n
                    : a.Text;
            }

            if (current is not null)
            {
                yield return current;
            }
        }
    }

    /// <summary>The region a user may export (<c>""</c>: every region); writes the error response and returns null when not allowed.</summary>
    private async Task<string?> ScopeAsync(string period, string format, CancellationToken cancellationToken)
    {
        if (format is not ("xlsx" or "csv") || await periods.FindAsync(period, cancellationToken) is not { Status: not PeriodStatus.Draft })
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return null;
        }

        if (User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Evaluator))
        {
            return string.Empty;
        }

        if (SurveyClaims.RegionOf(User) is { } own)
        {
            return own;
        }

        Response.StatusCode = StatusCodes.Status403Forbidden;
        return null;
    }

    private async Task WriteAsync(string format, string name, string[] header, IAsyncEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{format}\"";
        if (format == "csv")
        {
            Response.ContentType = "text/csv; charset=utf-8";
            await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024);
            await writer.WriteLineAsync(string.Join(',', header.Select(Csv.Cell)));
            await foreach (var row in rows.WithCancellation(cancellationToken))
            {
                await writer.WriteLineAsync(string.Join(',', row.Select(c => Csv.Cell(c switch
                {
                    null => null,
                    decimal d => d.ToString(CultureInfo.InvariantCulture),
                    int i => i.ToString(CultureInfo.InvariantCulture),
                    short s => s.ToString(CultureInfo.InvariantCulture),
                    DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    _ => Convert.ToString(c, CultureInfo.InvariantCulture),
                }))));
            }

            return;
        }

        Response.ContentType = Xlsx;
        // The zip writer ends each part with a few bytes written synchronously (a data descriptor on a
        // stream that cannot seek); everything else is written asynchronously.
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        await using var spreadsheet = await Spreadsheet.CreateNewAsync(Response.Body, new SpreadCheetahOptions { BufferSize = 64 * 1024 }, cancellationToken);
        // Fitted columns (from the header and the first rows' kind of content), a filter on the header row over
        // every row that follows, the header frozen; dates as dates in ISO order, moments in WIB.
        var options = new SpreadCheetah.Worksheets.WorksheetOptions
        {
            FrozenRows = 1,
            AutoFilter = new SpreadCheetah.Worksheets.AutoFilterOptions($"A1:{ColumnName(header.Length)}1048576"),
        };
        for (var c = 0; c < header.Length; c++)
        {
            options.Column(c + 1).Width = Math.Clamp(header[c].Length + 4, 10, 48);
        }

        await spreadsheet.StartWorksheetAsync(name.Length > 31 ? name[..31] : name, options, cancellationToken);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = System.Drawing.Color.FromArgb(0xDD, 0xEB, 0xF7) } });
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd") });
        var moment = spreadsheet.AddStyle(new Style { Format = NumberFormat.Custom("yyyy-mm-dd hh:mm") });
        await spreadsheet.AddRowAsync(header.Select(h => new StyledCell(h, bold)).ToArray(), cancellationToken);
        var cells = new Cell[header.Length];
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            for (var i = 0; i < row.Length; i++)
            {
                cells[i] = row[i] switch
                {
                    null => new Cell(),
                    decimal d => new Cell(d),
                    int n => new Cell(n),
                    short s => new Cell((int)s),
                    DateOnly day => new Cell(day.ToDateTime(TimeOnly.MinValue), date),
                    DateTime t => new Cell(t, moment),
                    var other => new Cell(Convert.ToString(other, CultureInfo.InvariantCulture)),
                };
            }

            await spreadsheet.AddRowAsync(cells, cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }

    /// <summary>The spreadsheet name of a 1-based column (1 → A, 27 → AA).</summary>
    internal static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}

/// <summary>The language of an export: <c>?lang=en</c> or <c>?lang=id</c>, else the user's UI language.</summary>
public static class ExportLanguage
{
    public static void Apply(string? lang)
    {
        if (lang is "en" or "id")
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang == "en" ? "en" : "id-ID");
        }
    }
}
