using Dapper;
using Npgsql;
using Survey.Domain.Accounts;

namespace Survey.Data.Accounts;

/// <summary>Sign-in sessions in <c>auth_session</c>; one indexed read per request.</summary>
public sealed class SessionRepository(NpgsqlDataSource dataSource) : ISessionRepository
{
    private const string StoreSql = """
        DELETE FROM auth_session WHERE expires_at < now() - interval '2 days';
        INSERT INTO auth_session (id, user_id, security_stamp, ticket, expires_at)
        VALUES (@Id, @UserId, @SecurityStamp, @Ticket, @ExpiresAt)
        """;

    private const string RenewSql = """
        UPDATE auth_session SET ticket = @Ticket, security_stamp = @SecurityStamp, expires_at = @ExpiresAt WHERE id = @Id AND ended_at IS NULL
        """;

    private const string FindSql = """
        SELECT s.ticket FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = @Id AND s.ended_at IS NULL AND s.expires_at > @Now
          AND u.disabled_at IS NULL AND u.security_stamp = s.security_stamp
        """;

    private const string FindExpiredSql = """
        SELECT s.user_id, s.ticket FROM auth_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.id = @Id AND s.signed_out_at IS NULL AND s.expires_at > @Now - interval '1 day'
          AND u.disabled_at IS NULL AND u.security_stamp = s.security_stamp
        """;

    private const string EndSql = "UPDATE auth_session SET ended_at = coalesce(ended_at, now()) WHERE id = @Id";

    private const string SignOutSql = """
        UPDATE auth_session SET ended_at = coalesce(ended_at, now()), signed_out_at = coalesce(signed_out_at, now()) WHERE id = @Id
        """;

    private const string SignOutEverywhereSql = """
        UPDATE auth_session SET ended_at = coalesce(ended_at, now()), signed_out_at = coalesce(signed_out_at, now())
        WHERE user_id = @UserId AND signed_out_at IS NULL
        """;

    public async Task StoreAsync(string id, Guid userId, string securityStamp, byte[] ticket, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(StoreSql, new { Id = id, UserId = userId, SecurityStamp = securityStamp, Ticket = ticket, ExpiresAt = expiresAt.UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task RenewAsync(string id, string securityStamp, byte[] ticket, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RenewSql, new { Id = id, SecurityStamp = securityStamp, Ticket = ticket, ExpiresAt = expiresAt.UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task<byte[]?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition(FindSql, new { Id = id, Now = now.UtcDateTime }, cancellationToken: cancellationToken));
    }

    public async Task<(Guid UserId, byte[] Ticket)?> FindExpiredAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ExpiredRow>(new CommandDefinition(FindExpiredSql, new { Id = id, Now = now.UtcDateTime }, cancellationToken: cancellationToken));
        return row is null ? null : (row.UserId, row.Ticket);
    }

    public async Task EndAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(EndSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task SignOutAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SignOutSql, new { Id = id }, cancellationToken: cancellationToken));
    }

    public async Task SignOutEverywhereAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(SignOutEverywhereSql, new { UserId = userId }, cancellationToken: cancellationToken));
    }

    private sealed record ExpiredRow(Guid UserId, byte[] Ticket);
}
