using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Methodology;

namespace Survey.Domain.Submissions;

/// <summary>
/// Decides whether a region's data for a period may be submitted: every indicator answered (a value or "not
/// available" with a reason), every entry and programme valid, every plausibility flag justified.
/// </summary>
public static class SubmissionChecklist
{
    public static (IReadOnlyList<BlockingItem> Blocking, IReadOnlyList<PlausibilityFlag> Flags) Evaluate(
        IndicatorCatalogue catalogue,
        ScoringMethodology methodology,
        IReadOnlyDictionary<string, StoredIndicatorValue> values,
        IReadOnlyList<Programme> programmes,
        PlausibilityContext plausibility,
        PlausibilityOptions options,
        int currentYear)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(plausibility);
        var blocking = new List<BlockingItem>();
        var flags = new List<PlausibilityFlag>();
        foreach (var mapping in methodology.Indicators)
        {
            var indicator = catalogue.Find(mapping.Key);
            if (indicator is null)
            {
                continue;
            }

            if (!values.TryGetValue(mapping.Key, out var stored) || stored.Entry.IsBlank)
            {
                blocking.Add(new BlockingItem(mapping.Key, mapping.Dimension, Messages.Get("Unanswered")));
                continue;
            }

            var result = new IndicatorEntryValidator(indicator, currentYear).Validate(stored.Entry);
            if (!result.IsValid)
            {
                blocking.Add(new BlockingItem(mapping.Key, mapping.Dimension, string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct())));
            }

            if (stored.Entry.Value is { } value)
            {
                var found = PlausibilityRules.Check(mapping.Key, value, plausibility.Previous.TryGetValue(mapping.Key, out var p) ? p : null,
                    plausibility.Peers.GetValueOrDefault(mapping.Key), options, mapping);
                flags.AddRange(found);
                if (found.Count > 0 && string.IsNullOrWhiteSpace(stored.Entry.Justification))
                {
                    blocking.Add(new BlockingItem(mapping.Key, mapping.Dimension, Messages.Get("JustificationRequired") + " " + string.Join(" ", found.Select(f => f.Describe()))));
                }
            }
        }

        var validator = new ProgrammeValidator(methodology, currentYear);
        foreach (var programme in programmes)
        {
            var result = validator.Validate(programme);
            if (!result.IsValid)
            {
                blocking.Add(new BlockingItem(programme.Id.ToString(), programme.Dimension, $"{programme.Name}: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct())}"));
            }
        }

        return (blocking, flags);
    }
}
