using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using DocumentFormat.OpenXml.Packaging;
using Npgsql;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;
using UglyToad.PdfPig;

namespace Survey.Tests.Web.Exports;

/// <summary>
/// The evaluation report a region receives: the PDF's text (read back with PdfPig) holds the index, the
/// recommendations and the content hash, the Word document opens with the Open XML SDK, a page is rendered to PNG
/// with pdftoppm as a test artifact, and /verify/{hash} confirms a real report and rejects a changed hash; a report of
/// an unpublished period is a draft and is never registered.
/// </summary>
public sealed class EvaluationReportTests
{
    [Test]
    public async Task APublishedReport_CarriesItsHash_AndVerifies_ADraftDoesNot()
    {
        const string Period = "2026-S1";
        var connectionString = TestDatabase.CreateMigrated("evaluation-report");
        using var factory = new SurveyWebFactory(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        await TestWorld.GenerateAsync(factory, new GenerationPlan(Period, [TestWorld.Tuban, TestWorld.Surabaya], 35, 6, Seed: 7, Status: "approved"));
        using var evaluator = await TestUsers.ApiClientAsync(factory, UserRoles.Evaluator);
        (await evaluator.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/recommendations", UriKind.Relative),
            new { addressed_to = "regional_head", text = "Tetapkan masterplan kota cerdas dengan peraturan bupati", priority = "high", due_period = "2026-S2" })).EnsureSuccessStatusCode();
        (await admin.PostAsync(new Uri($"/api/v1/periods/{Period}/close", UriKind.Relative), null)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(new Uri($"/api/v1/periods/{Period}/publish", UriKind.Relative), new { })).EnsureSuccessStatusCode();

        var scores = await evaluator.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative));
        var index = scores.GetProperty("index_100").GetDecimal().ToString("N2", CultureInfo.GetCultureInfo("id-ID"));

        using var tuban = await TestUsers.ApiClientAsync(factory, UserRoles.Coordinator, "3523");
        using var pdfResponse = await tuban.GetAsync(new Uri($"/periods/{Period}/regions/3523/evaluation-report.pdf", UriKind.Relative));
        Assert.That(pdfResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(pdfResponse.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        var pdf = await pdfResponse.Content.ReadAsByteArrayAsync();
        var artifact = Path.Combine(TestContext.CurrentContext.WorkDirectory, "evaluation-report-3523.pdf");
        await File.WriteAllBytesAsync(artifact, pdf);
        string text;
        using (var document = PdfDocument.Open(pdf))
        {
            text = string.Join("\n", document.GetPages().Select(p => p.Text));
            Assert.That(document.NumberOfPages, Is.GreaterThanOrEqualTo(2));
        }

        await using var connection = new NpgsqlConnection(connectionString);
        var hash = await connection.QuerySingleAsync<string>("SELECT hash FROM evaluation_report WHERE region_code = '3523' AND period_code = @Period", new { Period });
        Assert.Multiple(() =>
        {
            Assert.That(text, Does.Contain("Laporan Hasil Evaluasi").And.Contain("Kabupaten Tuban"));
            Assert.That(text, Does.Contain(index), "the index as published");
            Assert.That(text, Does.Contain("Tetapkan masterplan kota cerdas"), "the period's recommendation");
            Assert.That(text, Does.Contain(hash), "the content hash on the cover");
            Assert.That(text, Does.Not.Contain("DRAF"));
        });

        // A page rendered to PNG (Debian's pdftoppm) to look at.
        using (var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "2", artifact, Path.Combine(TestContext.CurrentContext.WorkDirectory, "evaluation-report-page")])
        {
            RedirectStandardError = true,
        })!)
        {
            await render.WaitForExitAsync();
            Assert.That(render.ExitCode, Is.Zero, await render.StandardError.ReadToEndAsync());
        }

        Assert.That(Directory.GetFiles(TestContext.CurrentContext.WorkDirectory, "evaluation-report-page*.png"), Is.Not.Empty);

        // The Word document opens with the Open XML SDK and says the same.
        using (var wordResponse = await tuban.GetAsync(new Uri($"/periods/{Period}/regions/3523/evaluation-report.docx", UriKind.Relative)))
        {
            Assert.That(wordResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var stream = new MemoryStream(await wordResponse.Content.ReadAsByteArrayAsync());
            using var word = WordprocessingDocument.Open(stream, false);
            var body = word.MainDocumentPart!.Document.Body!.InnerText;
            Assert.That(body, Does.Contain(hash).And.Contain("Tetapkan masterplan kota cerdas").And.Contain(index));
            Assert.That(word.MainDocumentPart.ImageParts.Count(), Is.GreaterThanOrEqualTo(1), "the QR code");
        }

        // /verify tells anyone whether a document is authentic, and a changed hash is not found.
        using var anonymous = factory.CreateClient();
        using (var verified = await anonymous.GetAsync(new Uri($"/verify/{hash}", UriKind.Relative)))
        {
            var html = WebUtility.HtmlDecode(await verified.Content.ReadAsStringAsync());
            Assert.That(verified.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("Laporan ini asli").And.Contain("Kabupaten Tuban").And.Contain("Semester I 2026").And.Contain(index));
        }

        var forged = (hash[0] == 'a' ? 'b' : 'a') + hash[1..];
        foreach (var bad in new[] { forged, "bukan-kode", hash[..40] })
        {
            using var refused = await anonymous.GetAsync(new Uri($"/verify/{bad}", UriKind.Relative));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), bad);
            Assert.That(WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), Does.Contain("Tidak ditemukan").And.Not.Contain("Kabupaten Tuban"));
        }

        // English on request.
        using (var english = await tuban.GetAsync(new Uri($"/periods/{Period}/regions/3523/evaluation-report.pdf?lang=en", UriKind.Relative)))
        {
            using var document = PdfDocument.Open(await english.Content.ReadAsByteArrayAsync());
            Assert.That(document.GetPage(1).Text, Does.Contain("Evaluation Report"));
        }

        // An unpublished period: a draft, never registered.
        await TestWorld.OpenPeriodAsync(admin, "2026-S2", "2026-07-01", "2099-12-31");
        using (var draft = await tuban.GetAsync(new Uri("/periods/2026-S2/regions/3523/evaluation-report.pdf", UriKind.Relative)))
        {
            Assert.That(draft.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            using var document = PdfDocument.Open(await draft.Content.ReadAsByteArrayAsync());
            Assert.That(document.GetPage(1).Text, Does.Contain("DRAF"));
        }

        Assert.That(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM evaluation_report WHERE period_code = '2026-S2'"), Is.Zero);
        using (var foreign = await TestUsers.ApiClientAsync(factory, UserRoles.Coordinator, "3578"))
        using (var refused = await foreign.GetAsync(new Uri($"/periods/{Period}/regions/3523/evaluation-report.pdf", UriKind.Relative)))
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "another region's report");
        }
    }
}
