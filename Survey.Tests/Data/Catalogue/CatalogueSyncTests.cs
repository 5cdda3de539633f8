using Dapper;
using Npgsql;
using Survey.Data.Catalogue;
using Survey.Tests.Support;

namespace Survey.Tests.Data.Catalogue;

public sealed class CatalogueSyncTests
{
    private static async Task<(long Xmin, DateTime SyncedAt)> CatalogueStampAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var indicatorVersions = await connection.QuerySingleAsync<long>("SELECT sum(xmin::text::bigint) FROM indicator");
        var syncedAt = await connection.QuerySingleAsync<DateTime>("SELECT synced_at FROM catalogue");
        return (indicatorVersions, syncedAt);
    }

    [Test]
    public async Task Sync_SecondTime_ChangesNothing()
    {
        var connectionString = TestDatabase.CreateMigrated("sync");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new CatalogueRepository(dataSource);
        var data = IndicatorFiles.Load(RepositoryPaths.Indicators);

        var first = await repository.SyncAsync(data, CancellationToken.None);
        var stamp = await CatalogueStampAsync(connectionString);
        var second = await repository.SyncAsync(data, CancellationToken.None);

        Assert.That(first.CatalogueChanged, Is.True);
        Assert.That(first.NewMethodologies, Is.EqualTo(new[] { "v1.1" }));
        Assert.That(second.Unchanged, Is.True);
        Assert.That(await CatalogueStampAsync(connectionString), Is.EqualTo(stamp), "no row rewritten");
        await using var connection = new NpgsqlConnection(connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM indicator"), Is.EqualTo(80));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM methodology_indicator"), Is.EqualTo(80));
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM methodology_version"), Is.EqualTo(1));
    }

    [Test]
    public async Task Sync_ChangedMethodology_BecomesANewRevisionAndTheOldOneStays()
    {
        var connectionString = TestDatabase.CreateMigrated("revision");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new CatalogueRepository(dataSource);
        await repository.SyncAsync(IndicatorFiles.Load(RepositoryPaths.Indicators), CancellationToken.None);
        using var folder = new IndicatorFolder();
        folder.Edit(IndicatorFolder.Methodology, root => root["indicators"]![0]!["weight"] = 2);

        var result = await repository.SyncAsync(IndicatorFiles.Load(folder.Path), CancellationToken.None);

        Assert.That(result.CatalogueChanged, Is.False);
        Assert.That(result.NewMethodologies, Is.EqualTo(new[] { "v1.2" }));
        var newest = await repository.GetMethodologyAsync("v1", CancellationToken.None);
        var first = await repository.GetMethodologyAsync("v1.1", CancellationToken.None);
        Assert.That(newest!.Revision, Is.EqualTo(2));
        Assert.That(newest.Definition.MappingOf("37122:5.1")!.Weight, Is.EqualTo(2m));
        Assert.That(first!.Definition.MappingOf("37122:5.1")!.Weight, Is.EqualTo(1m), "the revision in use is never altered in place");
        Assert.That(first.ContentHash, Is.Not.EqualTo(newest.ContentHash));
    }

    [Test]
    public async Task GetCatalogue_AfterSync_RoundTripsTheParsedCatalogue()
    {
        var connectionString = TestDatabase.CreateMigrated("roundtrip");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new CatalogueRepository(dataSource);
        var data = IndicatorFiles.Load(RepositoryPaths.Indicators);
        await repository.SyncAsync(data, CancellationToken.None);

        var stored = await repository.GetCatalogueAsync(CancellationToken.None);
        var methodology = await repository.GetMethodologyAsync("v1", CancellationToken.None);

        Assert.That(stored!.Indicators, Is.EqualTo(data.Catalogue.Indicators));
        Assert.That(stored.Themes, Is.EqualTo(data.Catalogue.Themes));
        Assert.That(methodology!.Definition.Indicators, Is.EqualTo(data.Methodology("v1")!.Indicators));
        Assert.That(await repository.GetMethodologyAsync("v9", CancellationToken.None), Is.Null);
        Assert.That(await repository.GetMethodologyAsync("v1.x", CancellationToken.None), Is.Null);
    }
}
