using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Data.Submissions;

/// <summary>
/// Programmes and their risks in PostgreSQL. A programme's id lasts across periods (<c>programme_identity</c>);
/// each period holds its record of it, and a risk keeps its id likewise. Every write is one transaction with
/// its audit rows: one per programme whose own fields changed and one per risk created, changed or removed.
/// </summary>
public sealed class ProgrammeRepository(NpgsqlDataSource dataSource) : IProgrammeRepository
{
    private const string ProgrammesSql = """
        SELECT id, dimension, element, name, description, agency, start_year, budget, maturity_level, justification, verified_level, verified_note, unit_code AS unit, version, co_units
        FROM programme WHERE period_code = @Period AND region_code = @Region
        ORDER BY dimension, sort_order, name
        """;

    private const string RisksSql = """
        SELECT r.id, r.programme_id, r.title, r.likelihood, r.impact, r.mitigation, r.owner, r.type, r.category, r.impact_area, r.event, r.cause, r.consequence, r.existing_controls, r.treatment_option, r.residual_likelihood, r.residual_impact, r.actions::text AS actions, r.verified_likelihood, r.verified_impact, r.verified_note
        FROM programme_risk r JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
        WHERE p.period_code = @Period AND p.region_code = @Region
        ORDER BY r.programme_id, r.sort_order
        """;

    private const string HistorySql = """
        SELECT period_code AS period, id, dimension, element, name, description, agency, start_year, budget, maturity_level, justification, verified_level, verified_note, unit_code AS unit, version, co_units
        FROM programme WHERE id = @Id AND region_code = @Region
        ORDER BY period_code
        """;

    private const string HistoryRisksSql = """
        SELECT r.period_code AS period, r.id, r.programme_id, r.title, r.likelihood, r.impact, r.mitigation, r.owner, r.type, r.category, r.impact_area, r.event, r.cause, r.consequence, r.existing_controls, r.treatment_option, r.residual_likelihood, r.residual_impact, r.actions::text AS actions, r.verified_likelihood, r.verified_impact, r.verified_note
        FROM programme_risk r JOIN programme p ON p.period_code = r.period_code AND p.id = r.programme_id
        WHERE r.programme_id = @Id AND p.region_code = @Region
        ORDER BY r.period_code, r.sort_order
        """;

    private const string ReplicationsSql = """
        SELECT programme_id, unit_code AS unit, since, status FROM programme_replication
        WHERE period_code = @Period AND region_code = @Region ORDER BY programme_id, sort_order
        """;

    private const string HistoryReplicationsSql = """
        SELECT period_code AS period, programme_id, unit_code AS unit, since, status FROM programme_replication
        WHERE programme_id = @Id AND region_code = @Region ORDER BY period_code, sort_order
        """;

    private const string DeleteReplicationsSql = "DELETE FROM programme_replication WHERE period_code = @Period AND programme_id = @ProgrammeId";

    private const string InsertReplicationSql = """
        INSERT INTO programme_replication (period_code, programme_id, region_code, unit_code, since, status, sort_order)
        VALUES (@Period, @ProgrammeId, @Region, @Unit, @Since, @Status, @SortOrder)
        """;

    private const string EnsureSubmissionSql = "INSERT INTO submission (period_code, region_code) VALUES (@Period, @Region) ON CONFLICT DO NOTHING";

    private const string LockSubmissionSql = "SELECT status FROM submission WHERE period_code = @Period AND region_code = @Region FOR UPDATE";

    // The lasting id is created on first use; its region answers whether it may be written here.
    private const string EnsureIdentitySql = """
        WITH created AS (
            INSERT INTO programme_identity (id, region_code) VALUES (@Id, @Region) ON CONFLICT (id) DO NOTHING RETURNING region_code)
        SELECT region_code FROM created UNION ALL SELECT region_code FROM programme_identity WHERE id = @Id LIMIT 1
        """;

