using Npgsql;

namespace Survey.Data.Scoring;

/// <summary>
/// The hand-written queries the national recomputation is measured against (the <c>benchmark-scores</c>
/// command): they compute only what no scoring can skip, the mean answer per region and item, over every
/// answer and from the running sums the platform keeps.
/// </summary>
public sealed class ScoreFloors(NpgsqlDataSource dataSource)
{
    private const string RawFloorSql = """
        SELECT r.region_code, a.item_code, avg(a.likert)
        FROM response r JOIN answer a ON a.response_id = r.id
        WHERE r.period_code = $1 AND a.likert IS NOT NULL
        GROUP BY r.region_code, a.item_code
        """;

    private const string TallyFloorSql = "SELECT region_code, item_code, sum(likert_sum)::numeric / nullif(sum(likert_count), 0) FROM answer_tally WHERE period_code = $1 GROUP BY 1, 2";

    /// <summary>The means over every answer; returns how many (region, item) rows were read.</summary>
    public Task<long> MeansOverAnswersAsync(string period) => FloorAsync(period, RawFloorSql);

    /// <summary>The same means from the running sums.</summary>
    public Task<long> MeansFromTalliesAsync(string period) => FloorAsync(period, TallyFloorSql);

    public async Task<long> CountAnswersAsync(string period)
    {
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM answer a JOIN response r ON r.id = a.response_id WHERE r.period_code = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = period });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> FloorAsync(string period, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0;
        command.Parameters.Add(new NpgsqlParameter { Value = period });
        await using var reader = await command.ExecuteReaderAsync();
        long rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetDecimal(2);
            rows++;
        }

        return rows;
    }
}
