using Survey.Domain.Common;

namespace Survey.Domain.Notifications;

/// <summary>Who receives a notification.</summary>
public enum Audience
{
    /// <summary>The coordinators of the region.</summary>
    RegionCoordinators,

    /// <summary>The evaluators assigned to the region, or every evaluator when nobody is assigned.</summary>
    RegionEvaluators,

    /// <summary>Every coordinator.</summary>
    AllCoordinators,

    /// <summary>Coordinators whose region has not submitted in the period yet.</summary>
    CoordinatorsNotSubmitted,

    /// <summary>The operators of one unit of the region.</summary>
    UnitOperators,
}

/// <summary>A notification in a user's bell.</summary>
public sealed record Notification(long Id, string Kind, string? PeriodCode, string? RegionCode, string TextId, string TextEn, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    /// <summary>The text in the current UI language.</summary>
    public string Text => new LocalizedText(TextId, TextEn).ToString();
}

/// <summary>A notification to mail.</summary>
public sealed record OutgoingMail(long Id, string Email, string Name, string TextId, string TextEn, string Link);

/// <summary>Notifications in storage.</summary>
public interface INotificationRepository
{
    /// <summary>
    /// Adds a notification for every user of <paramref name="audience"/> in one statement; a user who already has
    /// one with the same <paramref name="dedupeKey"/> gets no second one. Returns how many were added.
    /// </summary>
    /// <remarks><paramref name="unit"/> names the unit for <see cref="Audience.UnitOperators"/>.</remarks>
    Task<int> NotifyAsync(Audience audience, string kind, string? period, string? region, string dedupeKey, LocalizedText text, string link, CancellationToken cancellationToken, string? unit = null);

    Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The newest notifications of the user.</summary>
    Task<IReadOnlyList<Notification>> ListAsync(Guid userId, int limit, CancellationToken cancellationToken);

    /// <summary>Marks one read; returns its link, or <c>null</c> when it is not the user's.</summary>
    Task<string?> MarkReadAsync(Guid userId, long id, CancellationToken cancellationToken);

    Task<int> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> notifications of the last two days not mailed yet.</summary>
    Task<IReadOnlyList<OutgoingMail>> UnmailedAsync(int max, CancellationToken cancellationToken);

    Task MarkMailedAsync(long id, CancellationToken cancellationToken);
}
