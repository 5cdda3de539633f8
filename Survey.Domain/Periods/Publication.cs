using Survey.Domain.Common;

namespace Survey.Domain.Periods;

/// <summary>Where a participating region stands in a period, as the review queue and the publication see it.</summary>
public static class RegionStates
{
    /// <summary>Nothing entered yet (no value, no programme).</summary>
    public const string NotStarted = "not_started";

    // The four states of a submission (Submissions.SubmissionStatus) under their stored names.
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Returned = "returned";
    public const string Approved = "approved";

    /// <summary>The standing of a submission in <paramref name="status"/> (the stored name of the status).</summary>
    public static string Of(Submissions.SubmissionStatus status) => Submissions.SubmissionStatuses.NameOf(status);

    /// <summary>Approved and in the published snapshot.</summary>
    public const string Published = "published";

    /// <summary>Left out of the published snapshot by the administrator, with a reason.</summary>
    public const string Excluded = "excluded";

    /// <summary>The period is published and the region never submitted.</summary>
    public const string NotSubmitted = "not_submitted";

    /// <summary>Every state of an unpublished period, in the order of the workflow.</summary>
    public static IReadOnlyList<string> All { get; } = [NotStarted, Draft, Submitted, Returned, Approved];

    /// <summary>What the state means once the period is published (unchanged before).</summary>
    public static string AfterPublication(string status, bool periodPublished, bool excluded) =>
        !periodPublished ? status
        : excluded ? Excluded
        : status == Approved ? Published
        : status is NotStarted or Draft ? NotSubmitted
        : status;
}

/// <summary>A participating region and its state in a period.</summary>
public sealed record RegionStanding(string Region, string Name, bool IsDemo, string Status);

/// <summary>A region the administrator leaves out of a publication, with the reason (shown publicly).</summary>
public sealed record PublicationExclusion(string Region, string Reason);

/// <summary>What a publication would hold, and what stops it.</summary>
/// <param name="Regions">Every participating region with its state.</param>
/// <param name="Included">The regions whose reviewed data goes into the snapshot (approved, not excluded).</param>
/// <param name="Blocking">Regions submitted but not reviewed, or returned, and not excluded: publication waits for them.</param>
/// <param name="NotSubmitted">Regions that never submitted (not started or draft): they have no published score.</param>
/// <param name="Exclusions">The exclusions asked for, each naming a region of the period.</param>
public sealed record PublicationPlan(
    IReadOnlyList<RegionStanding> Regions,
    IReadOnlyList<RegionStanding> Included,
    IReadOnlyList<RegionStanding> Blocking,
    IReadOnlyList<RegionStanding> NotSubmitted,
    IReadOnlyList<PublicationExclusion> Exclusions)
{
    public bool CanPublish => Blocking.Count == 0;
}

/// <summary>
/// The publication guard: a snapshot holds reviewed, submitted data only. While a region is submitted but not
/// reviewed, or returned to its coordinator, the period cannot be published unless the administrator excludes that
/// region with a reason (recorded with the snapshot and shown on the public page). Regions that never submitted have
/// no data to publish; they are listed as not submitted.
/// </summary>
public static class PublicationRules
{
    public const int ReasonMin = 3;
    public const int ReasonMax = 1000;

    /// <summary>Whether a region in this state stops the publication unless excluded.</summary>
    public static bool Blocks(string status) => status is RegionStates.Submitted or RegionStates.Returned;

    /// <summary>The plan for the given exclusions, and per-field errors (current UI language) of those exclusions.</summary>
    public static (PublicationPlan Plan, Dictionary<string, string[]> Errors) Plan(IReadOnlyList<RegionStanding> regions, IReadOnlyList<PublicationExclusion> exclusions)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentNullException.ThrowIfNull(exclusions);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var byCode = regions.ToDictionary(r => r.Region, StringComparer.Ordinal);
        var accepted = new Dictionary<string, PublicationExclusion>(StringComparer.Ordinal);
        foreach (var exclusion in exclusions)
        {
            var field = $"exclusions.{exclusion.Region}";
            var reason = exclusion.Reason?.Trim() ?? string.Empty;
            if (!byCode.ContainsKey(exclusion.Region ?? string.Empty))
            {
                errors[field] = [Messages.Get("PublicationUnknownRegion", exclusion.Region ?? string.Empty)];
            }
            else if (accepted.ContainsKey(exclusion.Region!))
            {
                errors[field] = [Messages.Get("PublicationDuplicateExclusion", exclusion.Region!)];
            }
            else if (reason.Length < ReasonMin)
            {
                errors[field] = [Messages.Get("PublicationExclusionReason", byCode[exclusion.Region!].Name)];
            }
            else if (reason.Length > ReasonMax)
            {
                errors[field] = [Messages.Get("TooLong", Messages.Field("reason"), ReasonMax)];
            }
            else if (reason.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                errors[field] = [Messages.Get("ControlCharacters", Messages.Field("reason"))];
            }
            else
            {
                accepted[exclusion.Region!] = exclusion with { Reason = reason };
            }
        }

        var kept = regions.Where(r => !accepted.ContainsKey(r.Region)).ToList();
        var plan = new PublicationPlan(
            regions,
            kept.Where(r => r.Status == RegionStates.Approved).ToList(),
            kept.Where(r => Blocks(r.Status)).ToList(),
            kept.Where(r => r.Status is RegionStates.NotStarted or RegionStates.Draft).ToList(),
            accepted.Values.OrderBy(e => e.Region, StringComparer.Ordinal).ToList());
        return (plan, errors);
    }
}
