using Dapper;
using Npgsql;
using Survey.Domain.Periods;

namespace Survey.Data.Periods;

/// <summary>
/// Every participating region's state in a period, in one query: the review queue, the dashboards' counts and the
/// publication guard read the same rows. A region without a submission row, or with a draft that holds no value and
/// no programme, has not started.
/// </summary>
public static class Standings
{
    /// <summary>The state of region <c>r</c> with its submission <c>s</c> (left joined) in period <c>@Period</c>.</summary>
    public const string StatusExpression = """
        CASE
            WHEN s.status IS NULL THEN 'not_started'
            WHEN s.status = 'draft'
                 AND NOT EXISTS (SELECT 1 FROM indicator_value v WHERE v.period_code = @Period AND v.region_code = r.code)
                 AND NOT EXISTS (SELECT 1 FROM programme p WHERE p.period_code = @Period AND p.region_code = r.code) THEN 'not_started'
            ELSE s.status
        END
        """;

    public const string Sql = "SELECT r.code AS region, r.name, r.is_demo, " + StatusExpression + """
         AS status
        FROM region r
        LEFT JOIN submission s ON s.period_code = @Period AND s.region_code = r.code
        WHERE r.participating OR s.region_code IS NOT NULL
        ORDER BY r.code
        """;

    public static async Task<IReadOnlyList<RegionStanding>> ReadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return (await connection.QueryAsync<RegionStanding>(new CommandDefinition(Sql, new { Period = period }, transaction, cancellationToken: cancellationToken))).ToList();
    }
}
