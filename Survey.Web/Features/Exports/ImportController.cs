using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Features.Entry;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Exports;

/// <summary>
/// The offline form: download the region's template, upload it filled, see what would change row by row, and
/// confirm. Nothing is written while a row is rejected, unless the coordinator chooses to import only the valid rows.
/// </summary>
[Route("periods/{period}/regions/{region}")]
public sealed class ImportController(ScopeReader entries, SaveValuesHandler saveValues, ISubmissionRepository submissions, IImportPreviewRepository previews, IStringLocalizer<SharedResource> text) : Controller
{
    private const long MaxBytes = 5 * 1024 * 1024;

    [HttpGet("import-template.xlsx")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Template(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var values = await submissions.GetValuesAsync(new Scope(period, region), cancellationToken);
        Response.Headers.CacheControl = "no-store";
        return File(ImportWorkbook.Template(context.Catalogue, context.Methodology.Definition, values, context.Region.Name, PeriodCodes.DisplayName(period)),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", UiText.Get("File.ImportTemplate", region, period));
    }

    [HttpGet("import")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Index(string period, string region, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : View(new ImportViewModel(context, null, [], null, null));
    }

    [HttpPost("import")]
    [Authorize(Policy = Policies.RegionWrite)]
    [RequestSizeLimit(MaxBytes + (64 * 1024))]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + (64 * 1024))]
    public async Task<IActionResult> Upload(string period, string region, IFormFile? file, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        if (file is null || file.Length == 0 || file.Length > MaxBytes)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new ImportViewModel(context, null, [], text["Import.ChooseFile", MaxBytes / 1024 / 1024].Value, null));
        }

        var stored = await submissions.GetValuesAsync(new Scope(period, region), cancellationToken);
        await using var stream = new MemoryStream();
        await file.CopyToAsync(stream, cancellationToken);
        stream.Position = 0;
        var (rows, error) = ImportWorkbook.Read(stream, context.Catalogue, stored, list => saveValues.Validate(context.Catalogue, list));
        if (error is not null)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new ImportViewModel(context, null, [], error, null));
        }

        var fileName = Path.GetFileName(file.FileName);
        var id = await previews.AddAsync(SurveyClaims.IdOf(User)!.Value, new Scope(period, region), fileName.Length > 200 ? fileName[..200] : fileName, JsonSerializer.Serialize(rows, ContentHash.JsonOptions), cancellationToken);
        return Redirect($"/periods/{period}/regions/{region}/import/{id}");
    }

    [HttpGet("import/{id:guid}")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Preview(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var preview = await previews.FindAsync(id, SurveyClaims.IdOf(User)!.Value, new Scope(period, region), cancellationToken);
        if (context is null || preview is null)
        {
            return NotFound();
        }

        return View("Index", new ImportViewModel(context, id, Rows(preview.Value.Rows), null, preview.Value.FileName));
    }

    [HttpPost("import/{id:guid}")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Confirm(string period, string region, Guid id, [FromForm] bool onlyValid, CancellationToken cancellationToken)
    {
        var context = await entries.LoadAsync(new Scope(period, region), cancellationToken);
        var preview = await previews.FindAsync(id, SurveyClaims.IdOf(User)!.Value, new Scope(period, region), cancellationToken);
        if (context is null || preview is null)
        {
            return NotFound();
        }

        var rows = Rows(preview.Value.Rows);
        if (rows.Any(r => r.Status == ImportStatus.Rejected) && !onlyValid)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new ImportViewModel(context, id, rows, text["Import.RejectedNothingWritten"].Value, preview.Value.FileName));
        }

        var changes = rows.Where(r => r.Status is ImportStatus.New or ImportStatus.Changed).Select(r => new EntryChange(r.Entry!, r.Version)).ToList();
        if (changes.Count > 0)
        {
            var outcome = await saveValues.SaveAsync(context, changes, SurveyClaims.IdOf(User)!.Value, cancellationToken);
            if (outcome.Block != EntryBlock.None || outcome.Errors.Count > 0 || outcome.Result is { Saved: false })
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
                var message = outcome.Block != EntryBlock.None ? text[EntryBlocks.MessageKey(outcome.Block)].Value
                    : outcome.Result is { Saved: false } result ? text["Import.Conflicts", string.Join(", ", result.Conflicts.Select(c => c.Key))].Value
                    : text["Import.RejectedNothingWritten"].Value;
                return View("Index", new ImportViewModel(context, id, rows, message, preview.Value.FileName));
            }
        }

        await previews.DeleteAsync(id, cancellationToken);
        TempData["Message"] = text["Import.Done", changes.Count].Value;
        return Redirect($"/periods/{period}/regions/{region}/entry");
    }

    private static List<ImportRow> Rows(string json) => JsonSerializer.Deserialize<List<ImportRow>>(json, ContentHash.JsonOptions) ?? [];
}

public sealed record ImportViewModel(EntryContext Context, Guid? PreviewId, IReadOnlyList<ImportRow> Rows, string? Error, string? FileName);
