using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Submissions;

namespace Survey.Data.Submissions;

/// <summary>Programmes and their risks in PostgreSQL; every write is one transaction with its audit rows.</summary>
public sealed class ProgrammeRepository(NpgsqlDataSource dataSource) : IProgrammeRepository
{
    private const string ProgrammesSql = """
        SELECT id, dimension, element, name, description, agency, start_year, budget, maturity_level, justification, verified_level, verified_note
        FROM programme WHERE period_code = @Period AND region_code = @Region
        ORDER BY dimension, sort_order, name
        """;

    private const string RisksSql = """
        SELECT r.id, r.programme_id, r.title, r.likelihood, r.impact, r.mitigation, r.owner
        FROM programme_risk r JOIN programme p ON p.id = r.programme_id
        WHERE p.period_code = @Period AND p.region_code = @Region
        ORDER BY r.programme_id, r.sort_order
        """;

    private const string EnsureSubmissionSql = "INSERT INTO submission (period_code, region_code) VALUES (@Period, @Region) ON CONFLICT DO NOTHING";

    private const string LockSubmissionSql = "SELECT status FROM submission WHERE period_code = @Period AND region_code = @Region FOR UPDATE";

    private const string UpsertSql = """
        INSERT INTO programme (id, period_code, region_code, dimension, element, name, description, agency, start_year, budget,
                               maturity_level, justification, sort_order, updated_by, updated_at)
        VALUES (@Id, @Period, @Region, @Dimension, @Element, @Name, @Description, @Agency, @StartYear, @Budget,
                @MaturityLevel, @Justification, @SortOrder, @ActorId, now())
        ON CONFLICT (id) DO UPDATE SET dimension = EXCLUDED.dimension, element = EXCLUDED.element, name = EXCLUDED.name,
            description = EXCLUDED.description, agency = EXCLUDED.agency, start_year = EXCLUDED.start_year, budget = EXCLUDED.budget,
            maturity_level = EXCLUDED.maturity_level, justification = EXCLUDED.justification, sort_order = EXCLUDED.sort_order,
            version = programme.version + 1, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
        WHERE programme.period_code = EXCLUDED.period_code AND programme.region_code = EXCLUDED.region_code
        """;

    private const string DeleteRisksSql = "DELETE FROM programme_risk WHERE programme_id = @Id";

    private const string InsertRiskSql = """
        INSERT INTO programme_risk (id, programme_id, title, likelihood, impact, mitigation, owner, sort_order)
        VALUES (@Id, @ProgrammeId, @Title, @Likelihood, @Impact, @Mitigation, @Owner, @SortOrder)
        """;

    private const string DeleteSql = "DELETE FROM programme WHERE id = @Id AND period_code = @Period AND region_code = @Region";

    public async Task<IReadOnlyList<Programme>> ListAsync(string period, string region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ListAsync(connection, null, period, region, cancellationToken);
    }

    public async Task<int> ReplaceAsync(string period, string region, IReadOnlyList<Programme> programmes, Guid actorId, CancellationToken cancellationToken)
    {
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
            if (before is not null && Same(before, after))
            {
                continue;
            }

            await WriteAsync(connection, transaction, period, region, after, i, actorId, cancellationToken);
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme", after.Id.ToString(), before is null ? "create" : "update", before, after), cancellationToken);
            changed++;
        }

        await transaction.CommitAsync(cancellationToken);
        return changed;
    }

    public async Task SaveAsync(string period, string region, Programme programme, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await LockAndListAsync(connection, transaction, period, region, cancellationToken);
        var before = existing.FirstOrDefault(p => p.Id == programme.Id);
        var after = programme with { VerifiedLevel = before?.VerifiedLevel, VerifiedNote = before?.VerifiedNote };
        var order = before is null ? existing.Count : existing.ToList().IndexOf(before);
        await WriteAsync(connection, transaction, period, region, after, order, actorId, cancellationToken);
        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, period, region, "programme", after.Id.ToString(), before is null ? "create" : "update", before, after), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string period, string region, Guid id, Guid actorId, CancellationToken cancellationToken)
    {
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

    private static async Task<IReadOnlyList<Programme>> LockAndListAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(EnsureSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteScalarAsync<string>(new CommandDefinition(LockSubmissionSql, new { Period = period, Region = region }, transaction, cancellationToken: cancellationToken));
        return await ListAsync(connection, transaction, period, region, cancellationToken);
    }

    private static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string period, string region, Programme p, int order, Guid actorId, CancellationToken cancellationToken)
    {
        var written = await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
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
            SortOrder = order,
            ActorId = actorId,
        }, transaction, cancellationToken: cancellationToken));
        if (written == 0)
        {
            // The id belongs to another region or period: never overwrite it.
            throw new InvalidOperationException($"programme {p.Id} belongs to another region or period");
        }

        await connection.ExecuteAsync(new CommandDefinition(DeleteRisksSql, new { p.Id }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertRiskSql, p.Risks.Select((r, i) => new
        {
            r.Id,
            ProgrammeId = p.Id,
            r.Title,
            r.Likelihood,
            r.Impact,
            r.Mitigation,
            r.Owner,
            SortOrder = i,
        }), transaction, cancellationToken: cancellationToken));
    }

    private static async Task<IReadOnlyList<Programme>> ListAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string period, string region, CancellationToken cancellationToken)
    {
        var parameters = new { Period = period, Region = region };
        var programmes = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesSql, parameters, transaction, cancellationToken: cancellationToken));
        var risks = (await connection.QueryAsync<RiskRow>(new CommandDefinition(RisksSql, parameters, transaction, cancellationToken: cancellationToken)))
            .ToLookup(r => r.ProgrammeId);
        return programmes.Select(p => new Programme(p.Id, p.Dimension, p.Element, p.Name, p.Description, p.Agency, p.StartYear, p.Budget, p.MaturityLevel,
            p.Justification, risks[p.Id].Select(r => new Risk(r.Id, r.Title, r.Likelihood, r.Impact, r.Mitigation, r.Owner)).ToList(), p.VerifiedLevel, p.VerifiedNote)).ToList();
    }

    private static bool Same(Programme a, Programme b) =>
        a with { Risks = [] } == b with { Risks = [] }
        && a.Risks.Select(r => r with { Id = Guid.Empty }).SequenceEqual(b.Risks.Select(r => r with { Id = Guid.Empty }));

    private sealed record ProgrammeRow(Guid Id, string Dimension, string Element, string Name, string? Description, string? Agency, int? StartYear,
        decimal? Budget, int MaturityLevel, string? Justification, int? VerifiedLevel, string? VerifiedNote);

    private sealed record RiskRow(Guid Id, Guid ProgrammeId, string Title, int Likelihood, int Impact, string? Mitigation, string? Owner);
}
