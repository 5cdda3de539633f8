using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Reports;
using Survey.Web.Features.Exports;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Reports;

/// <summary>
/// The evaluation report (Laporan Hasil Evaluasi) a region receives, as PDF and as an editable Word document
/// (<c>?lang=en</c> for English), and the public page that tells whether a report is authentic.
/// </summary>
public sealed class EvaluationReportController(EvaluationReportBuilder builder, IEvaluationReportRepository issued, ReportGate gate) : Controller
{
    [HttpGet("/periods/{period}/regions/{region}/evaluation-report.{format:regex(^(pdf|docx)$)}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Report(string period, string region, string format, [FromQuery] string? lang, CancellationToken cancellationToken)
    {
        ExportLanguage.Apply(lang);
        if (!await gate.EnterAsync(cancellationToken))
        {
            Response.Headers.RetryAfter = "30";
            return StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            var document = await builder.BuildAsync(period, region, PublicOrigin.Of(HttpContext), cancellationToken);
            if (document is null)
            {
                return NotFound();
            }

            // Only a report of a published snapshot is registered: /verify never tells of anything unpublished.
            if (document.SnapshotId is { } snapshot)
            {
                await issued.RegisterAsync(document.Content, snapshot, cancellationToken);
            }

            Response.Headers.CacheControl = "no-store";
            var name = UiText.Get("File.EvaluationReport", region, period) + "." + format;
            return format == "pdf"
                ? File(EvaluationReportPdf.Write(document), "application/pdf", name)
                : File(EvaluationReportWord.Write(document), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name);
        }
        finally
        {
            gate.Leave();
        }
    }

    /// <summary>Whether a report with this content hash was issued, and what it holds; a plain "not found" otherwise.</summary>
    [HttpGet("/verify/{hash}")]
    [AllowAnonymous]
    public async Task<IActionResult> Verify(string hash, CancellationToken cancellationToken)
    {
        var clean = hash?.Trim().ToLowerInvariant() ?? string.Empty;
        var found = System.Text.RegularExpressions.Regex.IsMatch(clean, "^[0-9a-f]{64}$") ? await issued.FindAsync(clean, cancellationToken) : null;
        if (found is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return View("Verify", new VerifyViewModel(clean, found));
    }
}

public sealed record VerifyViewModel(string Hash, IssuedReport? Report);
