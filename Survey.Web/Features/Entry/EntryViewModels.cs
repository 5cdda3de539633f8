using Survey.Domain.Catalogue;
using Survey.Domain.Methodology;
using Survey.Domain.Submissions;
using Survey.Domain.UseCases;

namespace Survey.Web.Features.Entry;

/// <summary>How far one dimension is: indicators answered (a value or "not available") of those mapped.</summary>
public sealed record DimensionProgress(Dimension Dimension, int Answered, int Total)
{
    public int Percent => Total == 0 ? 100 : (int)Math.Round(100.0 * Answered / Total);
}

/// <summary>One indicator on the form: its definition, what is typed, errors, and who changed it last.</summary>
public sealed record EntryRow(Indicator Indicator, IndicatorMapping Mapping, EntryFormItem Item, IReadOnlyDictionary<string, string[]> Errors, StoredIndicatorValue? Stored, EntryConflict? Conflict, IReadOnlyList<PlausibilityFlag> Flags);

/// <summary>The page of one dimension of the coordinator's form.</summary>
public sealed record EntryPageViewModel(
    EntryContext Context,
    Dimension Dimension,
    IReadOnlyList<DimensionProgress> Progress,
    IReadOnlyList<EntryRow> Rows,
    bool CanWrite,
    bool HasErrors)
{
    public string BasePath => $"/periods/{Context.Period.Code}/regions/{Context.Region.Code}/entry";

    /// <summary>Evidence items by indicator key.</summary>
    public ILookup<string, EvidenceItem> Evidence { get; init; } = Array.Empty<EvidenceItem>().ToLookup(e => e.Target);

    /// <summary>For a unit operator, the indicators assigned to the unit (only those are editable); <c>null</c> for everyone else.</summary>
    public IReadOnlySet<string>? OnlyKeys { get; init; }

    /// <summary>The unit of a unit operator, else <c>null</c>.</summary>
    public string? OwnUnit { get; init; }

    public static IReadOnlyList<DimensionProgress> ProgressOf(EntryContext context, IReadOnlyDictionary<string, StoredIndicatorValue> stored)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(stored);
        var methodology = context.Methodology.Definition;
        return methodology.Dimensions.Select(d =>
        {
            var keys = methodology.Indicators.Where(m => m.Dimension == d.Code).Select(m => m.Key).ToList();
            var answered = keys.Count(k => stored.TryGetValue(k, out var s) && (s.Entry.Value is not null || s.Entry.IsNotAvailable));
            return new DimensionProgress(d, answered, keys.Count);
        }).ToList();
    }
}
