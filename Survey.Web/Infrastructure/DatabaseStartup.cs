using Npgsql;
using Survey.Data.Database;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The database work done before the app serves: apply pending migrations. Any failure becomes a
/// <see cref="StartupException"/> whose message is one sentence an operator can act on.
/// </summary>
public static class DatabaseStartup
{
    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ParsedCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var connectionString = configuration.GetConnectionString("Survey");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupException(
                "no database is configured; set the connection string ConnectionStrings__Survey (or run ./run.sh, which starts a private PostgreSQL).");
        }

        var target = Describe(connectionString);
        var migrationsFolder = ContentPaths.Migrations(configuration, environment);
        try
        {
            var applied = await Task.Run(() => new DatabaseMigrator(connectionString, migrationsFolder).Migrate());
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
            if (applied.Count > 0)
            {
                Log.MigrationsApplied(logger, applied.Count, applied);
            }
        }
        catch (MigrationException ex) when (DatabaseErrors.IsUnavailable(ex.InnerException))
        {
            throw new StartupException($"cannot reach the database {target}: {ex.InnerException!.Message.Split('\n')[0]}. Is PostgreSQL running, and is ConnectionStrings__Survey right?", ex);
        }
        catch (MigrationException ex)
        {
            throw new StartupException($"the database {target} could not be migrated: {ex.Message}.", ex);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) || ex is NpgsqlException)
        {
            throw new StartupException($"cannot reach the database {target}: {ex.Message.Split('\n')[0]}. Is PostgreSQL running, and is ConnectionStrings__Survey right?", ex);
        }
    }

    /// <summary>Host, port and database of a connection string, without the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"'{b.Database}' on {b.Host}:{b.Port}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }
}

/// <summary>The app cannot start; the message is one sentence for the operator.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
