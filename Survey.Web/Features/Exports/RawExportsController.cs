using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using SpreadCheetah;
using SpreadCheetah.Styling;
using Survey.Data.Exports;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Surveys;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Exports;

/// <summary>
/// Raw data of a period as .xlsx (SpreadCheetah, written row by row to the response) or CSV: every indicator
/// entry, and every response with one column per item. A coordinator gets their own region only; the
/// ministry gets every region. Responses carry no token and no link to one.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class RawExportsController(ExportReader reader, IPeriodRepository periods, ISurveyRepository surveys, IRegionRepository regions) : Controller
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [HttpGet("/periods/{period}/export/indicator-values.{format}")]
    public async Task IndicatorValues(string period, string format, CancellationToken cancellationToken)
    {
        if (await ScopeAsync(period, format, cancellationToken) is not { } allowed)
        {
            return;
        }

        var scope = allowed.Length == 0 ? null : allowed;

        string[] header = ["period", "region", "region_name", "province", "kind", "demo", "status", "indicator", "clause", "value", "numerator", "denominator",
            "not_available_reason", "source_agency", "source_document", "source_year", "updated_at"];
        var rows = reader.IndicatorValuesAsync(period, scope, cancellationToken);
        await WriteAsync(format, $"nilai-indikator-{period}{(scope is null ? string.Empty : "-" + scope)}", header, Cells(), cancellationToken);

        async IAsyncEnumerable<object?[]> Cells()
        {
            await foreach (var r in rows)
            {
                yield return [period, r.Region, r.RegionName, r.Province, r.Kind, r.IsDemo ? "DEMO" : null, r.Status, r.Key, r.Clause, r.Value, r.Numerator, r.Denominator,
                    r.NotAvailableReason, r.SourceAgency, r.SourceDocument, r.SourceYear, r.UpdatedAt.UtcDateTime];
            }
        }
    }

    [HttpGet("/periods/{period}/export/answers.{format}")]
    public async Task Answers(string period, string format, [FromQuery] bool labels, CancellationToken cancellationToken)
    {
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
        var header = fixedColumns.Concat(items.Select(i => labels ? $"{i.Code} {i.Text}" : i.Code)).ToArray();
        var rows = reader.AnswersAsync(period, scope, cancellationToken);
        await WriteAsync(format, $"jawaban-{period}{(scope is null ? string.Empty : "-" + scope)}", header, Cells(), cancellationToken);

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
                    current[4] = a.CompletedOn.ToDateTime(TimeOnly.MinValue);
                }

                if (!index.TryGetValue(a.Item, out var column))
                {
                    continue;
                }

                var item = items[column];
                current[fixedColumns.Length + column] = a.DontKnow ? (labels ? dontKnow : Survey.Domain.Surveys.Answers.DontKnow)
                    : a.Likert is { } likert ? (labels && likert is >= 1 and <= 5 && questionnaire!.LikertLabels.Count == 5 ? $"{likert} {questionnaire.LikertLabels[likert - 1]}" : likert)
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
                    DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
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
        await spreadsheet.StartWorksheetAsync(name.Length > 31 ? name[..31] : name, new SpreadCheetah.Worksheets.WorksheetOptions { FrozenRows = 1 }, cancellationToken);
        var bold = spreadsheet.AddStyle(new Style { Font = { Bold = true }, Fill = { Color = System.Drawing.Color.FromArgb(0xDD, 0xEB, 0xF7) } });
        var date = spreadsheet.AddStyle(new Style { Format = NumberFormat.Standard(StandardNumberFormat.ShortDate) });
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
                    DateTime t => new Cell(t, date),
                    var other => new Cell(Convert.ToString(other, CultureInfo.InvariantCulture)),
                };
            }

            await spreadsheet.AddRowAsync(cells, cancellationToken);
        }

        await spreadsheet.FinishAsync(cancellationToken);
    }
}
