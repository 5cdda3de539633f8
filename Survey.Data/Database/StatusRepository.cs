using Dapper;
using Npgsql;
using Survey.Domain.Platform;

namespace Survey.Data.Database;

/// <summary>Reads the database heartbeat and the schema version from the migration journal.</summary>
public sealed class StatusRepository(NpgsqlDataSource dataSource) : IStatusRepository
{
    private const string HeartbeatSql = """
        SELECT now() AS database_time,
               (SELECT max(scriptname) FROM public.schema_migrations) AS schema_version,
               (SELECT count(*) FROM public.schema_migrations) AS migrations_applied,
               (SELECT value FROM app_setting WHERE key = 'installed_at') AS installed_at
        """;

    private const string SetSql = """
        INSERT INTO app_setting (key, value, updated_at)
        VALUES (@Key, @Value, now())
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at
        """;

    private const string GetSql = "SELECT value FROM app_setting WHERE key = @Key";

    /// <inheritdoc />
    public async Task<DatabaseStatus> GetStatusAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<StatusRow>(
            new CommandDefinition(HeartbeatSql, cancellationToken: cancellationToken));
        return new DatabaseStatus(
            new DateTimeOffset(row.DatabaseTime, TimeSpan.Zero),
            row.SchemaVersion ?? string.Empty,
            (int)row.MigrationsApplied,
            row.InstalledAt);
    }

    /// <inheritdoc />
    public async Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(
            new CommandDefinition(GetSql, new { Key = key }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task SetSettingAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(
            new CommandDefinition(SetSql, new { Key = key, Value = value }, cancellationToken: cancellationToken));
    }

    private sealed record StatusRow(DateTime DatabaseTime, string? SchemaVersion, long MigrationsApplied, string? InstalledAt);
}
