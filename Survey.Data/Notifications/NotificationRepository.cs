using Dapper;
using Npgsql;
using Survey.Domain.Common;
using Survey.Domain.Notifications;

namespace Survey.Data.Notifications;

/// <summary>Notifications in PostgreSQL: recipients chosen and rows written in one set-based statement.</summary>
public sealed class NotificationRepository(NpgsqlDataSource dataSource) : INotificationRepository
{
    private const string Active = "u.disabled_at IS NULL";

    private static string RecipientsSql(Audience audience) => audience switch
    {
        Audience.RegionCoordinators => $"SELECT u.id FROM app_user u WHERE u.role = 'coordinator' AND u.region_code = @Region AND {Active}",
        Audience.RegionEvaluators => $"""
            SELECT u.id FROM app_user u JOIN evaluator_assignment a ON a.evaluator_id = u.id WHERE a.region_code = @Region AND {Active}
            UNION
            SELECT u.id FROM app_user u WHERE u.role = 'evaluator' AND {Active}
              AND NOT EXISTS (SELECT 1 FROM evaluator_assignment a JOIN app_user e ON e.id = a.evaluator_id WHERE a.region_code = @Region AND e.disabled_at IS NULL)
            """,
        Audience.AllCoordinators => $"SELECT u.id FROM app_user u WHERE u.role = 'coordinator' AND {Active}",
        Audience.CoordinatorsNotSubmitted => $"""
            SELECT u.id FROM app_user u WHERE u.role = 'coordinator' AND {Active}
              AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.period_code = @Period AND s.region_code = u.region_code AND s.status IN ('submitted', 'approved'))
            """,
        Audience.UnitOperators => $"SELECT u.id FROM app_user u WHERE u.role = 'unit_operator' AND u.region_code = @Region AND u.unit_code = @Unit AND {Active}",
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };

    public async Task<int> NotifyAsync(Audience audience, string kind, string? period, string? region, string dedupeKey, LocalizedText text, string link, CancellationToken cancellationToken, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO notification (user_id, kind, period_code, region_code, dedupe_key, text_id, text_en, link)
            SELECT r.id, @Kind, @Period, @Region, @Dedupe, @TextId, @TextEn, @Link FROM ({RecipientsSql(audience)}) r
            ON CONFLICT (user_id, dedupe_key) DO NOTHING
            """, new { Kind = kind, Period = period, Region = region, Unit = unit, Dedupe = dedupeKey, TextId = text.Id, TextEn = text.En, Link = link }, cancellationToken: cancellationToken));
    }

    public async Task<int> UnreadCountAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::integer FROM notification WHERE user_id = @User AND read_at IS NULL", new { User = userId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<Notification>> ListAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Notification>(new CommandDefinition("""
            SELECT id, kind, period_code, region_code, text_id, text_en, link, created_at, read_at
            FROM notification WHERE user_id = @User ORDER BY id DESC LIMIT @Limit
            """, new { User = userId, Limit = limit }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<string?> MarkReadAsync(Guid userId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "UPDATE notification SET read_at = coalesce(read_at, now()) WHERE id = @Id AND user_id = @User RETURNING link",
            new { Id = id, User = userId }, cancellationToken: cancellationToken));
    }

    public async Task<int> MarkAllReadAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notification SET read_at = now() WHERE user_id = @User AND read_at IS NULL", new { User = userId }, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<OutgoingMail>> UnmailedAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<OutgoingMail>(new CommandDefinition("""
            SELECT n.id, u.email, u.name, n.text_id, n.text_en, n.link
            FROM notification n JOIN app_user u ON u.id = n.user_id
            WHERE n.mailed_at IS NULL AND n.created_at > now() - interval '2 days' AND u.disabled_at IS NULL
            ORDER BY n.id LIMIT @Max
            """, new { Max = max }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task MarkMailedAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE notification SET mailed_at = now() WHERE id = @Id", new { Id = id }, cancellationToken: cancellationToken));
    }
}
