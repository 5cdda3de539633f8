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
}

/// <summary>Everything the form and the API need about one region in one period.</summary>
public sealed record EntryContext(Period Period, Region Region, IndicatorCatalogue Catalogue, StoredMethodology Methodology, SubmissionStatus Status)
{
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
public sealed class EntryService(IPeriodRepository periods, IRegionRepository regions, ICatalogueRepository catalogues, ISubmissionRepository submissions, TimeProvider clock)
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

        return new EntryContext(foundPeriod, foundRegion, catalogue, methodology, await submissions.GetStatusAsync(period, region, cancellationToken));
    }

    /// <summary>Validates every entry; saves them all or nothing.</summary>
    public async Task<EntrySaveOutcome> SaveAsync(EntryContext context, IReadOnlyList<EntryChange> changes, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(changes);
        if (context.WriteBlock != EntryBlock.None)
        {
            return new EntrySaveOutcome(context.WriteBlock, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), null);
        }

        var errors = Validate(context.Catalogue, changes.Select(c => c.Entry).ToList());
        if (errors.Count > 0)
        {
            return new EntrySaveOutcome(EntryBlock.None, errors, null);
        }

        var normalized = changes.Select(c => c with { Entry = c.Entry.Normalized(context.Catalogue.Find(c.Entry.Key)!) with { Key = context.Catalogue.Find(c.Entry.Key)!.Key } }).ToList();
        var result = await submissions.SaveValuesAsync(context.Period.Code, context.Region.Code, normalized, actorId, cancellationToken);
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

            var result = new IndicatorEntryValidator(indicator, year).Validate(entry);
            if (!result.IsValid)
            {
                errors[key] = result.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
            }
        }

        return errors;
    }
}
