using System.Diagnostics;
using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Dapper;
using Npgsql;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Exports;

/// <summary>
/// The report workbooks, the streamed raw exports and the import round trip, reopened with ClosedXML and with
/// an independent reader (openpyxl).
/// </summary>
public sealed class ExcelTests
{
    private const string Period = "2026-S1";
    private SurveyWebFactory _factory = null!;
    private string _connectionString = null!;
    private HttpClient _tuban = null!;
    private HttpClient _evaluator = null!;
    private string _folder = null!;

    [OneTimeSetUp]
    public async Task StartAppAsync()
    {
        AppContext.SetSwitch("System.Drawing.EnableUnixSupport", true);
        _connectionString = TestDatabase.CreateMigrated("excel");
        _factory = new SurveyWebFactory(_connectionString);
        _folder = Directory.CreateTempSubdirectory("survey-excel-").FullName;
        await TestWorld.SeedRegionsAsync(_connectionString);
        using var admin = await TestUsers.ApiClientAsync(_factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        // Surabaya has submitted synthetic data; Tuban's form stays open for the import.
        await TestWorld.GenerateAsync(_factory, new GenerationPlan(Period, [TestWorld.Surabaya], 40, 12, Seed: 11));

        _tuban = _factory.CreateBrowserLikeClient();
        await TestUsers.SignInAsync(_tuban, await TestUsers.CreateAsync(_factory, UserRoles.Coordinator, "3523"));
        _evaluator = _factory.CreateClient();
        _evaluator.DefaultRequestHeaders.Authorization = new("Bearer", await TestUsers.TokenAsync(_evaluator, await TestUsers.CreateAsync(_factory, UserRoles.Evaluator)));
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _tuban.Dispose();
        _evaluator.Dispose();
        _factory.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> DownloadAsync(HttpClient client, string path, string name)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        var file = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return file;
    }

    /// <summary>Opens the workbook with Debian's python3-openpyxl and returns its sheet names (an independent reader).</summary>
    private static string OpenWithOpenpyxl(string file)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var info = new ProcessStartInfo(python, ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); print('|'.join(wb.sheetnames)); print(wb.worksheets[0].max_row)", file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, "openpyxl could not open the workbook (./test.sh installs python3-openpyxl): " + error);
        return output;
    }

    [Test]
    public async Task RegionReport_HasItsSheets_StyledNumbers_TheRadarPicture_AndOpensInOpenpyxl()
    {
        var file = await DownloadAsync(_evaluator, $"/periods/{Period}/regions/3578/report.xlsx", "region.xlsx");
        using (var workbook = new XLWorkbook(file))
        {
            Assert.That(workbook.Worksheets.Select(w => w.Name), Is.EqualTo(new[]
            {
                "Sampul", "Ringkasan", "Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society", "Smart Environment", "Register risiko", "Rencana penanganan", "Pemantauan risiko", "Program per unit", "Hambatan", "Rekomendasi", "Riwayat tinjauan",
            }));
            var summary = workbook.Worksheet("Ringkasan");
            Assert.That(summary.Cell(1, 1).GetString(), Is.EqualTo("Dimensi"));
            Assert.That(summary.Cell(2, 5).DataType, Is.EqualTo(XLDataType.Number), "scores are numbers, not text");
            Assert.That(summary.Cell(2, 5).Style.NumberFormat.Format, Is.EqualTo("#,##0.00"));
            Assert.That(summary.Cell(2, 6).Style.NumberFormat.Format, Is.EqualTo("0%"));
            Assert.That(summary.Pictures, Has.Count.EqualTo(1), "the radar chart");
            Assert.That(summary.SheetView.SplitRow, Is.EqualTo(1), "frozen header");
            var governance = workbook.Worksheet("Smart Governance");
            Assert.That(governance.Cell(1, 1).GetString(), Is.EqualTo("Kode"));
            Assert.That(governance.PageSetup.PageOrientation, Is.EqualTo(XLPageOrientation.Landscape));
            Assert.That(workbook.Worksheet("Sampul").Cell(3, 2).GetString(), Does.Contain("Kota Surabaya"));
            Assert.That(workbook.Worksheet("Register risiko").LastRowUsed()!.RowNumber(), Is.GreaterThan(1));
        }

        Assert.That(OpenWithOpenpyxl(file), Does.StartWith("Sampul|Ringkasan|Smart Governance"));
        var english = await DownloadAsync(_evaluator, $"/periods/{Period}/regions/3578/report.xlsx?lang=en", "region-en.xlsx");
        using var en = new XLWorkbook(english);
        Assert.That(en.Worksheets.First().Name, Is.EqualTo("Cover"));
    }