    private const string UpsertSql = """
        INSERT INTO programme (id, period_code, region_code, dimension, element, name, description, agency, start_year, budget,
                               maturity_level, justification, unit_code, co_units, sort_order, updated_by, updated_at)
        VALUES (@Id, @Period, @Region, @Dimension, @Element, @Name, @Description, @Agency, @StartYear, @Budget,
                @MaturityLevel, @Justification, @Unit, @CoUnits, @SortOrder, @ActorId, now())
        ON CONFLICT (period_code, id) DO UPDATE SET dimension = EXCLUDED.dimension, element = EXCLUDED.element, name = EXCLUDED.name,
            description = EXCLUDED.description, agency = EXCLUDED.agency, start_year = EXCLUDED.start_year, budget = EXCLUDED.budget,
            maturity_level = EXCLUDED.maturity_level, justification = EXCLUDED.justification, unit_code = EXCLUDED.unit_code, co_units = EXCLUDED.co_units, sort_order = EXCLUDED.sort_order,
            version = programme.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
        WHERE programme.region_code = EXCLUDED.region_code
        """;

    private const string DeleteRisksSql = "DELETE FROM programme_risk WHERE period_code = @Period AND programme_id = @ProgrammeId AND NOT (id = ANY(@Keep))";

    private const string UpsertRiskSql = """
        INSERT INTO programme_risk (period_code, id, programme_id, title, likelihood, impact, mitigation, owner, sort_order,
                                    type, category, impact_area, event, cause, consequence, existing_controls, treatment_option,
                                    residual_likelihood, residual_impact, actions)
        VALUES (@Period, @Id, @ProgrammeId, @Title, @Likelihood, @Impact, @Mitigation, @Owner, @SortOrder,
                @Type, @Category, @ImpactArea, @Event, @Cause, @Consequence, @ExistingControls, @TreatmentOption,
                @ResidualLikelihood, @ResidualImpact, @Actions::jsonb)
        ON CONFLICT (period_code, id) DO UPDATE SET title = EXCLUDED.title, likelihood = EXCLUDED.likelihood, impact = EXCLUDED.impact,
            mitigation = EXCLUDED.mitigation, owner = EXCLUDED.owner, sort_order = EXCLUDED.sort_order,
            type = EXCLUDED.type, category = EXCLUDED.category, impact_area = EXCLUDED.impact_area, event = EXCLUDED.event,
            cause = EXCLUDED.cause, consequence = EXCLUDED.consequence, existing_controls = EXCLUDED.existing_controls,
            treatment_option = EXCLUDED.treatment_option, residual_likelihood = EXCLUDED.residual_likelihood,
            residual_impact = EXCLUDED.residual_impact, actions = EXCLUDED.actions
        WHERE programme_risk.programme_id = EXCLUDED.programme_id
        """;

    private const string RegionsWithProgrammesSql = """
        SELECT DISTINCT p.region_code FROM programme p JOIN region g ON g.code = p.region_code
        WHERE p.period_code = @Period AND g.participating ORDER BY 1
        """;

    private const string ClosedRisksSql = "SELECT risk_id FROM risk_monitoring WHERE period_code = @Period AND region_code = @Region AND closed";

    private const string DeleteSql = "DELETE FROM programme WHERE id = @Id AND period_code = @Period AND region_code = @Region";

