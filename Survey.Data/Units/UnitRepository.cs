using Dapper;
using Npgsql;
using Survey.Data.Audit;
using Survey.Domain.Units;

namespace Survey.Data.Units;

/// <summary>The units of the regions in PostgreSQL; every change with its audit row in one transaction.</summary>
public sealed class UnitRepository(NpgsqlDataSource dataSource) : IUnitRepository
{
    private const string Columns = "region_code AS region, code, kind, subtype, name, head, contact, active, district";

    private const string ListSql = "SELECT " + Columns + " FROM unit WHERE region_code = @Region ORDER BY kind <> 'agency', kind, CASE WHEN kind IN ('desa', 'kelurahan') THEN code ELSE name END, code";

    private const string FindSql = "SELECT " + Columns + " FROM unit WHERE region_code = @Region AND code = @Code";

    private const string InsertSql = """
        INSERT INTO unit (region_code, code, kind, subtype, name, head, contact, active, district)
        VALUES (@Region, @Code, @Kind, @Subtype, @Name, @Head, @Contact, @Active, @District)
        ON CONFLICT (region_code, code) DO NOTHING
        """;

    private const string UpdateSql = """
        UPDATE unit SET kind = @Kind, subtype = @Subtype, name = @Name, head = @Head, contact = @Contact, active = @Active,
                        district = coalesce(@District, district), updated_at = now()
        WHERE region_code = @Region AND code = @Code
        """;

    // A unit "has data" once anything refers to it; such a unit is deactivated, never deleted. The checks grow with
    // what refers to units (programmes, indicator assignments, operator accounts).
    private const string HasDataSql = "SELECT unit_has_data(@Region, @Code)";

    private const string ImportSql = """
        WITH incoming AS (
            SELECT * FROM unnest(@Codes::text[], @Names::text[], @Kinds::text[], @Districts::text[]) AS t (code, name, kind, district)
        ), added AS (
            INSERT INTO unit (region_code, code, kind, name, district)
            SELECT @Region, i.code, i.kind, i.name, i.district FROM incoming i
            ON CONFLICT (region_code, code) DO NOTHING
            RETURNING code
        ), renamed AS (
            UPDATE unit u SET name = i.name, district = coalesce(i.district, u.district), updated_at = now()
            FROM incoming i
            WHERE u.region_code = @Region AND u.code = i.code AND (u.name, u.district) IS DISTINCT FROM (i.name, coalesce(i.district, u.district))
              AND NOT EXISTS (SELECT 1 FROM added a WHERE a.code = i.code)
            RETURNING u.code
        )
        SELECT (SELECT count(*) FROM added)::integer, (SELECT count(*) FROM renamed)::integer
        """;

    public async Task<IReadOnlyList<Unit>> ListAsync(string region, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Unit>(new CommandDefinition(ListSql, new { Region = region }, cancellationToken: cancellationToken))).ToList();
    }

    public async Task<Unit?> FindAsync(string region, string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Unit>(new CommandDefinition(FindSql, new { Region = region, Code = code }, cancellationToken: cancellationToken));
    }

    public async Task<bool> AddAsync(Unit unit, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(InsertSql, unit, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return false;
        }

        await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, null, unit.Region, "unit", $"{unit.Region}/{unit.Code}", "create", null, unit), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> UpdateAsync(Unit unit, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<Unit>(new CommandDefinition(FindSql + " FOR UPDATE", new { unit.Region, unit.Code }, transaction, cancellationToken: cancellationToken));
        if (before is null)
        {
            return false;
        }

        var after = unit with { District = unit.District ?? before.District };
        if (after != before)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpdateSql, after, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, null, unit.Region, "unit", $"{unit.Region}/{unit.Code}", "update", before, after), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<UnitRemoval> RemoveAsync(string region, string code, Guid actorId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<Unit>(new CommandDefinition(FindSql + " FOR UPDATE", new { Region = region, Code = code }, transaction, cancellationToken: cancellationToken));
        if (before is null)
        {
            return UnitRemoval.NotFound;
        }

        var hasData = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(HasDataSql, new { Region = region, Code = code }, transaction, cancellationToken: cancellationToken));
        if (hasData)
        {
            await connection.ExecuteAsync(new CommandDefinition("UPDATE unit SET active = false, updated_at = now() WHERE region_code = @Region AND code = @Code", new { Region = region, Code = code }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, null, region, "unit", $"{region}/{code}", "deactivate", before, before with { Active = false }), cancellationToken);
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM unit WHERE region_code = @Region AND code = @Code", new { Region = region, Code = code }, transaction, cancellationToken: cancellationToken));
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, null, region, "unit", $"{region}/{code}", "delete", before, null), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return hasData ? UnitRemoval.Deactivated : UnitRemoval.Deleted;
    }

    public async Task<(int Added, int Renamed)> ImportVillagesAsync(string region, IReadOnlyList<Unit> villages, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(villages);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (added, renamed) = await connection.QuerySingleAsync<(int, int)>(new CommandDefinition(ImportSql, new
        {
            Region = region,
            Codes = villages.Select(v => v.Code).ToArray(),
            Names = villages.Select(v => v.Name).ToArray(),
            Kinds = villages.Select(v => v.Kind).ToArray(),
            Districts = villages.Select(v => v.District).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        if (added + renamed > 0)
        {
            await AuditWriter.WriteAsync(connection, transaction, new AuditEntry(actorId, null, region, "unit", $"{region}/villages", "import", null, new { added, renamed, rows = villages.Count }), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (added, renamed);
    }
}
