using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Risks;
using Survey.Domain.Submissions;

namespace Survey.Data.Risks;

/// <summary>Every participating region's risks of a period in one query (with the programme, region and monitoring).</summary>
public sealed class NationalRiskRepository(NpgsqlDataSource dataSource) : INationalRiskRepository
{
    private const string Sql = """
        SELECT r.id, r.title, r.type, r.category, r.likelihood, r.impact, r.treatment_option,
               g.code AS region, g.name AS region_name, g.province, g.cohort_year AS cohort, g.is_demo,
               p.id AS programme, p.name AS programme_name, p.dimension, p.unit_code AS unit,
               r.actions::text AS actions, coalesce(m.actions, '[]'::jsonb)::text AS progress, m.current_likelihood, m.current_impact,
               b.likelihood AS previous_likelihood, b.impact AS previous_impact, bm.current_likelihood AS previous_current_likelihood, bm.current_impact AS previous_current_impact
        FROM programme_risk r
        JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
        JOIN region g ON g.code = p.region_code
        LEFT JOIN risk_monitoring m ON m.period_code = r.period_code AND m.risk_id = r.id
        LEFT JOIN programme_risk b ON b.period_code = @Previous AND b.id = r.id
        LEFT JOIN risk_monitoring bm ON bm.period_code = @Previous AND bm.risk_id = r.id
        WHERE r.period_code = @Period AND g.participating
        """;

    // The effective level is the verified one where the evaluator set it, else the region's own.
    private const string DropsSql = """
        SELECT g.code AS region, g.name AS region_name, g.province, g.cohort_year AS cohort, g.is_demo,
               p.id AS programme, p.name AS programme_name,
               coalesce(q.verified_level, q.maturity_level) AS before, coalesce(p.verified_level, p.maturity_level) AS now
        FROM programme p
        JOIN programme q ON q.period_code = @Previous AND q.id = p.id
        JOIN region g ON g.code = p.region_code
        WHERE p.period_code = @Period AND g.participating
          AND coalesce(p.verified_level, p.maturity_level) < coalesce(q.verified_level, q.maturity_level)
        """;

    public async Task<IReadOnlyList<NationalRiskRow>> ListAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { Period = period, Previous = PeriodCodes.Previous(period) }, cancellationToken: cancellationToken));
        return rows.Select(r => new NationalRiskRow(r.Id, r.Title, r.Type, r.Category, r.Likelihood, r.Impact, r.TreatmentOption, r.Region, r.RegionName, r.Province,
            r.Cohort, r.IsDemo, r.Programme, r.ProgrammeName, r.Dimension, r.Unit,
            JsonSerializer.Deserialize<List<RiskAction>>(r.Actions, ContentHash.JsonOptions) ?? [],
            JsonSerializer.Deserialize<List<ActionProgress>>(r.Progress, ContentHash.JsonOptions) ?? [],
            r.CurrentLikelihood, r.CurrentImpact)
        {
            Previous = r.PreviousLikelihood is { } l && r.PreviousImpact is { } i ? (l, i, r.PreviousCurrentLikelihood, r.PreviousCurrentImpact) : null,
        }).ToList();
    }

    public async Task<IReadOnlyList<MaturityDrop>> MaturityDropsAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<MaturityDrop>(new CommandDefinition(DropsSql, new { Period = period, Previous = PeriodCodes.Previous(period) }, cancellationToken: cancellationToken))).ToList();
    }

    private sealed record Row(Guid Id, string Title, string Type, string? Category, int Likelihood, int Impact, string? TreatmentOption, string Region, string RegionName,
        string Province, int? Cohort, bool IsDemo, Guid Programme, string ProgrammeName, string Dimension, string? Unit, string Actions, string Progress,
        int? CurrentLikelihood, int? CurrentImpact, int? PreviousLikelihood, int? PreviousImpact, int? PreviousCurrentLikelihood, int? PreviousCurrentImpact);
}
