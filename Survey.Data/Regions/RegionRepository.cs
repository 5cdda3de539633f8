using Dapper;
using Npgsql;
using Survey.Domain.Regions;

namespace Survey.Data.Regions;

/// <summary>The region registry in PostgreSQL.</summary>
public sealed class RegionRepository(NpgsqlDataSource dataSource) : IRegionRepository
{
    private const string ListSql = "SELECT code, name, kind, province, is_demo, cohort_year, participating FROM region ORDER BY code";

    private const string FindSql = "SELECT code, name, kind, province, is_demo, cohort_year, participating FROM region WHERE code = @Code";

    private const string AddSql = """
        INSERT INTO region (code, name, kind, province, is_demo)
        VALUES (@Code, @Name, @Kind, @Province, @IsDemo)
        ON CONFLICT (code) DO NOTHING
        """;

    private const string UpsertSql = """
        INSERT INTO region (code, name, kind, province, is_demo)
        VALUES (@Code, @Name, @Kind, @Province, @IsDemo)
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, province = EXCLUDED.province,
            is_demo = EXCLUDED.is_demo, participating = true, updated_at = now()
        RETURNING (xmax = 0) AS inserted
        """;

    /// <inheritdoc />
    public async Task<IReadOnlyList<Region>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<RegionRow>(new CommandDefinition(ListSql, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRegion()).ToList();
    }

    /// <inheritdoc />
    public async Task<Region?> FindAsync(string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RegionRow>(new CommandDefinition(FindSql, new { Code = code }, cancellationToken: cancellationToken));
        return row?.ToRegion();
    }

    /// <inheritdoc />
    public async Task<bool> AddAsync(Region region, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(region);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = await connection.ExecuteAsync(new CommandDefinition(AddSql, Parameters(region), transaction, cancellationToken: cancellationToken)) == 1;
        if (added)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, region.Code, "region", region.Code, "create", null, region), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    /// <inheritdoc />
    public async Task<(int Added, int Updated)> ImportAsync(IReadOnlyList<Region> regions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(regions);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        int added = 0, updated = 0;
        foreach (var region in regions)
        {
            var inserted = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(UpsertSql, Parameters(region), transaction, cancellationToken: cancellationToken));
            if (inserted)
            {
                added++;
            }
            else
            {
                updated++;
            }
        }

