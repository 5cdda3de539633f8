namespace Survey.Domain.Accounts;

/// <summary>
/// Server-side sign-in sessions. A session is valid only while it has not ended, has not expired, and its user is
/// enabled with the security stamp the session was made under: signing out, disabling the user or changing the
/// password ends it at the next request.
/// </summary>
public interface ISessionRepository
{
    /// <summary>Stores a new session with its serialised ticket.</summary>
    Task StoreAsync(string id, Guid userId, string securityStamp, byte[] ticket, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the ticket of a live session: sliding expiry, or a sign-in refreshed after the user's own change of
    /// password or two-factor set-up (which renews the security stamp the session is checked against).
    /// </summary>
    Task RenewAsync(string id, string securityStamp, byte[] ticket, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>The ticket of a live, valid session; <c>null</c> when ended, expired, disabled or re-stamped.</summary>
    Task<byte[]?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// The user and ticket of a session that expired (or ended by expiry) within the last day and was not signed out,
    /// whose user is still enabled under the same stamp: a post that arrives after the session expired may be kept
    /// for that user. <c>null</c> otherwise.
    /// </summary>
    Task<(Guid UserId, byte[] Ticket)?> FindExpiredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Ends a session (its expiry was reached, or it was replaced).</summary>
    Task EndAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ends a session by signing out: nothing may be kept for it afterwards.</summary>
    Task SignOutAsync(string id, CancellationToken cancellationToken);

    /// <summary>Ends every session of a user (disabled, password reset by an administrator).</summary>
    Task SignOutEverywhereAsync(Guid userId, CancellationToken cancellationToken);
}
