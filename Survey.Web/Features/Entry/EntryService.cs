using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Submissions;

namespace Survey.Web.Features.Entry;

/// <summary>Why a region's data cannot be changed right now.</summary>
public enum EntryBlock
{
    None,
    NotFound,
    PeriodNotOpen,
    NotEditable,

    /// <summary>The submission was returned and the change touches an item that was not returned.</summary>
    NotReturned,
}

/// <summary>The UI text of a block.</summary>
public static class EntryBlocks
{
    public static string MessageKey(EntryBlock block) => block switch
    {
        EntryBlock.PeriodNotOpen => "Entry.PeriodNotOpen",
        EntryBlock.NotReturned => "Entry.OnlyReturned",
        _ => "Entry.NotEditable",
    };

    public static string ApiTitle(EntryBlock block, string period) => block switch
    {
        EntryBlock.PeriodNotOpen => $"Period {period} is not open for entry.",
        EntryBlock.NotReturned => "Only the items the evaluator returned can be changed.",
        _ => "The submission is not editable (submitted or approved).",
    };
}

/// <summary>Everything the form and the API need about one region in one period.</summary>
public sealed record EntryContext(Period Period, Region Region, IndicatorCatalogue Catalogue, StoredMethodology Methodology, SubmissionStatus Status)
{
    /// <summary>The items the evaluator returned, when the submission is returned (only those are editable).</summary>
    public IReadOnlyList<Survey.Domain.Reviews.ReturnedItem> Returns { get; init; } = [];

    /// <summary>Whether the indicator can be changed now.</summary>
    public bool CanEditIndicator(string key) =>
        WriteBlock == EntryBlock.None && (Status != SubmissionStatus.Returned || Returns.Any(r => r.Kind == Survey.Domain.Reviews.ReviewKinds.Indicator && r.Target == key));

    /// <summary>Whether the programme can be changed now (<c>null</c>: a new programme, never while returned).</summary>
    public bool CanEditProgramme(Guid? id) =>
        WriteBlock == EntryBlock.None && (Status != SubmissionStatus.Returned || (id is { } g && Returns.Any(r => r.Kind == Survey.Domain.Reviews.ReviewKinds.Programme && r.Target == g.ToString())));

    /// <summary>Why the returned item was returned, or <c>null</c>.</summary>
    public string? ReturnReason(string kind, string target) => Returns.FirstOrDefault(r => r.Kind == kind && r.Target == target)?.Reason;

    public EntryBlock WriteBlock =>
        !Period.AcceptsEntry ? EntryBlock.PeriodNotOpen
        : !SubmissionStatuses.IsEditable(Status) ? EntryBlock.NotEditable
        : EntryBlock.None;
}

/// <summary>The outcome of saving entries: per-key field errors, conflicts, or how many changed.</summary>
public sealed record EntrySaveOutcome(EntryBlock Block, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string[]>> Errors, SaveResult? Result);

/// <summary>
/// Validates and saves indicator entries with the same rules for the form, autosave and the API.
/// </summary>
public sealed class EntryService(IPeriodRepository periods, IRegionRepository regions, ICatalogueRepository catalogues, ISubmissionRepository submissions, Survey.Domain.Reviews.IReviewRepository reviews, TimeProvider clock)
{
    public async Task<EntryContext?> LoadAsync(string period, string region, CancellationToken cancellationToken)
    {
        var foundPeriod = await periods.FindAsync(period, cancellationToken);
        var foundRegion = await regions.FindAsync(region, cancellationToken);
        if (foundPeriod is null || foundRegion is null || foundPeriod.Status == PeriodStatus.Draft || foundPeriod.MethodologyLabel is null)
        {
            return null;
        }

        var catalogue = await catalogues.GetCatalogueAsync(cancellationToken);
        var methodology = await catalogues.GetMethodologyAsync(foundPeriod.MethodologyLabel, cancellationToken);
        if (catalogue is null || methodology is null)
        {
            return null;
        }

        var status = await submissions.GetStatusAsync(period, region, cancellationToken);
        var returns = status == SubmissionStatus.Returned ? (await reviews.GetAsync(period, region, cancellationToken)).OpenReturns : [];
        return new EntryContext(foundPeriod, foundRegion, catalogue, methodology, status) { Returns = returns };
    }

    /// <summary>Validates every entry; saves them all or nothing.</summary>
    public async Task<EntrySaveOutcome> SaveAsync(EntryContext context, IReadOnlyList<EntryChange> changes, Guid actorId, CancellationToken cancellationToken, IReadOnlyList<NewEvidence>? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changes);
        if (context.WriteBlock != EntryBlock.None)
        {
            return new EntrySaveOutcome(context.WriteBlock, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), null);
        }

        if (changes.Any(c => !context.CanEditIndicator(context.Catalogue.Find(c.Entry.Key)?.Key ?? c.Entry.Key)))
        {
            return new EntrySaveOutcome(EntryBlock.NotReturned, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), null);
        }

        var errors = Validate(context.Catalogue, changes.Select(c => c.Entry).ToList());
        if (errors.Count > 0)
        {
            return new EntrySaveOutcome(EntryBlock.None, errors, null);
        }

        var normalized = changes.Select(c => c with { Entry = c.Entry.Normalized(context.Catalogue.Find(c.Entry.Key)!) with { Key = context.Catalogue.Find(c.Entry.Key)!.Key } }).ToList();
        var result = await submissions.SaveValuesAsync(context.Period.Code, context.Region.Code, normalized, actorId, cancellationToken, evidence);
        return new EntrySaveOutcome(EntryBlock.None, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), result);
    }

    /// <summary>Field errors per indicator key; empty when every entry is valid.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string[]>> Validate(IndicatorCatalogue catalogue, IReadOnlyList<IndicatorEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(entries);
        var errors = new Dictionary<string, IReadOnlyDictionary<string, string[]>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var year = clock.GetUtcNow().Year;
        foreach (var entry in entries)
        {
            var key = entry.Key ?? string.Empty;
            var indicator = catalogue.Find(key);
            if (indicator is null)
            {
                errors[key] = new Dictionary<string, string[]> { ["key"] = [Messages.Get("UnknownIndicator", key)] };
                continue;
            }

            if (!seen.Add(key))
            {
                errors[key] = new Dictionary<string, string[]> { ["key"] = [Messages.Get("DuplicateIndicator", key)] };
                continue;
            }

            var result = new IndicatorEntryValidator(indicator, year, draft: true).Validate(entry);
            if (!result.IsValid)
            {
                errors[key] = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            }
        }

        return errors;
    }
}
