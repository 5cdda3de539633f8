using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Entry;

/// <summary>
/// The coordinator's form: one page per dimension, saved with a plain form post (works without JavaScript)
/// and field by field by the autosave script.
/// </summary>
[Route("periods/{period}/regions/{region}/entry")]
public sealed class EntryController(ScopeReader service, SaveValuesHandler saveValues, SubmitHandler submitService, ISubmissionRepository submissions, IEvidenceRepository evidence, IPendingDraftRepository drafts, Survey.Domain.Units.IUnitRepository units, AssignmentsHandler assignments, Microsoft.Extensions.Options.IOptions<EvidenceSettings> evidenceSettings, IAuthorizationService authorization, IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Start(string period, string region, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        return context is null ? NotFound() : Redirect($"/periods/{period}/regions/{region}/entry/{context.Methodology.Definition.Dimensions[0].Code}");
    }

    [HttpGet("{dimension}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Page(string period, string region, string dimension, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context?.Methodology.Definition.FindDimension(dimension) is null)
        {
            return NotFound();
        }

        var stored = await submissions.GetValuesAsync(new Scope(period, region), cancellationToken);
        // The unit an indicator is assigned to is its default source (the produsen data).
        var unitNames = (await units.ListAsync(region, cancellationToken)).ToDictionary(u => u.Code, u => u.Name, StringComparer.Ordinal);
        var sources = (await assignments.ListAsync(context!.Scope, cancellationToken)).ToDictionary(a => a.Key, a => unitNames.GetValueOrDefault(a.Unit), StringComparer.Ordinal);
        var items = stored.Keys.Concat(context.Catalogue.Indicators.Select(i => i.Key)).Distinct()
            .ToDictionary(k => k, k => EntryFormItem.From(k, stored.GetValueOrDefault(k)) is var item && string.IsNullOrEmpty(item.Source) && sources.GetValueOrDefault(k) is { } source
                ? item with { Source = source }
                : item);
        if (Request.Cookies.TryGetValue(ExpiredSessionDraftMiddleware.CookieName, out var draftId)
            && await drafts.TakeAsync(draftId, SurveyClaims.IdOf(User)!.Value, Request.Path.Value!, cancellationToken) is { } kept)
        {
            Response.Cookies.Delete(ExpiredSessionDraftMiddleware.CookieName);
            foreach (var restored in DraftItems(kept).Where(i => i.Key is not null && items.ContainsKey(i.Key)))
            {
                items[restored.Key!] = restored;
            }

            TempData["Message"] = text["Entry.DraftRestored"].Value;
        }

        return View("Page", await BuildAsync(context!, dimension, stored, items, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), []));
    }

    [HttpPost("{dimension}")]
    [Authorize(Policy = Policies.UnitWrite)]
    [RequestSizeLimit(MaxRequestBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
    public async Task<IActionResult> Save(string period, string region, string dimension, [FromForm] List<EntryFormItem> items, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context?.Methodology.Definition.FindDimension(dimension) is null)
        {
            return NotFound();
        }

        var allowed = context.Methodology.Definition.Indicators.Where(m => m.Dimension == dimension).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        // Rows that cannot be changed (while returned: every row that was not returned) post no values; they are skipped.
        items = (items ?? []).Where(i => i.Key is not null && allowed.Contains(i.Key) && (context.Status != SubmissionStatus.Returned || context.CanEditIndicator(i.Key))).ToList();
        var (errors, changes) = Parse(items);
        foreach (var (key, fieldErrors) in saveValues.Validate(context.Catalogue, changes.Select(c => c.Entry).Where(e => !errors.ContainsKey(e.Key)).ToList()))
        {
            errors[key] = fieldErrors;
        }

        var uploads = await InspectEvidenceAsync(items, errors, cancellationToken);
        IReadOnlyList<EntryConflict> conflicts = [];
        // A draft is never lost: the valid rows are saved even when others need fixing; those stay as typed.
        var valid = changes.Where(c => !errors.ContainsKey(c.Entry.Key)).ToList();
        var saved = new HashSet<string>(StringComparer.Ordinal);
        var changed = 0;
        if (valid.Count > 0)
        {
            // The evidence of the valid rows is stored in the values' transaction: all of it or none.
            var files = uploads.Where(u => !errors.ContainsKey(u.Key)).Select(u => new NewEvidence(u.Key, u.File, u.Content, u.Link)).ToList();
            var outcome = await saveValues.SaveAsync(context, valid, SurveyClaims.IdOf(User)!.Value, cancellationToken, files, SurveyClaims.UnitOf(User));
            if (outcome.Block != EntryBlock.None)
            {
                TempData["Error"] = text[EntryBlocks.MessageKey(outcome.Block)].Value;
                return Redirect($"/periods/{period}/regions/{region}/entry/{dimension}");
            }

            if (outcome.Result!.Saved)
            {
                saved.UnionWith(valid.Select(c => c.Entry.Key));
                changed = outcome.Result.Changed;
                if (errors.Count == 0)
                {
                    TempData["Message"] = changed > 0
                        ? text["Entry.Saved", changed].Value
                        : text["Entry.AllSaved"].Value;
                    return Redirect($"/periods/{period}/regions/{region}/entry/{dimension}");
                }
            }
            else
            {
                conflicts = outcome.Result.Conflicts;
            }
        }

        // Back to the form with what the user typed, the messages, and for conflicts the current values; rows that
        // were saved carry their new version so that the next save does not conflict with this one.
        Response.StatusCode = errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status409Conflict;
        var stored = await submissions.GetValuesAsync(new Scope(period, region), cancellationToken);
        var typed = items.ToDictionary(
            i => i.Key!,
            i => conflicts.FirstOrDefault(c => c.Key == i.Key) is { } c ? i with { Version = c.Current.Version }
                : saved.Contains(i.Key!) && stored.TryGetValue(i.Key!, out var now) ? i with { Version = now.Version }
                : i,
            StringComparer.Ordinal);
        ViewData["PartlySaved"] = saved.Count > 0 ? text["Entry.PartlySaved", changed].Value : null;
        return View("Page", await BuildAsync(context, dimension, stored, typed, errors, conflicts));
    }

    /// <summary>Downloads an evidence file (same authorisation as the value it supports).</summary>
    [HttpGet("/periods/{period}/regions/{region}/evidence/{id:guid}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Evidence(string period, string region, Guid id, CancellationToken cancellationToken)
    {
        var file = await evidence.GetFileAsync(new Scope(period, region), id, cancellationToken);
        if (file is not { } found)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(found.Content, found.Item.ContentType ?? "application/octet-stream", found.Item.FileName ?? "bukti");
    }

    [HttpPost("/periods/{period}/regions/{region}/evidence/{id:guid}/delete")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> DeleteEvidence(string period, string region, Guid id, [FromForm] string? returnTo, CancellationToken cancellationToken)
    {
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        if (context.WriteBlock == EntryBlock.None)
        {
            await evidence.DeleteAsync(new Scope(period, region), id, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        }

        return LocalRedirect(Url.IsLocalUrl(returnTo) ? returnTo! : $"/periods/{period}/regions/{region}/entry");
    }

    /// <summary>Saves one indicator's fields (the autosave script); answers JSON.</summary>
    [HttpPost("autosave")]
    [Authorize(Policy = Policies.UnitWrite)]
    public async Task<IActionResult> Autosave(string period, string region, [FromForm] EntryFormItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var context = await service.LoadAsync(new Scope(period, region), cancellationToken);
        if (context is null)
        {
            return NotFound();
        }

        var (errors, changes) = Parse([item]);
        foreach (var (key, fieldErrors) in saveValues.Validate(context.Catalogue, changes.Where(c => !errors.ContainsKey(c.Entry.Key)).Select(c => c.Entry).ToList()))
        {
            errors[key] = fieldErrors;
        }

        if (errors.Count > 0)
        {
            return UnprocessableEntity(new { saved = false, message = text["Entry.AutosaveFailed"].Value, errors = errors.Values.First() });
        }

        var outcome = await saveValues.SaveAsync(context, changes, SurveyClaims.IdOf(User)!.Value, cancellationToken, actingUnit: SurveyClaims.UnitOf(User));
        if (outcome.Block != EntryBlock.None)
        {
            return Conflict(new { saved = false, message = text[EntryBlocks.MessageKey(outcome.Block)].Value });
        }

        if (!outcome.Result!.Saved)
        {
            var current = outcome.Result.Conflicts[0].Current;
            return Conflict(new
            {
                saved = false,
                message = text["Entry.ConflictShort", current.UpdatedByName ?? "?", Format.Time(current.UpdatedAt)].Value,
                version = current.Version,
            });
        }

        var stored = (await submissions.GetValuesAsync(new Scope(period, region), cancellationToken)).GetValueOrDefault(item.Key!);
        return Ok(new { saved = true, version = stored?.Version ?? 0, message = text["Entry.SavedAt", Format.Time(stored?.UpdatedAt ?? DateTimeOffset.UtcNow)].Value });
    }

    private const long MaxRequestBytes = 64L * 1024 * 1024;

    /// <summary>The items of a kept form post (<c>items[i].Field</c> pairs).</summary>
    private static IEnumerable<EntryFormItem> DraftItems(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        fields
            .Select(f => (Match: System.Text.RegularExpressions.Regex.Match(f.Key, "^items\\[([0-9]{1,3})\\]\\.([A-Za-z]+)$"), f.Value))
            .Where(x => x.Match.Success)
            .GroupBy(x => x.Match.Groups[1].Value)
            .Select(g =>
            {
                string? Get(string name) => g.FirstOrDefault(x => x.Match.Groups[2].Value == name).Value;
                return new EntryFormItem
                {
                    Key = Get("Key"),
                    Value = Get("Value"),
                    Numerator = Get("Numerator"),
                    Denominator = Get("Denominator"),
                    NotAvailable = Get("NotAvailable") == "true",
                    NotAvailableReason = Get("NotAvailableReason"),
                    Source = Get("Source"),
                    SourceDocument = Get("SourceDocument"),
                    SourceYear = Get("SourceYear"),
                    Note = Get("Note"),
                    Justification = Get("Justification"),
                    Version = int.TryParse(Get("Version"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0,
                    Link = Get("Link"),
                };
            });

    /// <summary>Inspects uploaded files and links; refusals become field errors of their indicator.</summary>
    private async Task<List<(string Key, InspectedFile? File, byte[]? Content, string? Link)>> InspectEvidenceAsync(
        IEnumerable<EntryFormItem> items, Dictionary<string, IReadOnlyDictionary<string, string[]>> errors, CancellationToken cancellationToken)
    {
        var maxBytes = evidenceSettings.Value.MaxBytes;
        var accepted = new List<(string, InspectedFile?, byte[]?, string?)>();
        foreach (var item in items)
        {
            var fieldErrors = new Dictionary<string, string[]>();
            if (item.File is { Length: > 0 } upload)
            {
                var (file, content, error) = await EvidenceUploads.ReadAsync(upload, maxBytes, cancellationToken);
                if (file is null)
                {
                    fieldErrors["evidence"] = [error!];
                }
                else
                {
                    accepted.Add((item.Key!, file, content, null));
                }
            }

            if (!string.IsNullOrWhiteSpace(item.Link))
            {
                if (EvidenceFiles.IsValidLink(item.Link))
                {
                    accepted.Add((item.Key!, null, null, item.Link.Trim()));
                }
                else
                {
                    fieldErrors["link"] = [Messages.Get("EvidenceLink")];
                }
            }

            if (fieldErrors.Count > 0)
            {
                var merged = errors.TryGetValue(item.Key!, out var existing) ? new Dictionary<string, string[]>(existing) : [];
                foreach (var (field, messages) in fieldErrors)
                {
                    merged[field] = messages;
                }

                errors[item.Key!] = merged;
            }
        }

        return accepted;
    }

    private static (Dictionary<string, IReadOnlyDictionary<string, string[]>> Errors, List<EntryChange> Changes) Parse(IEnumerable<EntryFormItem> items)
    {
        var errors = new Dictionary<string, IReadOnlyDictionary<string, string[]>>(StringComparer.Ordinal);
        var changes = new List<EntryChange>();
        foreach (var item in items)
        {
            var (entry, parseErrors) = item.ToEntry();
            if (parseErrors.Count > 0)
            {
                errors[entry.Key] = parseErrors;
            }

            changes.Add(new EntryChange(entry, item.Version));
        }

        return (errors, changes);
    }

    private async Task<EntryPageViewModel> BuildAsync(
        EntryContext context,
        string dimension,
        IReadOnlyDictionary<string, StoredIndicatorValue> stored,
        IReadOnlyDictionary<string, EntryFormItem> items,
        Dictionary<string, IReadOnlyDictionary<string, string[]>> errors,
        IReadOnlyList<EntryConflict> conflicts)
    {
        var methodology = context.Methodology.Definition;
        var check = await submitService.CheckAsync(context, HttpContext.RequestAborted, stored);
        var flags = check.ToStore;
        var rows = methodology.Indicators.Where(m => m.Dimension == dimension).Select(m =>
        {
            var indicator = context.Catalogue.Find(m.Key)!;
            return new EntryRow(indicator, m, items.GetValueOrDefault(m.Key) ?? EntryFormItem.From(m.Key, null),
                errors.GetValueOrDefault(m.Key) ?? new Dictionary<string, string[]>(), stored.GetValueOrDefault(m.Key), conflicts.FirstOrDefault(c => c.Key == m.Key),
                flags.Where(f => f.Key == m.Key).ToList());
        }).ToList();
        // A unit operator fills in only the indicators assigned to the unit; the others are shown, read-only. Once the
        // unit marked its contribution ready, nothing until the coordinator returns it.
        var unit = SurveyClaims.UnitOf(User);
        var canWrite = context.WriteBlock == EntryBlock.None && !context.HeldByReady(unit) && (await authorization.AuthorizeAsync(User, null, Policies.UnitWrite)).Succeeded;
        var evidenceItems = await evidence.ListAsync(context.Scope, HttpContext.RequestAborted);
        var mine = unit is null ? null : (await assignments.ListAsync(context.Scope, HttpContext.RequestAborted)).Where(a => a.Unit == unit).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        return new EntryPageViewModel(context, methodology.FindDimension(dimension)!, EntryPageViewModel.ProgressOf(context, stored), rows, canWrite, errors.Count > 0)
        {
            Evidence = evidenceItems.ToLookup(e => e.Target),
            OnlyKeys = mine,
            OwnUnit = unit,
        };
    }
}
