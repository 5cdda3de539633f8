using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Regions;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>Why a region's data cannot be changed right now.</summary>
public enum EntryBlock
{
    None,
    NotFound,
    PeriodNotOpen,
    NotEditable,

    /// <summary>The submission was returned and the change touches an item that was not returned.</summary>
    NotReturned,

    /// <summary>A unit operator touched what is not the unit's (another unit's programme, an indicator not assigned to it).</summary>
    NotYourUnit,

    /// <summary>The unit marked its contribution ready: its operator changes nothing until the coordinator returns it.</summary>
    UnitReady,
}

/// <summary>Everything the form and the API need about one region in one period.</summary>
public sealed record EntryContext(Period Period, Region Region, IndicatorCatalogue Catalogue, StoredMethodology Methodology, SubmissionStatus Status)
{
    /// <summary>The scope this context is of.</summary>
    public Scope Scope => new(Period.Code, Region.Code);

    /// <summary>The items the evaluator returned, when the submission is returned (only those are editable).</summary>
    public IReadOnlyList<Survey.Domain.Reviews.ReturnedItem> Returns { get; init; } = [];

    /// <summary>The units whose contribution is marked ready (their operators change nothing while the region is a draft).</summary>
    public IReadOnlySet<string> ReadyUnits { get; init; } = new HashSet<string>();

    /// <summary>Whether a unit operator of <paramref name="unit"/> is held back because the unit marked its contribution ready.</summary>
    public bool HeldByReady(string? unit) => unit is not null && Status == SubmissionStatus.Draft && ReadyUnits.Contains(unit);

    /// <summary>Whether the indicator can be changed now.</summary>
    public bool CanEditIndicator(string key) =>
        WriteBlock == EntryBlock.None && (Status != SubmissionStatus.Returned || Returns.Any(r => r.Kind == Survey.Domain.Reviews.ReviewKinds.Indicator && r.Target == key));

    /// <summary>Whether the programme can be changed now (<c>null</c>: a new programme, never while returned).</summary>
    public bool CanEditProgramme(Guid? id) =>
        WriteBlock == EntryBlock.None && (Status != SubmissionStatus.Returned || (id is { } g && Returns.Any(r => r.Kind == Survey.Domain.Reviews.ReviewKinds.Programme && r.Target == g.ToString())));

    /// <summary>Whether the evaluator returned this item (while the submission is returned).</summary>
    public bool IsReturned(string kind, Guid id) =>
        Status == SubmissionStatus.Returned && Returns.Any(r => r.Kind == kind && r.Target == id.ToString());

    /// <summary>Whether a risk's register entry can be changed now: its programme is editable, or the risk itself was returned.</summary>
    public bool CanEditRisk(Guid programme, Guid risk) =>
        CanEditProgramme(programme) || (WriteBlock == EntryBlock.None && IsReturned(Survey.Domain.Reviews.ReviewKinds.Risk, risk));

    /// <summary>Whether a risk's monitoring entry can be changed now: its programme is editable, or the entry was returned.</summary>
    public bool CanMonitor(Guid programme, Guid risk) =>
        CanEditProgramme(programme) || (WriteBlock == EntryBlock.None && IsReturned(Survey.Domain.Reviews.ReviewKinds.Monitoring, risk));

    /// <summary>The risks of <paramref name="programme"/> returned on their own while the programme itself was not.</summary>
    public IReadOnlySet<Guid> ReturnedRisksOf(Programme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        return CanEditProgramme(programme.Id) || WriteBlock != EntryBlock.None
            ? new HashSet<Guid>()
            : programme.Risks.Where(r => IsReturned(Survey.Domain.Reviews.ReviewKinds.Risk, r.Id)).Select(r => r.Id).ToHashSet();
    }

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
/// Opens a scope: the period, the owner, the period's catalogue and methodology, the submission's status and
/// what was returned. Every use case on a scope's data starts here (pages and API alike).
/// </summary>
public sealed class ScopeReader(
    IPeriodRepository periods, IRegionRepository regions, ICatalogueRepository catalogues, ISubmissionRepository submissions, Survey.Domain.Reviews.IReviewRepository reviews, Units.IContributionRepository contributions)
{
    /// <summary>The context of the scope; <c>null</c> when the period or owner is unknown or the period is not open yet.</summary>
    public async Task<EntryContext?> LoadAsync(Scope scope, CancellationToken cancellationToken)
    {
        var foundPeriod = await periods.FindAsync(scope.Period, cancellationToken);
        var foundRegion = await regions.FindAsync(scope.Region, cancellationToken);
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

        var status = await submissions.GetStatusAsync(scope, cancellationToken);
        var returns = status == SubmissionStatus.Returned ? (await reviews.GetAsync(scope, cancellationToken)).OpenReturns : [];
        var ready = status == SubmissionStatus.Draft ? await contributions.ReadyUnitsAsync(scope, cancellationToken) : new HashSet<string>();
        return new EntryContext(foundPeriod, foundRegion, catalogue, methodology, status) { Returns = returns, ReadyUnits = ready };
    }
}

/// <summary>Validates and saves indicator entries with the same rules for the form, autosave, import and the API.</summary>
public sealed class SaveValuesHandler(ISubmissionRepository submissions, Units.IAssignmentRepository assignments, TimeProvider clock)
{

    /// <summary>Validates every entry; saves them all or nothing.</summary>
    /// <remarks>A unit operator (<paramref name="actingUnit"/>) saves only the indicators assigned to the unit.</remarks>
    public async Task<EntrySaveOutcome> SaveAsync(EntryContext context, IReadOnlyList<EntryChange> changes, Guid actorId, CancellationToken cancellationToken, IReadOnlyList<NewEvidence>? evidence = null, string? actingUnit = null)
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

        if (context.HeldByReady(actingUnit))
        {
            return new EntrySaveOutcome(EntryBlock.UnitReady, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), null);
        }

        if (actingUnit is not null)
        {
            var mine = (await assignments.ListAsync(context.Scope, cancellationToken)).Where(a => a.Unit == actingUnit).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
            if (changes.Any(c => !mine.Contains(context.Catalogue.Find(c.Entry.Key)?.Key ?? c.Entry.Key)))
            {
                return new EntrySaveOutcome(EntryBlock.NotYourUnit, new Dictionary<string, IReadOnlyDictionary<string, string[]>>(), null);
            }
        }

        var errors = Validate(context.Catalogue, changes.Select(c => c.Entry).ToList());
        if (errors.Count > 0)
        {
            return new EntrySaveOutcome(EntryBlock.None, errors, null);
        }

        var normalized = changes.Select(c => c with { Entry = c.Entry.Normalized(context.Catalogue.Find(c.Entry.Key)!) with { Key = context.Catalogue.Find(c.Entry.Key)!.Key } }).ToList();
        var result = await submissions.SaveValuesAsync(context.Scope, normalized, actorId, cancellationToken, evidence);
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