        await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "region", "import", "import", null,
            new { added, updated, regions = regions.Select(r => r.Code) }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (added, updated);
    }

    private const string RegistryKey = "registry_hash";

    private const string UpsertProvincesSql = """
        INSERT INTO province (code, name) SELECT * FROM unnest(@Codes::text[], @Names::text[])
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name WHERE province.name <> EXCLUDED.name
        """;

    // Set-based: the registry's rows against the table, new ones added as not taking part, changed ones
    // corrected; returns what happened per code.
    private const string SyncRegionsSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@Codes::text[], @Names::text[], @Kinds::text[], @Provinces::text[], @Cohorts::integer[])
                AS t (code, name, kind, province, cohort_year)
        ), added AS (
            INSERT INTO region (code, name, kind, province, cohort_year, participating, in_registry)
            SELECT i.code, i.name, i.kind, i.province, i.cohort_year, false, true FROM incoming i
            WHERE NOT EXISTS (SELECT 1 FROM region r WHERE r.code = i.code)
            RETURNING code, 'added' AS change
        ), corrected AS (
            UPDATE region r SET name = i.name, kind = i.kind, province = i.province,
                cohort_year = coalesce(r.cohort_year, i.cohort_year), in_registry = true, updated_at = now()
            FROM incoming i
            WHERE r.code = i.code AND (r.name, r.kind, r.province, r.in_registry) IS DISTINCT FROM (i.name, i.kind, i.province, true)
                OR r.code = i.code AND r.cohort_year IS NULL AND i.cohort_year IS NOT NULL
            RETURNING r.code, 'corrected' AS change
        )
        SELECT code, change FROM added UNION ALL SELECT code, change FROM corrected
        """;

    private const string StoreRegistryHashSql = """
        INSERT INTO app_setting (key, value, updated_at) VALUES (@Key, @Value, now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()
        """;

    private const string UpdateParticipationSql = """
        UPDATE region SET cohort_year = CASE WHEN @SetCohort THEN @Cohort ELSE cohort_year END,
                          participating = coalesce(@Participating, participating), updated_at = now()
        WHERE code = @Code
        RETURNING code, name, kind, province, is_demo, cohort_year, participating
        """;

    /// <inheritdoc />
    public async Task<(int Added, int Updated)?> SyncRegistryAsync(Registry registry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registry);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(3523)", transaction: transaction, cancellationToken: cancellationToken));
        var stored = await connection.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT value FROM app_setting WHERE key = @Key", new { Key = RegistryKey }, transaction, cancellationToken: cancellationToken));
        if (stored == registry.ContentHash)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(UpsertProvincesSql, new
        {
            Codes = registry.Provinces.Select(p => p.Code).ToArray(),
            Names = registry.Provinces.Select(p => p.Name).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var changes = (await connection.QueryAsync<(string Code, string Change)>(new CommandDefinition(SyncRegionsSql, new
        {
            Codes = registry.Regions.Select(r => r.Code).ToArray(),
            Names = registry.Regions.Select(r => r.Name).ToArray(),
            Kinds = registry.Regions.Select(r => RegionKinds.NameOf(r.Kind)).ToArray(),
            Provinces = registry.Regions.Select(r => r.Province).ToArray(),
            Cohorts = registry.Regions.Select(r => r.CohortYear).ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToList();
        var added = changes.Where(c => c.Change == "added").Select(c => c.Code).ToList();
        var corrected = changes.Where(c => c.Change == "corrected").Select(c => c.Code).ToList();
        if (changes.Count > 0)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "region", "registry", "registry_sync", null,
                new { hash = registry.ContentHash, added = added.Count, corrected }), cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(StoreRegistryHashSql, new { Key = RegistryKey, Value = registry.ContentHash }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (added.Count, corrected.Count);
    }

    /// <inheritdoc />
    public async Task<int> ClaimForDemoAsync(IReadOnlyList<string> codes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(codes);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = (await connection.QueryAsync<string>(new CommandDefinition("""
            UPDATE region r SET is_demo = true, participating = true, updated_at = now()
            WHERE r.code = ANY(@Codes) AND NOT r.participating AND NOT r.is_demo
              AND NOT EXISTS (SELECT 1 FROM submission s WHERE s.region_code = r.code)
            RETURNING r.code
            """, new { Codes = codes.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();
        if (claimed.Count > 0)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(null, null, null, "region", "demo", "demo_claim", null, new { regions = claimed }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Province>> ProvincesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Province>(new CommandDefinition("SELECT code, name FROM province ORDER BY code", cancellationToken: cancellationToken))).ToList();
    }

    /// <inheritdoc />
    public async Task<Region?> UpdateParticipationAsync(string code, bool setCohort, int? cohortYear, bool? participating, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<RegionRow>(new CommandDefinition(FindSql + " FOR UPDATE", new { Code = code }, transaction, cancellationToken: cancellationToken));
        if (before is null)
        {
            return null;
        }

        var after = await connection.QuerySingleAsync<RegionRow>(new CommandDefinition(UpdateParticipationSql, new { Code = code, SetCohort = setCohort, Cohort = cohortYear, Participating = participating }, transaction, cancellationToken: cancellationToken));
        if (before.CohortYear != after.CohortYear || before.Participating != after.Participating)
        {
            await Audit.AuditWriter.WriteAsync(connection, transaction, new Audit.AuditEntry(actorId, null, code, "region", code, "participation",
                new { cohort_year = before.CohortYear, participating = before.Participating }, new { cohort_year = after.CohortYear, participating = after.Participating }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return after.ToRegion();
    }

    private static object Parameters(Region region) => new
    {
        region.Code,
        region.Name,
        Kind = RegionKinds.NameOf(region.Kind),
        region.Province,
        region.IsDemo,
    };

    private sealed record RegionRow(string Code, string Name, string Kind, string Province, bool IsDemo, int? CohortYear, bool Participating)
    {
        public Region ToRegion()
        {
            if (!RegionKinds.TryParse(Kind, out var kind))
            {
                throw new InvalidOperationException($"region {Code} has the unknown kind '{Kind}'");
            }

            return new Region(Code, Name, kind, Province, IsDemo, CohortYear, Participating);
        }
    }
}
