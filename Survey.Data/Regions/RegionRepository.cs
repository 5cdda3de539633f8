using Dapper;
using Npgsql;
using Survey.Domain.Regions;

namespace Survey.Data.Regions;

/// <summary>The region registry in PostgreSQL.</summary>
public sealed class RegionRepository(NpgsqlDataSource dataSource) : IRegionRepository
{
    private const string ListSql = "SELECT code, name, kind, province, is_demo FROM region ORDER BY code";

    private const string FindSql = "SELECT code, name, kind, province, is_demo FROM region WHERE code = @Code";

    private const string AddSql = """
        INSERT INTO region (code, name, kind, province, is_demo)
        VALUES (@Code, @Name, @Kind, @Province, @IsDemo)
        ON CONFLICT (code) DO NOTHING
        """;

    private const string UpsertSql = """
        INSERT INTO region (code, name, kind, province, is_demo)
        VALUES (@Code, @Name, @Kind, @Province, @IsDemo)
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, province = EXCLUDED.province,
            is_demo = EXCLUDED.is_demo, updated_at = now()
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

    private static object Parameters(Region region) => new
    {
        region.Code,
        region.Name,
        Kind = RegionKinds.NameOf(region.Kind),
        region.Province,
        region.IsDemo,
    };

    private sealed record RegionRow(string Code, string Name, string Kind, string Province, bool IsDemo)
    {
        public Region ToRegion()
        {
            if (!RegionKinds.TryParse(Kind, out var kind))
            {
                throw new InvalidOperationException($"region {Code} has the unknown kind '{Kind}'");
            }

            return new Region(Code, Name, kind, Province, IsDemo);
        }
    }
}
