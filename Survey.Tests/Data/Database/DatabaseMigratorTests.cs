using Dapper;
using Npgsql;
using Survey.Data.Database;
using Survey.Tests.Support;

namespace Survey.Tests.Data.Database;

public sealed class DatabaseMigratorTests
{
    [Test]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationInOrderAndJournalsThem()
    {
        var connectionString = TestDatabase.CreateEmpty("migrate");
        var expected = Directory.GetFiles(RepositoryPaths.Migrations, "*.sql").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        var applied = new DatabaseMigrator(connectionString, RepositoryPaths.Migrations).Migrate();

        Assert.That(applied, Is.EqualTo(expected));
        await using var connection = new NpgsqlConnection(connectionString);
        var journal = (await connection.QueryAsync<string>("SELECT scriptname FROM public.schema_migrations ORDER BY schemaversionsid")).ToList();
        Assert.That(journal, Is.EqualTo(expected));
        var installedAt = await connection.QuerySingleAsync<string>("SELECT value FROM app_setting WHERE key = 'installed_at'");
        Assert.That(installedAt, Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
    }

    [Test]
    public async Task Migrate_SecondRun_IsANoOp()
    {
        var connectionString = TestDatabase.CreateEmpty("rerun");
        var migrator = new DatabaseMigrator(connectionString, RepositoryPaths.Migrations);
        migrator.Migrate();
        await using var connection = new NpgsqlConnection(connectionString);
        var before = await connection.QuerySingleAsync<long>("SELECT count(*) FROM public.schema_migrations");

        var second = migrator.Migrate();

        Assert.That(second, Is.Empty);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM public.schema_migrations"), Is.EqualTo(before));
    }

    [Test]
    public async Task Migrate_FailingScript_RollsItBackAndNamesIt()
    {
        var folder = Directory.CreateTempSubdirectory("survey-migrations-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "0001_good.sql"), "CREATE TABLE good_table (id int);");
            await File.WriteAllTextAsync(Path.Combine(folder, "0002_bad.sql"), "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;");
            var connectionString = TestDatabase.CreateEmpty("failing");

            var error = Assert.Throws<MigrationException>(() => new DatabaseMigrator(connectionString, folder).Migrate());

            Assert.That(error!.Message, Does.StartWith("migration 0002_bad.sql failed:").And.Contains("no_such_table"));
            await using var connection = new NpgsqlConnection(connectionString);
            var tables = (await connection.QueryAsync<string>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).ToList();
            Assert.That(tables, Does.Contain("good_table").And.Not.Contain("half_done"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
