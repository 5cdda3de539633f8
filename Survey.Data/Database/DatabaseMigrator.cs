using DbUp;
using DbUp.Engine;
using Npgsql;

namespace Survey.Data.Database;

/// <summary>
/// Applies the numbered SQL files of the <c>migrations/</c> folder in name order, each in its own
/// transaction, journaled in <c>public.schema_migrations</c>. A second run applies nothing.
/// </summary>
public sealed class DatabaseMigrator(string connectionString, string scriptsDirectory)
{
    /// <summary>The journal table that records which migrations have run.</summary>
    public const string JournalTable = "schema_migrations";

    /// <summary>
    /// Creates the database when it does not exist yet, then applies every pending migration.
    /// </summary>
    /// <returns>The names of the scripts applied by this run (empty when the schema was current).</returns>
    /// <exception cref="MigrationException">A migration failed; its transaction was rolled back.</exception>
    public IReadOnlyList<string> Migrate()
    {
        if (!Directory.Exists(scriptsDirectory))
        {
            throw new MigrationException($"the migrations folder '{scriptsDirectory}' does not exist", null, null);
        }

        EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());

        var upgrader = DeployChanges.To
            .PostgresqlDatabase(connectionString)
            .WithScriptsFromFileSystem(scriptsDirectory, new DbUp.ScriptProviders.FileSystemScriptOptions
            {
                Filter = path => MigrationNames.IsMigrationFile(Path.GetFileName(path)),
            })
            .WithTransactionPerScript()
            .JournalToPostgresqlTable("public", JournalTable)
            .LogToNowhere()
            .Build();

        DatabaseUpgradeResult result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new MigrationException(
                $"migration {result.ErrorScript?.Name ?? "(unknown)"} failed: {FirstLine(result.Error)}",
                result.ErrorScript?.Name,
                result.Error);
        }

        return result.Scripts.Select(s => s.Name).ToList();
    }

    private static string FirstLine(Exception? error)
    {
        if (error is null)
        {
            return "unknown error";
        }

        var message = error is PostgresException pg ? $"{pg.MessageText} ({pg.SqlState})" : error.Message;
        var newline = message.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? message : message[..newline];
    }
}

/// <summary>A migration could not be applied.</summary>
public sealed class MigrationException(string message, string? script, Exception? inner) : Exception(message, inner)
{
    /// <summary>The script that failed, when known.</summary>
    public string? Script { get; } = script;
}
