using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Methodology;

namespace Survey.Domain.Submissions;

/// <summary>What an evaluator returned: only these items may change, and only these can block a resubmission.</summary>
public sealed record ReturnScope(IReadOnlySet<string> Indicators, IReadOnlySet<Guid> Programmes)
{
    /// <summary>The risks returned on their own (register or monitoring entry), by id.</summary>
    public IReadOnlySet<Guid> Risks { get; init; } = new HashSet<Guid>();

    public static ReturnScope Of(IEnumerable<Reviews.ReturnedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        return new ReturnScope(
            list.Where(i => i.Kind == Reviews.ReviewKinds.Indicator).Select(i => i.Target).ToHashSet(StringComparer.Ordinal),
            list.Where(i => i.Kind == Reviews.ReviewKinds.Programme && Guid.TryParse(i.Target, out _)).Select(i => Guid.Parse(i.Target)).ToHashSet())
        {
            Risks = list.Where(i => i.Kind is Reviews.ReviewKinds.Risk or Reviews.ReviewKinds.Monitoring && Guid.TryParse(i.Target, out _)).Select(i => Guid.Parse(i.Target)).ToHashSet(),
        };
    }
}

/// <summary>The outcome of the checklist.</summary>
/// <param name="Blocking">What stops the submission.</param>
/// <param name="Flags">The plausibility flags that go with the submission: live ones on editable values, the stored
/// ones (as last submitted) on locked values.</param>
/// <param name="Information">Flags that appeared on locked values since they were submitted (other regions' data
/// moved the median): information for the evaluator, never a block.</param>
public sealed record SubmissionCheck(IReadOnlyList<BlockingItem> Blocking, IReadOnlyList<PlausibilityFlag> Flags, IReadOnlyList<PlausibilityFlag> Information)
{
    /// <summary>Every flag that is stored when the region submits.</summary>
    public IReadOnlyList<PlausibilityFlag> ToStore => [.. Flags, .. Information];
}

/// <summary>
/// Decides whether a region's data for a period may be submitted: every indicator answered (a value or "not
/// available" with a reason), every entry and programme valid, every plausibility flag justified. A returned
/// submission is checked on the returned items only: the other values are locked, so neither their validity nor
/// a flag that appeared on them later can be fixed by the coordinator, and none of them blocks.
/// </summary>
public static class SubmissionChecklist
{
    /// <param name="catalogue">The indicator catalogue.</param>
    /// <param name="methodology">The period's methodology.</param>
    /// <param name="values">The region's stored values.</param>
    /// <param name="programmes">The region's programmes.</param>
    /// <param name="plausibility">Previous-period values and peer statistics.</param>
    /// <param name="options">The plausibility thresholds.</param>
    /// <param name="currentYear">The current year (source years may not lie ahead).</param>
    /// <param name="returned">When the submission was returned: the items that may change; <c>null</c> for a draft.</param>
    /// <param name="storedFlags">The flags stored at the last submission (used for locked values).</param>
    public static SubmissionCheck Evaluate(
        IndicatorCatalogue catalogue,
        ScoringMethodology methodology,
        IReadOnlyDictionary<string, StoredIndicatorValue> values,
        IReadOnlyList<Programme> programmes,
        PlausibilityContext plausibility,
        PlausibilityOptions options,
        int currentYear,
        ReturnScope? returned = null,
        IReadOnlyList<PlausibilityFlag>? storedFlags = null)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(programmes);
        ArgumentNullException.ThrowIfNull(plausibility);
        var blocking = new List<BlockingItem>();
        var flags = new List<PlausibilityFlag>();
        var information = new List<PlausibilityFlag>();
        var storedByKey = (storedFlags ?? []).ToLookup(f => f.Key, StringComparer.Ordinal);
        foreach (var mapping in methodology.Indicators)
        {
            var indicator = catalogue.Find(mapping.Key);
            if (indicator is null)
            {
                continue;
            }

            if (returned is not null && !returned.Indicators.Contains(mapping.Key))
            {
                var kept = storedByKey[mapping.Key].Where(f => !f.Informational).ToList();
                flags.AddRange(kept);
                if (values.TryGetValue(mapping.Key, out var locked) && locked.Entry.Value is { } lockedValue)
                {
                    information.AddRange(PlausibilityRules.Check(mapping.Key, lockedValue, plausibility.Previous.TryGetValue(mapping.Key, out var lp) ? lp : null,
                            plausibility.Peers.GetValueOrDefault(mapping.Key), options, mapping)
                        .Where(f => !kept.Any(k => k.Rule == f.Rule))
                        .Select(f => f with { Informational = true }));
                }

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
        foreach (var programme in programmes.Where(p => returned is null || returned.Programmes.Contains(p.Id)))
        {
            var result = validator.Validate(programme);
            if (!result.IsValid)
            {
                blocking.Add(new BlockingItem(programme.Id.ToString(), programme.Dimension, $"{programme.Name}: {string.Join(" ", result.Errors.Select(e => e.ErrorMessage).Distinct())}"));
            }
        }

        return new SubmissionCheck(blocking, flags, information);
    }
}
