using Dapper;
using Npgsql;
using Survey.Domain.Obstacles;

namespace Survey.Data.Obstacles;

/// <summary>Every participating region's obstacles and recommendations of a period, one query each.</summary>
public sealed class NationalObstacleRepository(NpgsqlDataSource dataSource) : INationalObstacleRepository
{
    private const string ListSql = """
        SELECT o.id, g.code AS region, g.name AS region_name, g.province, g.cohort_year AS cohort, g.is_demo,
               p.dimension, p.name AS programme_name, o.category, o.description, o.support_needed_from, o.support_body, o.status, o.needs_update
        FROM obstacle o
        JOIN region g ON g.code = o.region_code
        LEFT JOIN programme p ON p.period_code = o.period_code AND p.id = o.programme_id
        WHERE o.period_code = @Period AND g.participating
        ORDER BY g.name, o.sort_order
        """;

    private const string TrendSql = """
        SELECT o.period_code AS period,
               count(*) FILTER (WHERE o.status = 'open')::int AS open,
               count(*) FILTER (WHERE o.status = 'in_progress')::int AS in_progress,
               count(*) FILTER (WHERE o.status = 'resolved')::int AS resolved
        FROM obstacle o JOIN region g ON g.code = o.region_code
        WHERE o.period_code = ANY (@Periods) AND g.participating
        GROUP BY o.period_code
        """;

    private const string RecommendationsSql = """
        SELECT r.id, g.code AS region, g.name AS region_name, g.province, g.cohort_year AS cohort, g.is_demo, r.text, r.priority, r.due_period,
               r.closed_period, f.status AS follow_up_status, f.verdict
        FROM recommendation r
        JOIN region g ON g.code = r.region_code
        LEFT JOIN recommendation_follow_up f ON f.recommendation_id = r.id AND f.period_code = @Period
        WHERE g.participating AND r.period_code < @Period AND r.due_period <= @Period
        ORDER BY g.name, r.due_period
        """;

    public async Task<IReadOnlyList<NationalObstacleRow>> ListAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<NationalObstacleRow>(new CommandDefinition(ListSql, new { Period = period }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<ObstacleTrend>> TrendAsync(string period, int periods, CancellationToken cancellationToken)
    {
        var codes = NationalObstacles.TrendPeriods(period, periods);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = (await connection.QueryAsync<ObstacleTrend>(new CommandDefinition(TrendSql, new { Periods = codes.ToArray() }, cancellationToken: cancellationToken)))
            .ToDictionary(t => t.Period, StringComparer.Ordinal);
        return codes.Select(c => found.GetValueOrDefault(c) ?? new ObstacleTrend(c, 0, 0, 0)).ToList();
    }

    public async Task<IReadOnlyList<NationalRecommendationRow>> RecommendationsAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<NationalRecommendationRow>(new CommandDefinition(RecommendationsSql, new { Period = period }, cancellationToken: cancellationToken))).ToList();
    }
}
