using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Accounts;

namespace Survey.Data.Accounts;

/// <summary>User lists, the sign-in audit and API tokens.</summary>
public sealed class AccountRepository(NpgsqlDataSource dataSource) : IAccountRepository
{
    private const string ListSql = $"""
        SELECT {UserStore.Columns} FROM app_user
        WHERE (@Role IS NULL OR role = @Role)
          AND (@Region IS NULL OR region_code = @Region)
          AND (@Search IS NULL OR name ILIKE '%' || @Search || '%' OR email ILIKE '%' || @Search || '%')
        ORDER BY created_at DESC, email
        LIMIT 1000
        """;

    private const string CountAdminsSql = "SELECT count(*) FROM app_user WHERE role = 'admin' AND disabled_at IS NULL";

    private const string RecordSql = """
        INSERT INTO signin_event (user_id, actor_id, email, event, address, detail)
        VALUES (@UserId, @ActorId, @Email, @Event, @Address, @Detail::jsonb)
        """;

    private const string EventsSql = """
        SELECT id, occurred_at, user_id, actor_id, email, event, address, detail::text AS detail
        FROM signin_event
        WHERE (@UserId IS NULL OR user_id = @UserId)
        ORDER BY id DESC
        LIMIT @Limit
        """;

    private const string AddTokenSql = """
        INSERT INTO api_token (id, user_id, token_hash, security_stamp, expires_at)
        VALUES (@Id, @UserId, @TokenHash, @SecurityStamp, @ExpiresAt)
        """;

    private const string FindByTokenSql = $"""
        SELECT {UserStore.Columns} FROM app_user u
        WHERE u.disabled_at IS NULL
          AND EXISTS (SELECT 1 FROM api_token t
                      WHERE t.user_id = u.id AND t.token_hash = @TokenHash AND t.revoked_at IS NULL
                        AND t.expires_at > @Now AND t.security_stamp = u.security_stamp)
        """;

    private const string ListTokensSql = """
        SELECT t.id, t.created_at, t.expires_at FROM api_token t JOIN app_user u ON u.id = t.user_id
        WHERE t.user_id = @UserId AND t.revoked_at IS NULL AND t.expires_at > @Now AND t.security_stamp = u.security_stamp
        ORDER BY t.created_at DESC
        LIMIT 200
        """;

    private const string RevokeTokenSql = """
        UPDATE api_token SET revoked_at = now()
        WHERE id = @Id AND revoked_at IS NULL AND (@OwnerId::uuid IS NULL OR user_id = @OwnerId)
        RETURNING user_id
        """;

    public async Task<IReadOnlyList<AppUser>> ListAsync(string? role, string? region, string? search, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<AppUser>(new CommandDefinition(ListSql, new
        {
            Role = string.IsNullOrWhiteSpace(role) ? null : role,
            Region = string.IsNullOrWhiteSpace(region) ? null : region,
            Search = string.IsNullOrWhiteSpace(search) ? null : search.Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal),
        }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<int> CountActiveAdminsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(CountAdminsSql, cancellationToken: cancellationToken));
    }

    public async Task RecordAsync(string eventName, Guid? userId, Guid? actorId, string? email, string? address, object? detail, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RecordSql, new
        {
            UserId = userId,
            ActorId = actorId,
            Email = email,
            Event = eventName,
            Address = address,
            Detail = JsonSerializer.Serialize(detail ?? new { }),
        }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<SignInEvent>> ListEventsAsync(Guid? userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition(EventsSql, new { UserId = userId, Limit = limit }, cancellationToken: cancellationToken));
        return rows.Select(r => new SignInEvent(r.Id, new DateTimeOffset(r.OccurredAt, TimeSpan.Zero), r.UserId, r.ActorId, r.Email, r.Event, r.Address, r.Detail)).ToList();
    }

    public async Task<Guid> AddTokenAsync(Guid userId, string tokenHash, string securityStamp, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(AddTokenSql, new
        {
            Id = id,
            UserId = userId,
            TokenHash = tokenHash,
            SecurityStamp = securityStamp,
            ExpiresAt = expiresAt.UtcDateTime,
        }, cancellationToken: cancellationToken));
        return id;
    }

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(Guid userId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, DateTime CreatedAt, DateTime ExpiresAt)>(new CommandDefinition(ListTokensSql, new { UserId = userId, Now = now.UtcDateTime }, cancellationToken: cancellationToken));
        return rows.Select(r => new TokenInfo(r.Id, new DateTimeOffset(r.CreatedAt, TimeSpan.Zero), new DateTimeOffset(r.ExpiresAt, TimeSpan.Zero))).ToList();
    }

    public async Task<Guid?> RevokeTokenAsync(Guid tokenId, Guid? ownerId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(RevokeTokenSql, new { Id = tokenId, OwnerId = ownerId }, cancellationToken: cancellationToken));
    }

    public async Task<AppUser?> FindByTokenAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<AppUser>(new CommandDefinition(FindByTokenSql, new { TokenHash = tokenHash, Now = now.UtcDateTime }, cancellationToken: cancellationToken));
    }

    private sealed record EventRow(long Id, DateTime OccurredAt, Guid? UserId, Guid? ActorId, string? Email, string Event, string? Address, string Detail);
}
