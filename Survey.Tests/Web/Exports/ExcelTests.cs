using System.Diagnostics;
using System.Net;
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
                "Sampul", "Ringkasan", "Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society", "Smart Environment", "Register risiko", "Riwayat tinjauan",
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

        Assert.That(OpenWithOpenpyxl(file), Does.StartWith("Peringkat|"));
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
