using Dapper;
using Npgsql;
using Survey.Domain.Reports;

namespace Survey.Data.Reports;

/// <summary>The register of issued evaluation reports (migration 0036).</summary>
public sealed class EvaluationReportRepository(NpgsqlDataSource dataSource) : IEvaluationReportRepository
{
    public async Task RegisterAsync(EvaluationReportContent report, int snapshotId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO evaluation_report (hash, region_code, period_code, snapshot_id, index_100, predicate, language)
            VALUES (@Hash, @Region, @Period, @SnapshotId, @Index100, @Predicate, @Language)
            ON CONFLICT (hash) DO NOTHING
            """, new { report.Hash, report.Region, report.Period, SnapshotId = snapshotId, report.Index100, report.Predicate, report.Language }, cancellationToken: cancellationToken));
    }

    public async Task<IssuedReport?> FindAsync(string hash, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<IssuedReport>(new CommandDefinition("""
            SELECT e.hash, e.region_code AS region, g.name AS region_name, e.period_code AS period, e.index_100, e.predicate, e.language, e.issued_at,
                   s.version AS snapshot_version, g.is_demo
            FROM evaluation_report e JOIN region g ON g.code = e.region_code JOIN score_snapshot s ON s.id = e.snapshot_id
            WHERE e.hash = @Hash
            """, new { Hash = hash }, cancellationToken: cancellationToken));
    }
}
