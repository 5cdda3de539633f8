using System.Runtime.CompilerServices;
using Npgsql;
using Survey.Domain.Exports;

namespace Survey.Data.Exports;

/// <summary>
/// Streams the rows of the raw exports straight from PostgreSQL, one at a time: nothing is held in memory
/// but the current row, whatever the size of the period.
/// </summary>
public sealed class ExportReader(NpgsqlDataSource dataSource) : IExportReader
{
    public async IAsyncEnumerable<IndicatorValueRow> IndicatorValuesAsync(string period, string? region, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Scoped(connection, $"""
            SELECT v.region_code, r.name, r.province, r.kind, r.is_demo, s.status, v.indicator_key, i.clause,
                   v.value, v.numerator, v.denominator, v.not_available_reason, v.source_agency, v.source_document, v.source_year, v.updated_at,
                   a.unit_code, u.name
            FROM indicator_value v
            JOIN region r ON r.code = v.region_code
            JOIN submission s ON s.period_code = v.period_code AND s.region_code = v.region_code
            JOIN indicator i ON i.key = v.indicator_key
            LEFT JOIN indicator_assignment a ON a.period_code = v.period_code AND a.region_code = v.region_code AND a.indicator_key = v.indicator_key
            LEFT JOIN unit u ON u.region_code = a.region_code AND u.code = a.unit_code
            WHERE v.period_code = $1 {(region is null ? string.Empty : "AND v.region_code = $2")}
            ORDER BY v.region_code, i.sort_order
            """, period, region);

        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new IndicatorValueRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetBoolean(4), reader.GetString(5),
                reader.GetString(6), reader.GetString(7),
                reader.IsDBNull(8) ? null : reader.GetDecimal(8), reader.IsDBNull(9) ? null : reader.GetDecimal(9), reader.IsDBNull(10) ? null : reader.GetDecimal(10),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetInt32(14), reader.GetFieldValue<DateTimeOffset>(15),
                reader.IsDBNull(16) ? null : reader.GetString(16), reader.IsDBNull(17) ? null : reader.GetString(17));
        }
    }

    public async IAsyncEnumerable<AnswerRow> AnswersAsync(string period, string? region, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Scoped(connection, $"""
            SELECT r.id, r.region_code, r.completed_on, a.item_code, a.likert, a.choice, a.number, a.text, a.dont_know
            FROM response r JOIN answer a ON a.response_id = r.id
            WHERE r.period_code = $1 {(region is null ? string.Empty : "AND r.region_code = $2")}
            ORDER BY a.response_id, a.item_code
            """, period, region);

        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new AnswerRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt16(4), reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetDecimal(6), reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetBoolean(8));
        }
    }

    // A streaming command without a timeout, with the period as $1 and the region, when given, as $2.
    private static NpgsqlCommand Scoped(NpgsqlConnection connection, string sql, string period, string? region)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter { Value = period });
        if (region is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = region });
        }

        return command;
    }
}
