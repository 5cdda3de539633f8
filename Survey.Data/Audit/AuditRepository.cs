using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using Survey.Domain.Audit;

namespace Survey.Data.Audit;

/// <summary>The audit trail in PostgreSQL, filtered in SQL and streamed for exports.</summary>
public sealed class AuditRepository(NpgsqlDataSource dataSource) : IAuditRepository
{
    private const string SelectSql = """
        SELECT e.id, e.occurred_at, e.actor_id, u.name AS actor_name, e.period_code, e.region_code, e.entity, e.entity_key, e.action,
               e.old_value::text AS old_value, e.new_value::text AS new_value
        FROM audit_event e LEFT JOIN app_user u ON u.id = e.actor_id
        WHERE (@ActorId::uuid IS NULL OR e.actor_id = @ActorId)
          AND (@Region::text IS NULL OR e.region_code = @Region)
          AND (@Period::text IS NULL OR e.period_code = @Period)
          AND (@From::timestamptz IS NULL OR e.occurred_at >= @From)
          AND (@To::timestamptz IS NULL OR e.occurred_at < @To)
          AND (@Key::text IS NULL OR e.entity_key = @Key)
          AND (@Entity::text IS NULL OR e.entity = @Entity)
          AND (@Keys::text[] IS NULL OR e.entity_key = ANY(@Keys))
        """;

    private static object Parameters(AuditQuery query) => new
    {
        query.ActorId,
        Region = Blank(query.Region),
        Period = Blank(query.Period),
        // Days are WIB, the time zone of the ministry that reads the audit trail.
        From = query.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Survey.Domain.Regions.IndonesianTimeZone.Wib.Offset) : (DateTimeOffset?)null,
        To = query.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), Survey.Domain.Regions.IndonesianTimeZone.Wib.Offset) : (DateTimeOffset?)null,
        Key = Blank(query.Key),
        Entity = Blank(query.Entity),
        Keys = query.Keys?.ToArray(),
    };

    public async Task<IReadOnlyList<AuditRow>> SearchAsync(AuditQuery query, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(Parameters(query));
        parameters.Add("Limit", limit);
        return (await connection.QueryAsync<AuditRow>(new CommandDefinition(SelectSql + " ORDER BY e.id DESC LIMIT @Limit", parameters, cancellationToken: cancellationToken))).ToList();
    }

    public async IAsyncEnumerable<AuditRow> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await foreach (var row in connection.QueryUnbufferedAsync<AuditRow>(SelectSql + " ORDER BY e.id", Parameters(query)).WithCancellation(cancellationToken))
        {
            yield return row;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