    public async Task<IReadOnlyList<Programme>> ListAsync(Scope scope, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, null, period, region, cancellationToken);
    }

    public async Task<int> ReplaceAsync(Scope scope, IReadOnlyList<Programme> programmes, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(programmes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = (await LockAndListAsync(connection, transaction, period, region, cancellationToken)).ToDictionary(p => p.Id);
        var changed = 0;
        var keep = programmes.Select(p => p.Id).ToHashSet();
        foreach (var gone in existing.Values.Where(p => !keep.Contains(p.Id)))
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { gone.Id, Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme", gone.Id.ToString(), "delete", gone, null), cancellationToken);
            changed++;
        }

        for (var i = 0; i < programmes.Count; i++)
        {
            var before = existing.GetValueOrDefault(programmes[i].Id);
            var after = programmes[i] with { VerifiedLevel = before?.VerifiedLevel, VerifiedNote = before?.VerifiedNote };
            if (before is not null && before.SameAs(after))
            {
                continue;
            }

            await WriteAsync(connection, transaction, period, region, before, after, i, "create", actorId, cancellationToken);
            changed++;
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task<bool> SaveAsync(Scope scope, Programme programme, Guid actorId, CancellationToken cancellationToken, IReadOnlyList<NewEvidence>? evidence = null, int? expectedVersion = null)
    {
        var (period, region) = scope;
        ArgumentNullException.ThrowIfNull(programme);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await LockAndListAsync(connection, transaction, period, region, cancellationToken);
        var before = existing.FirstOrDefault(p => p.Id == programme.Id);
        if (expectedVersion is { } expected && before is not null && before.Version != expected)
        {
            // Someone saved it since the caller read it (the submission's lock makes the check and the write one step).
            return false;
        }

        var after = programme with { VerifiedLevel = before?.VerifiedLevel, VerifiedNote = before?.VerifiedNote };
        var order = before is null ? existing.Count : existing.ToList().IndexOf(before);
        await WriteAsync(connection, transaction, period, region, before, after, order, "create", actorId, cancellationToken);
        foreach (var item in evidence ?? [])
        {
            // The evidence given with the programme is stored in its transaction: a failed write leaves no change.
            await EvidenceWriter.AddAsync(connection, transaction, period, region, item, actorId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeleteAsync(Scope scope, Guid id, Guid actorId, CancellationToken cancellationToken)
    {
        var (period, region) = scope;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await LockAndListAsync(connection, transaction, period, region, cancellationToken)).FirstOrDefault(p => p.Id == id);
        if (before is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id, Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme", id.ToString(), "delete", before, null), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<int> CarryOverAsync(string fromPeriod, string toPeriod, string region, Func<Programme, bool> eligible, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(eligible);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The current list is read under the lock: a programme saved meanwhile is either already here or waits.
        var current = await LockAndListAsync(connection, transaction, toPeriod, region, cancellationToken);
        var previous = await ListAsync(connection, transaction, fromPeriod, region, cancellationToken);
        var ids = current.Select(p => p.Id).ToHashSet();
        var names = current.Select(p => (p.Dimension, p.Name.Trim().ToUpperInvariant())).ToHashSet();
        // A risk closed in the previous period's monitoring stays there; the open ones come with their ids.
        var closed = (await connection.QueryAsync<Guid>(new CommandDefinition(ClosedRisksSql, new { Period = fromPeriod, Region = region }, transaction, cancellationToken: cancellationToken))).ToHashSet();
        var copies = previous
            .Where(p => !ids.Contains(p.Id) && !names.Contains((p.Dimension, p.Name.Trim().ToUpperInvariant())) && eligible(p))
            .Select(p => p with { VerifiedLevel = null, VerifiedNote = null, Risks = p.Risks.Where(r => !closed.Contains(r.Id)).ToList() })
            .ToList();
        for (var i = 0; i < copies.Count; i++)
        {
            await WriteAsync(connection, transaction, toPeriod, region, null, copies[i], current.Count + i, "carry_over", actorId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return copies.Count;
    }

    public async Task<IReadOnlyList<string>> RegionsWithProgrammesAsync(string period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<string>(new CommandDefinition(RegionsWithProgrammesSql, new { Period = period }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<IReadOnlyList<ProgrammePeriodRecord>> HistoryAsync(string region, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { Region = region, Id = id };
        var records = await connection.QueryAsync<HistoryRow>(new CommandDefinition(HistorySql, parameters, cancellationToken: cancellationToken));
        var risks = (await connection.QueryAsync<HistoryRiskRow>(new CommandDefinition(HistoryRisksSql, parameters, cancellationToken: cancellationToken)))
            .ToLookup(r => r.Period, StringComparer.Ordinal);
        var replications = (await connection.QueryAsync<HistoryReplicationRow>(new CommandDefinition(HistoryReplicationsSql, parameters, cancellationToken: cancellationToken)))
            .ToLookup(r => r.Period, StringComparer.Ordinal);
        return records.Select(p => new ProgrammePeriodRecord(p.Period, new Programme(p.Id, p.Dimension, p.Element, p.Name, p.Description, p.Agency, p.StartYear, p.Budget,
            p.MaturityLevel, p.Justification, risks[p.Period].Select(r => r.ToRisk()).ToList(),
            p.VerifiedLevel, p.VerifiedNote, p.Unit, p.Version)
        {
            CoUnits = p.CoUnits.Cast<string>().ToList(),
            Replications = replications[p.Period].Select(r => new Replication(r.Unit, r.Since, r.Status)).ToList(),
        })).ToList();
    }

    private static async Task<IReadOnlyList<Programme>> LockAndListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(EnsureSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteScalarAsync<string>(new CommandDefinition(LockSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        return await ListAsync(connection, transaction, period, region, cancellationToken);
    }

    /// <summary>Writes one programme and its risks in place, with an audit row per real change.</summary>
    private static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, Programme? before, Programme p, int order, string createAction, Guid? actorId, CancellationToken cancellationToken)
    {
        var owner = await connection.ExecuteScalarAsync<string>(new CommandDefinition(EnsureIdentitySql, new { p.Id, Region = region }, transaction, cancellationToken: cancellationToken));
        var written = owner == region
            ? await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
            {
                p.Id,
                Period = period,
                Region = region,
                p.Dimension,
                p.Element,
                p.Name,
                p.Description,
                p.Agency,
                p.StartYear,
                p.Budget,
                p.MaturityLevel,
                p.Justification,
                p.Unit,
                CoUnits = p.CoUnits.ToArray(),
                SortOrder = order,
                ActorId = actorId,
            }, transaction, cancellationToken: cancellationToken))
            : 0;
        if (written == 0)
        {
            // The id belongs to another region: never overwrite it.
            throw new InvalidOperationException($"programme {p.Id} belongs to another region");
        }

        var ownBefore = before is null ? null : before with { Risks = [], Version = 0 };
        var ownAfter = p with { Risks = [], Version = 0 };
        if (before is null || before.OwnFieldsDiffer(p))
        {
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme", p.Id.ToString(), before is null ? createAction : "update", ownBefore, ownAfter), cancellationToken);
        }

        if (!(before?.Replications ?? []).SequenceEqual(p.Replications))
        {
            await connection.ExecuteAsync(new CommandDefinition(DeleteReplicationsSql, new { Period = period, ProgrammeId = p.Id }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(InsertReplicationSql, p.Replications.Select((r, i) => new
            {
                Period = period,
                ProgrammeId = p.Id,
                Region = region,
                r.Unit,
                r.Since,
                r.Status,
                SortOrder = i,
            }).ToList(), transaction, cancellationToken: cancellationToken));
        }

        var risksBefore = (before?.Risks ?? []).ToDictionary(r => r.Id);
        await connection.ExecuteAsync(new CommandDefinition(DeleteRisksSql, new { Period = period, ProgrammeId = p.Id, Keep = p.Risks.Select(r => r.Id).ToArray() }, transaction, cancellationToken: cancellationToken));
        foreach (var gone in risksBefore.Values.Where(r => p.Risks.All(x => x.Id != r.Id)))
        {
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme_risk", gone.Id.ToString(), "delete", RiskAudit.Of(p, gone), null), cancellationToken);
        }

        for (var i = 0; i < p.Risks.Count; i++)
        {
            var risk = p.Risks[i];
            var riskWritten = await connection.ExecuteAsync(new CommandDefinition(UpsertRiskSql, new
            {
                Period = period,
                risk.Id,
                ProgrammeId = p.Id,
                risk.Title,
                risk.Likelihood,
                risk.Impact,
                risk.Mitigation,
                risk.Owner,
                SortOrder = i,
                risk.Type,
                risk.Category,
                risk.ImpactArea,
                risk.Event,
                risk.Cause,
                risk.Consequence,
                risk.ExistingControls,
                risk.TreatmentOption,
                risk.ResidualLikelihood,
                risk.ResidualImpact,
                Actions = RiskActions.ToJson(risk.Actions),
            }, transaction, cancellationToken: cancellationToken));
            if (riskWritten == 0)
            {
                throw new InvalidOperationException($"risk {risk.Id} belongs to another programme");
            }

            var old = risksBefore.GetValueOrDefault(risk.Id);
            if (old != risk)
            {
                await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme_risk", risk.Id.ToString(), old is null ? createAction : "update",
                    old is null ? null : RiskAudit.Of(p, old), RiskAudit.Of(p, risk)), cancellationToken);
            }
        }
    }

    private static async Task<IReadOnlyList<Programme>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string period, string region, CancellationToken cancellationToken)
    {
        var parameters = new { Period = period, Region = region };
        var programmes = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesSql, parameters, transaction, cancellationToken: cancellationToken));
        var risks = (await connection.QueryAsync<RiskRow>(new CommandDefinition(RisksSql, parameters, transaction, cancellationToken: cancellationToken)))
            .ToLookup(r => r.ProgrammeId);
        var replications = (await connection.QueryAsync<ReplicationRow>(new CommandDefinition(ReplicationsSql, parameters, transaction, cancellationToken: cancellationToken)))
            .ToLookup(r => r.ProgrammeId);
        return programmes.Select(p => new Programme(p.Id, p.Dimension, p.Element, p.Name, p.Description, p.Agency, p.StartYear, p.Budget, p.MaturityLevel,
            p.Justification, risks[p.Id].Select(r => r.ToRisk()).ToList(), p.VerifiedLevel, p.VerifiedNote, p.Unit, p.Version)
        {
            CoUnits = p.CoUnits.Cast<string>().ToList(),
            Replications = replications[p.Id].Select(r => new Replication(r.Unit, r.Since, r.Status)).ToList(),
        }).ToList();
    }

    /// <summary>What the audit trail keeps of a risk: the risk with its register fields and the programme it belongs to.</summary>
    private sealed record RiskAudit(Guid ProgrammeId, string Programme, string Title, int Likelihood, int Impact, string? Mitigation, string? Owner,
        string Type, string? Category, string? ImpactArea, string? Event, string? Cause, string? Consequence, string? ExistingControls,
        string? TreatmentOption, int? ResidualLikelihood, int? ResidualImpact, IReadOnlyList<string> Actions)
    {
        public static RiskAudit Of(Programme programme, Risk risk) =>
            new(programme.Id, programme.Name, risk.Title, risk.Likelihood, risk.Impact, risk.Mitigation, risk.Owner,
                risk.Type, risk.Category, risk.ImpactArea, risk.Event, risk.Cause, risk.Consequence, risk.ExistingControls,
                risk.TreatmentOption, risk.ResidualLikelihood, risk.ResidualImpact,
                risk.Actions.Select(a => a.Due is { } due ? $"{a.Action} ({a.Unit}, {due:yyyy-MM-dd})" : a.Action).ToList());
    }

    private sealed record ProgrammeRow(Guid Id, string Dimension, string Element, string Name, string? Description, string? Agency, int? StartYear,
        decimal? Budget, int MaturityLevel, string? Justification, int? VerifiedLevel, string? VerifiedNote, string? Unit, int Version, Array CoUnits);

    private sealed record ReplicationRow(Guid ProgrammeId, string Unit, DateOnly? Since, string Status);

    private sealed record HistoryReplicationRow(string Period, Guid ProgrammeId, string Unit, DateOnly? Since, string Status);

    private sealed record RiskRow(Guid Id, Guid ProgrammeId, string Title, int Likelihood, int Impact, string? Mitigation, string? Owner,
        string Type, string? Category, string? ImpactArea, string? Event, string? Cause, string? Consequence, string? ExistingControls,
        string? TreatmentOption, int? ResidualLikelihood, int? ResidualImpact, string Actions, int? VerifiedLikelihood = null, int? VerifiedImpact = null, string? VerifiedNote = null)
    {
        public Risk ToRisk() => new(Id, Title, Likelihood, Impact, Mitigation, Owner)
        {
            VerifiedLikelihood = VerifiedLikelihood,
            VerifiedImpact = VerifiedImpact,
            VerifiedNote = VerifiedNote,
            Type = Type,
            Category = Category,
            ImpactArea = ImpactArea,
            Event = Event,
            Cause = Cause,
            Consequence = Consequence,
            ExistingControls = ExistingControls,
            TreatmentOption = TreatmentOption,
            ResidualLikelihood = ResidualLikelihood,
            ResidualImpact = ResidualImpact,
            Actions = RiskActions.FromJson(Actions),
        };
    }

    private sealed record HistoryRow(string Period, Guid Id, string Dimension, string Element, string Name, string? Description, string? Agency, int? StartYear,
        decimal? Budget, int MaturityLevel, string? Justification, int? VerifiedLevel, string? VerifiedNote, string? Unit, int Version, Array CoUnits);

    private sealed record HistoryRiskRow(string Period, Guid Id, Guid ProgrammeId, string Title, int Likelihood, int Impact, string? Mitigation, string? Owner,
        string Type, string? Category, string? ImpactArea, string? Event, string? Cause, string? Consequence, string? ExistingControls,
        string? TreatmentOption, int? ResidualLikelihood, int? ResidualImpact, string Actions, int? VerifiedLikelihood = null, int? VerifiedImpact = null, string? VerifiedNote = null)
    {
        public Risk ToRisk() => new RiskRow(Id, ProgrammeId, Title, Likelihood, Impact, Mitigation, Owner, Type, Category, ImpactArea, Event, Cause,
            Consequence, ExistingControls, TreatmentOption, ResidualLikelihood, ResidualImpact, Actions, VerifiedLikelihood, VerifiedImpact, VerifiedNote).ToRisk();
    }
}
