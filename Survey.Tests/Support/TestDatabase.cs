using Npgsql;
using Survey.Data.Database;

namespace Survey.Tests.Support;

/// <summary>
/// The PostgreSQL server of the test run, named by <c>SURVEY_TEST_DB</c> (./test.sh starts a throwaway one),
/// and the databases the tests create on it. Every database is dropped when the run ends.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<string> LazyShared = new(() => CreateMigrated("shared"));
    private static readonly List<string> Created = [];

    /// <summary>The server's connection string, without a database name.</summary>
    public static string Server
    {
        get
        {
            var server = Environment.GetEnvironmentVariable("SURVEY_TEST_DB");
            if (string.IsNullOrWhiteSpace(server))
            {
                Assert.Fail("SURVEY_TEST_DB is not set. Run the tests through ./test.sh, which starts a throwaway PostgreSQL, " +
                            "or set SURVEY_TEST_DB to a connection string such as 'Host=127.0.0.1;Port=5432;Username=postgres'.");
            }

            return server!;
        }
    }

    /// <summary>One migrated database shared by the tests of this run; each test owns its rows.</summary>
    public static string Shared => LazyShared.Value;

    /// <summary>A connection string for a new, empty database (not migrated).</summary>
    public static string CreateEmpty(string purpose)
    {
        var name = $"survey_test_{purpose}_{Guid.NewGuid():N}"[..40];
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false };
        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException ex)
        {
            Assert.Fail($"PostgreSQL at SURVEY_TEST_DB is not reachable ({ex.Message}). Start it or run ./test.sh.");
        }

        lock (Created)
        {
            Created.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with every migration applied by the production runner.</summary>
    public static string CreateMigrated(string purpose)
    {
        var connectionString = CreateEmpty(purpose);
        new DatabaseMigrator(connectionString, RepositoryPaths.Migrations).Migrate();
        return connectionString;
    }

    /// <summary>Drops every database this run created.</summary>
    public static void DropAll()
    {
        string[] names;
        lock (Created)
        {
            names = [.. Created];
            Created.Clear();
        }

        if (names.Length == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(Server) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(builder.ConnectionString);
        connection.Open();
        foreach (var name in names)
        {
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
    }
}
