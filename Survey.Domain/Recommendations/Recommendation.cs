using Survey.Domain.Common;

namespace Survey.Domain.Recommendations;

public static class Priorities
{
    public const string High = "high";
    public const string Medium = "medium";
    public const string Low = "low";

    public static readonly IReadOnlyList<string> All = [High, Medium, Low];
}

/// <summary>What the region reports of a recommendation in a period.</summary>
public static class FollowUpStatuses
{
    public const string Done = "done";
    public const string InProgress = "in_progress";
    public const string NotStarted = "not_started";
    public const string Cannot = "cannot";

    public static readonly IReadOnlyList<string> All = [Done, InProgress, NotStarted, Cannot];
}

/// <summary>The evaluator's verdict on a follow-up.</summary>
public static class Verdicts
{
    public const string Done = "done";
    public const string InProgress = "in_progress";
    public const string NotDone = "not_done";

    public static readonly IReadOnlyList<string> All = [Done, InProgress, NotDone];
}

/// <summary>The addressee that is not a unit.</summary>
public static class Addressees
{
    public const string RegionalHead = "regional_head";
}

/// <summary>The region's follow-up of a recommendation in one period, and the evaluator's verification of it.</summary>
public sealed record FollowUp(string Period, string Status, string? Action, string? Reason, string? Evidence)
{
    public string? UpdatedByName { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public string? Verdict { get; init; }

    public string? VerdictNote { get; init; }

    public string? VerifiedByName { get; init; }

    public DateTimeOffset? VerifiedAt { get; init; }
}

/// <summary>
/// A recommendation of the evaluator to a region, written in <see cref="Period"/>, addressed to the regional head or
/// a unit, optionally tied to a dimension, programme, risk or obstacle, due by <see cref="DuePeriod"/>; open until a
/// verification accepts a follow-up as done (<see cref="ClosedPeriod"/>).
/// </summary>
public sealed record Recommendation(
    Guid Id,
    string Period,
    string AddressedTo,
    string? Dimension,
    Guid? Programme,
    Guid? Risk,
    Guid? Obstacle,
    string Text,
    string Priority,
    string DuePeriod)
{
    public string? ClosedPeriod { get; init; }

    public string? CreatedByName { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Every period's follow-up, oldest first.</summary>
    public IReadOnlyList<FollowUp> FollowUps { get; init; } = [];

    public bool IsOpen => ClosedPeriod is null;

    /// <summary>Whether the region owes a follow-up in <paramref name="period"/>: due by then (or earlier) and not closed before it.</summary>
    public bool IsDueIn(string period) =>
        string.CompareOrdinal(Period, period) < 0 && string.CompareOrdinal(DuePeriod, period) <= 0 && (ClosedPeriod is null || string.CompareOrdinal(ClosedPeriod, period) >= 0);

    /// <summary>Whether the region may report a follow-up in <paramref name="period"/> (any period after it was written, until closed).</summary>
    public bool AcceptsFollowUpIn(string period) =>
        string.CompareOrdinal(Period, period) < 0 && (ClosedPeriod is null || ClosedPeriod == period);

    public FollowUp? FollowUpIn(string period) => FollowUps.FirstOrDefault(f => f.Period == period);

    /// <summary>Whether it was followed up as done by its due period (verified as done in or before it).</summary>
    public bool ClosedInTime => ClosedPeriod is { } closed && string.CompareOrdinal(closed, DuePeriod) <= 0;
}

/// <summary>Recommendations in storage; every write is one transaction with its audit row.</summary>
public interface IRecommendationRepository
{
    /// <summary>
    /// The region's recommendations that matter in the scope's period: written in it or before and still open,
    /// or closed in it or the period before ("recently closed"), with all their follow-ups.
    /// </summary>
    Task<IReadOnlyList<Recommendation>> ListAsync(Scope scope, CancellationToken cancellationToken);

    Task AddAsync(string region, Recommendation recommendation, Guid actorId, CancellationToken cancellationToken);

    /// <summary>Writes the region's follow-up in the period (clearing an earlier verification of it).</summary>
    Task SaveFollowUpAsync(Scope scope, Guid recommendation, FollowUp followUp, Guid actorId, CancellationToken cancellationToken);

    /// <summary>
    /// Per participating region, how many recommendations are due in <paramref name="period"/> (written before it, due by
    /// it, open), only those without the period's follow-up when <paramref name="unansweredOnly"/>.
    /// </summary>
    Task<IReadOnlyList<(string Region, int Count)>> DueAsync(string period, bool unansweredOnly, CancellationToken cancellationToken);

    /// <summary>Writes the evaluator's verdict on the period's follow-up; a "done" closes the recommendation in the period.</summary>
    Task VerifyAsync(Scope scope, Guid recommendation, string verdict, string? note, Guid actorId, CancellationToken cancellationToken);
}
