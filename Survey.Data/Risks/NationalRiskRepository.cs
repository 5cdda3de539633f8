using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Domain.Common;
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
               r.actions::text AS actions, coalesce(m.actions, '[]'::jsonb)::text AS progress, m.current_likelihood, m.current_impact
        FROM programme_risk r
        JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
        JOIN region g ON g.code = p.region_code
        LEFT JOIN risk_monitoring m ON m.period_code = r.period_code AND m.risk_id = r.id
        WHERE r.period_code = @Period AND g.participating
        """;

    public async Task<IReadOnlyList<NationalRiskRow>> ListAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Sql, new { Period = period }, cancellationToken: cancellationToken));
        return rows.Select(r => new NationalRiskRow(r.Id, r.Title, r.Type, r.Category, r.Likelihood, r.Impact, r.TreatmentOption, r.Region, r.RegionName, r.Province,
            r.Cohort, r.IsDemo, r.Programme, r.ProgrammeName, r.Dimension, r.Unit,
            JsonSerializer.Deserialize<List<RiskAction>>(r.Actions, ContentHash.JsonOptions) ?? [],
            JsonSerializer.Deserialize<List<ActionProgress>>(r.Progress, ContentHash.JsonOptions) ?? [],
            r.CurrentLikelihood, r.CurrentImpact)).ToList();
    }

    private sealed record Row(Guid Id, string Title, string Type, string? Category, int Likelihood, int Impact, string? TreatmentOption, string Region, string RegionName,
        string Province, int? Cohort, bool IsDemo, Guid Programme, string ProgrammeName, string Dimension, string? Unit, string Actions, string Progress,
        int? CurrentLikelihood, int? CurrentImpact);
}