    [Test]
    public async Task NationalReport_RankingValuesChartAndMethodology()
    {
        var file = await DownloadAsync(_evaluator, $"/periods/{Period}/report.xlsx", "national.xlsx");
        using (var workbook = new XLWorkbook(file))
        {
            Assert.That(workbook.Worksheets.Select(w => w.Name), Is.SupersetOf(new[] { "Peringkat", "Nilai indikator", "Grafik peringkat", "Metodologi", "Smart Governance" }));
            var ranking = workbook.Worksheet("Peringkat");
            Assert.That(ranking.Cell(2, 2).GetString(), Is.EqualTo("3578"));
            Assert.That(ranking.Cell(2, 7).DataType, Is.EqualTo(XLDataType.Number));
            Assert.That(workbook.Worksheet("Grafik peringkat").Pictures, Has.Count.EqualTo(1));
            Assert.That(workbook.Worksheet("Metodologi").Cell(2, 2).GetString(), Does.Contain("clamp"));
        }

        Assert.That(OpenWithOpenpyxl(file), Does.StartWith("Sampul|Peringkat|"));
        using var coordinator = await _tuban.GetAsync(new Uri($"/periods/{Period}/report.xlsx", UriKind.Relative));
        Assert.That(coordinator.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the provisional national report is for the ministry");
    }

    [Test]
    public async Task RawExports_StreamEveryRow_AsXlsxAndCsv_AndCoordinatorsGetTheirOwnRegionOnly()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var values = await connection.QuerySingleAsync<long>("SELECT count(*) FROM indicator_value WHERE period_code = @Period", new { Period });
        var responses = await connection.QuerySingleAsync<long>("SELECT count(*) FROM response WHERE period_code = @Period", new { Period });

        var xlsx = await DownloadAsync(_evaluator, $"/periods/{Period}/export/indicator-values.xlsx", "values.xlsx");
        using (var workbook = new XLWorkbook(xlsx))
        {
            var sheet = workbook.Worksheets.First();
            Assert.That(sheet.Cell(1, 8).GetString(), Is.EqualTo("indicator"));
            Assert.That(sheet.LastRowUsed()!.RowNumber() - 1, Is.EqualTo(values));
            Assert.That(sheet.Column(10).CellsUsed().Skip(1).Any(c => c.DataType == XLDataType.Number), Is.True, "values are numbers");
        }

        Assert.That(OpenWithOpenpyxl(xlsx), Does.Contain((values + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var answers = await DownloadAsync(_evaluator, $"/periods/{Period}/export/answers.csv", "answers.csv");
        var lines = await File.ReadAllLinesAsync(answers);
        Assert.That(lines, Has.Length.EqualTo(responses + 1));
        Assert.That(lines[0], Does.Contain("R-GOV-01").And.Not.Contain("token"));
        var labelled = await DownloadAsync(_evaluator, $"/periods/{Period}/export/answers.xlsx?labels=true", "answers.xlsx");
        using (var workbook = new XLWorkbook(labelled))
        {
            Assert.That(workbook.Worksheets.First().Cell(1, 11).GetString(), Does.StartWith("R-GOV-01 "), "item code and text");
        }

        var hashes = (await connection.QueryAsync<string>("SELECT token_hash FROM invitation")).ToList();
        Assert.That(hashes.Any(h => File.ReadAllText(answers).Contains(h, StringComparison.Ordinal)), Is.False);

        var own = await DownloadAsync(_tuban, $"/periods/{Period}/export/indicator-values.csv", "own.csv");
        Assert.That((await File.ReadAllLinesAsync(own)).Skip(1).Select(l => l.Split(',')[1]).Distinct(), Is.Empty.Or.EqualTo(new[] { "3523" }), "Tuban sees only Tuban");
    }

    private async Task<(string File, string? Name)> DownloadNamedAsync(HttpClient client, string path, string name)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
        var file = Path.Combine(_folder, name);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        return (file, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    private static void AssertText(JsonElement cell, string expected)
    {
        Assert.That(cell.GetProperty("t").GetString(), Is.EqualTo("s"), $"{expected} is text");
        Assert.That(cell.GetProperty("v").GetString(), Is.EqualTo(expected));
    }

    private static void AssertDate(JsonElement cell, string format)
    {
        Assert.That(cell.GetProperty("date").GetBoolean(), Is.True, "a date: " + cell);
        Assert.That(cell.GetProperty("f").GetString(), Is.EqualTo(format));
    }

    [Test]
    public async Task EveryExport_ReopenedWithOpenpyxl_DatesAreDates_NumbersAreNumbers_CodesAreText_NamedInTheirLanguage()
    {
        // The region report: the generation time is a date, scores are numbers, indicator codes are text.
        var (region, regionName) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/regions/3578/report.xlsx", "r.xlsx");
        Assert.That(regionName, Is.EqualTo($"laporan-3578-{Period}.xlsx"));
        var sheets = Openpyxl.Inspect(region, 80);
        var cover = Openpyxl.Sheet(sheets, "Sampul");
        var generated = Openpyxl.Cells(cover).Single(c => c.Cell.GetProperty("v").ToString() == "Dibuat (WIB)");
        AssertDate(Openpyxl.Cell(cover, generated.Row, 2), "d mmm yyyy hh:mm");
        Assert.That(Openpyxl.Cell(Openpyxl.Sheet(sheets, "Ringkasan"), 2, 5).GetProperty("t").GetString(), Is.EqualTo("n"));
        var environment = Openpyxl.Sheet(sheets, "Smart Environment");
        AssertText(Openpyxl.Cells(environment).First(c => c.Column == 1 && c.Cell.GetProperty("v").ToString() == "37122:7.10").Cell, "37122:7.10");
        var (english, englishName) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/regions/3578/report.xlsx?lang=en", "r-en.xlsx");
        Assert.That(englishName, Is.EqualTo($"report-3578-{Period}.xlsx"));
        Assert.That(Openpyxl.Inspect(english)[0].GetProperty("name").GetString(), Is.EqualTo("Cover"));

        // The provisional national report says so on its cover and on every printed page, with the time it was made.
        var (national, nationalName) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/report.xlsx", "n.xlsx");
        Assert.That(nationalName, Is.EqualTo($"laporan-nasional-{Period}.xlsx"));
        sheets = Openpyxl.Inspect(national, 12);
        cover = Openpyxl.Sheet(sheets, "Sampul");
        Assert.That(sheets[0].GetProperty("name").GetString(), Is.EqualTo("Sampul"));
        Assert.That(Openpyxl.Cells(cover).Any(c => c.Cell.GetProperty("v").ToString().StartsWith("SEMENTARA — belum diterbitkan", StringComparison.Ordinal)), Is.True);
        generated = Openpyxl.Cells(cover).Single(c => c.Cell.GetProperty("v").ToString() == "Dibuat (WIB)");
        AssertDate(Openpyxl.Cell(cover, generated.Row, 2), "d mmm yyyy hh:mm");
        Assert.That(sheets.EnumerateArray().Select(s => s.GetProperty("header_center").GetString()), Has.All.Contain("SEMENTARA"));
        var ranking = Openpyxl.Sheet(sheets, "Peringkat");
        AssertText(Openpyxl.Cell(ranking, 2, 2), "3578");
        Assert.That(Openpyxl.Cell(ranking, 2, 7).GetProperty("t").GetString(), Is.EqualTo("n"));
        var (nationalEnglish, nationalEnglishName) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/report.xlsx?lang=en", "n-en.xlsx");
        Assert.That(nationalEnglishName, Is.EqualTo($"national-report-{Period}.xlsx"));
        Assert.That(Openpyxl.Cells(Openpyxl.Sheet(Openpyxl.Inspect(nationalEnglish), "Cover")).Any(c => c.Cell.GetProperty("v").ToString().StartsWith("PROVISIONAL", StringComparison.Ordinal)), Is.True);

        // Raw indicator values: fitted columns, a filter on the header, numbers, clauses as text, moments in WIB as dates.
        var (values, valuesName) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/export/indicator-values.xlsx", "v.xlsx");
        Assert.That(valuesName, Is.EqualTo($"nilai-indikator-{Period}.xlsx"));
        var sheet = Openpyxl.Inspect(values, 200)[0];
        Assert.That(sheet.GetProperty("auto_filter").GetString(), Does.StartWith("A1:S"), "the value export ends with the producing unit (unit_code, unit_name)");
        Assert.That(sheet.GetProperty("frozen").GetString(), Is.EqualTo("A2"));
        Assert.That(sheet.GetProperty("widths").EnumerateObject().Count(), Is.EqualTo(19), "every column has a width");
        var clause = Openpyxl.Column(sheet, "clause");
        Assert.That(Openpyxl.Cells(sheet).Where(c => c.Row > 1 && c.Column == clause).Select(c => c.Cell.GetProperty("t").GetString()), Has.All.EqualTo("s"));
        Assert.That(Openpyxl.Cells(sheet).Any(c => c.Column == clause && c.Cell.GetProperty("v").ToString() == "7.10"), Is.True, "7.10 stays 7.10");
        var value = Openpyxl.Column(sheet, "value");
        Assert.That(Openpyxl.Cells(sheet).Where(c => c.Row > 1 && c.Column == value && c.Cell.GetProperty("v").ValueKind != JsonValueKind.Null).Select(c => c.Cell.GetProperty("t").GetString()), Has.All.EqualTo("n"));
        AssertDate(Openpyxl.Cell(sheet, 2, Openpyxl.Column(sheet, "updated_at_wib")), "yyyy-mm-dd hh:mm");
        var (_, englishValuesName) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/export/indicator-values.csv?lang=en", "v-en.csv");
        Assert.That(englishValuesName, Is.EqualTo($"indicator-values-{Period}.csv"));

        // Raw answers: the day is a date; a Likert cell holds 1-5 or nothing, "Tidak tahu" is listed in its own column.
        var (answers, _) = await DownloadNamedAsync(_evaluator, $"/periods/{Period}/export/answers.xlsx", "a.xlsx");
        sheet = Openpyxl.Inspect(answers, 400)[0];
        AssertDate(Openpyxl.Cell(sheet, 2, Openpyxl.Column(sheet, "completed_on")), "yyyy-mm-dd");
        var dontKnow = Openpyxl.Column(sheet, "tidak_tahu");
        var likert = Openpyxl.Column(sheet, "R-GOV-01");
        var rows = sheet.GetProperty("rows").EnumerateArray().Skip(1).ToList();
        Assert.That(rows.Select(r => r[likert - 1]).Where(c => c.GetProperty("v").ValueKind != JsonValueKind.Null).Select(c => c.GetProperty("t").GetString()), Has.All.EqualTo("n"));
        var flagged = rows.Where(r => r[dontKnow - 1].GetProperty("v").ValueKind == JsonValueKind.String).ToList();
        Assert.That(flagged, Is.Not.Empty, "the synthetic answers hold some \"Tidak tahu\"");
        var headers = sheet.GetProperty("rows")[0].EnumerateArray().Select(c => c.GetProperty("v").ToString()).ToList();
        foreach (var row in flagged)
        {
            foreach (var code in row[dontKnow - 1].GetProperty("v").GetString()!.Split(' '))
            {
                Assert.That(row[headers.IndexOf(code)].GetProperty("v").ValueKind, Is.EqualTo(JsonValueKind.Null), $"{code} answered \"Tidak tahu\" has an empty cell");
            }
        }

        Assert.That(await File.ReadAllTextAsync((await DownloadNamedAsync(_evaluator, $"/periods/{Period}/export/answers.csv", "a.csv")).File), Does.Not.Contain("dont_know"));

        // The import template keeps clause 7.10 as text.
        var (template, templateName) = await DownloadNamedAsync(_tuban, $"/periods/{Period}/regions/3523/import-template.xlsx", "t.xlsx");
        Assert.That(templateName, Is.EqualTo($"templat-impor-3523-{Period}.xlsx"));
        sheet = Openpyxl.Sheet(Openpyxl.Inspect(template, 200), "Indikator");
        var templateRow = Openpyxl.Cells(sheet).First(c => c.Column == 1 && c.Cell.GetProperty("v").ToString() == "37122:7.10").Row;
        AssertText(Openpyxl.Cell(sheet, templateRow, 2), "7.10");

        // The invitation file says the region, the period and until when its links hold.
        var page = await _tuban.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/survey", UriKind.Relative));
        using var invitations = await _tuban.PostAsync(new Uri($"/periods/{Period}/regions/3523/survey/invitations", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Html.AntiforgeryToken(page), ["count"] = "2", ["format"] = "xlsx" }));
        Assert.That(invitations.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(invitations.Content.Headers.ContentDisposition?.FileName?.Trim('"'), Is.EqualTo($"tautan-survei-3523-{Period}.xlsx"));
        var links = Path.Combine(_folder, "links.xlsx");
        await File.WriteAllBytesAsync(links, await invitations.Content.ReadAsByteArrayAsync());
        sheet = Openpyxl.Inspect(links)[0];
        Assert.That(sheet.GetProperty("rows")[0].EnumerateArray().Select(c => c.GetProperty("v").GetString()), Is.EqualTo(new[] { "No", "Tautan survei", "Kode", "Daerah", "Periode", "Berlaku sampai (WIB)" }));
        AssertText(Openpyxl.Cell(sheet, 2, 3), "3523");
        Assert.That(Openpyxl.Cell(sheet, 2, 5).GetProperty("v").GetString(), Is.EqualTo("Semester I 2026"));
        AssertDate(Openpyxl.Cell(sheet, 2, 6), "yyyy-mm-dd hh:mm");
        Assert.That(Openpyxl.Cell(sheet, 2, 6).GetProperty("v").GetString(), Is.EqualTo("2099-06-30T23:59:00"));
    }

    [Test]
    public async Task ImportRoundTrip_TemplateFilledUploadedPreviewedConfirmed_AndBadRowsRejectedRowByRow()
    {
        var template = await DownloadAsync(_tuban, $"/periods/{Period}/regions/3523/import-template.xlsx", "template.xlsx");
        using (var workbook = new XLWorkbook(template))
        {
            var sheet = workbook.Worksheet("Indikator");
            Assert.That(sheet.IsProtected, Is.True, "codes and rules are locked");
            Assert.That(sheet.Cell(2, 1).Style.Protection.Locked, Is.True);
            Assert.That(sheet.Cell(2, 6).Style.Protection.Locked, Is.False, "the value cell is open");
            Assert.That(sheet.DataValidations.Any(), Is.True);
            var row = Row(sheet, "37122:5.1");
            sheet.Cell(row, 6).Value = 45.5;
            sheet.Cell(row, 10).Value = "BPS Kabupaten Tuban";
            var other = Row(sheet, "37122:10.2");
            // Typed as text with a decimal comma, as an id-ID user might.
            sheet.Cell(other, 6).Style.NumberFormat.Format = "@";
            sheet.Cell(other, 6).SetValue("12,5").SetDataType(XLDataType.Text);
            sheet.Cell(other, 10).Value = "Diskominfo";
            workbook.SaveAs(template);
        }

        var preview = await UploadAsync(template);
        Assert.That(preview, Does.Contain("2 baru").And.Contain("0 ditolak"));
        var confirmUrl = PreviewUrl(preview);
        using (var confirmed = await _tuban.PostAsync(new Uri(confirmUrl, UriKind.Relative), Form(preview, onlyValid: false)))
        {
            Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        var stored = (await connection.QueryAsync<(string Key, decimal Value)>("SELECT indicator_key, value FROM indicator_value WHERE region_code = '3523' AND value IS NOT NULL ORDER BY 1")).ToList();
        Assert.That(stored, Is.EqualTo(new[] { ("37122:10.2", 12.5m), ("37122:5.1", 45.5m) }));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event WHERE entity = 'indicator_value' AND region_code = '3523'"), Is.EqualTo(2));

        // A wrong code, a text in a number cell and a percentage of 120: each rejected with its reason; nothing written.
        var bad = await DownloadAsync(_tuban, $"/periods/{Period}/regions/3523/import-template.xlsx", "bad.xlsx");
        using (var workbook = new XLWorkbook(bad))
        {
            var sheet = workbook.Worksheet("Indikator");
            sheet.Unprotect();
            sheet.Cell(2, 1).Value = "37122:99.9";
            var text = Row(sheet, "37122:6.2");
            sheet.Cell(text, 6).Value = "banyak";
            var share = Row(sheet, "37122:5.3");
            sheet.Cell(share, 6).Value = 120;
            sheet.Cell(share, 10).Value = "BPS";
            var fine = Row(sheet, "37122:16.1");
            sheet.Cell(fine, 6).Value = 30;
            sheet.Cell(fine, 10).Value = "DLH";
            workbook.SaveAs(bad);
        }

        var rejected = await UploadAsync(bad);
        Assert.That(rejected, Does.Contain("3 ditolak").And.Contain("Kode 37122:99.9 tidak dikenal").And.Contain("&quot;banyak&quot; bukan angka").And.Contain("120"));
        using (var refused = await _tuban.PostAsync(new Uri(PreviewUrl(rejected), UriKind.Relative), Form(rejected, onlyValid: false)))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        }

        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM indicator_value WHERE region_code = '3523' AND indicator_key = '37122:16.1'"), Is.Zero, "nothing written");
        using (var onlyValid = await _tuban.PostAsync(new Uri(PreviewUrl(rejected), UriKind.Relative), Form(rejected, onlyValid: true)))
        {
            Assert.That(onlyValid.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        }

        Assert.That(await connection.QuerySingleAsync<decimal>("SELECT value FROM indicator_value WHERE region_code = '3523' AND indicator_key = '37122:16.1'"), Is.EqualTo(30m));
    }

    [Test]
    public async Task ReportsBuiltInParallel_AreAllWhole_WithTheirPicturesAndFittedColumns()
    {
        var downloads = Enumerable.Range(0, 12).Select(async i =>
        {
            using var response = await _evaluator.GetAsync(new Uri(i % 3 == 0 ? $"/periods/{Period}/report.xlsx" : $"/periods/{Period}/regions/3578/report.xlsx", UriKind.Relative));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            return await response.Content.ReadAsByteArrayAsync();
        });
        foreach (var bytes in await Task.WhenAll(downloads))
        {
            using var workbook = new XLWorkbook(new MemoryStream(bytes));
            Assert.That(workbook.Worksheets.Sum(w => w.Pictures.Count), Is.EqualTo(1), "the radar or the ranking chart");
            var first = workbook.Worksheets.First();
            Assert.That(first.Column(1).Width, Is.InRange(8, 60), "columns are fitted (in managed code, without libgdiplus)");
        }

        var gate = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Survey.Web.Features.Exports.ReportGate>(_factory.Services);
        Assert.That(gate.Peak, Is.InRange(1, Survey.Web.Features.Exports.ReportGate.Slots), "twelve requests at once, at most a core's worth of workbooks in memory");
    }

    private static int Row(IXLWorksheet sheet, string key) =>
        sheet.Column(1).CellsUsed().First(c => c.GetString() == key).Address.RowNumber;

    private async Task<string> UploadAsync(string file)
    {
        var page = await _tuban.GetStringAsync(new Uri($"/periods/{Period}/regions/3523/import", UriKind.Relative));
        using var content = new MultipartFormDataContent
        {
            { new StringContent(Html.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(await File.ReadAllBytesAsync(file)), "file", "templat.xlsx" },
        };
        using var response = await _tuban.PostAsync(new Uri($"/periods/{Period}/regions/3523/import", UriKind.Relative), content);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await response.Content.ReadAsStringAsync());
        return await _tuban.GetStringAsync(response.Headers.Location!);
    }

    private static string PreviewUrl(string preview)
    {
        var start = preview.IndexOf("action=\"/periods/2026-S1/regions/3523/import/", StringComparison.Ordinal) + "action=\"".Length;
        return preview[start..preview.IndexOf('"', start)];
    }

    private static FormUrlEncodedContent Form(string page, bool onlyValid) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = Html.AntiforgeryToken(page),
        ["onlyValid"] = onlyValid ? "true" : "false",
    });
}
