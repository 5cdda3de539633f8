namespace Survey.Domain.Platform;

/// <summary>What the platform knows about its own database: heartbeat, schema version and settings.</summary>
public interface IStatusRepository
{
    /// <summary>Asks the database for its time and the applied schema version.</summary>
    /// <remarks>Throws when the database cannot be reached; callers turn that into a 503.</remarks>
    Task<DatabaseStatus> GetStatusAsync(CancellationToken cancellationToken);

    /// <summary>Reads one application setting; <c>null</c> when it has never been set.</summary>
    Task<string?> GetSettingAsync(string key, CancellationToken cancellationToken);

    /// <summary>Creates or replaces one application setting.</summary>
    Task SetSettingAsync(string key, string value, CancellationToken cancellationToken);
}

/// <summary>The answer of the database heartbeat.</summary>
/// <param name="DatabaseTime">The database server's clock (UTC).</param>
/// <param name="SchemaVersion">The name of the newest migration applied.</param>
/// <param name="MigrationsApplied">How many migrations the journal holds.</param>
/// <param name="InstalledAt">When the schema was first created (ISO 8601), if recorded.</param>
public sealed record DatabaseStatus(DateTimeOffset DatabaseTime, string SchemaVersion, int MigrationsApplied, string? InstalledAt);
