using Dapper;
using Npgsql;
using Survey.Data.Regions;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Data.Regions;

public sealed class RegionRepositoryTests
{
    [Test]
    public async Task ImportCsv_OneBadRow_ImportsNothing_GoodFile_ImportsAll()
    {
        var connectionString = TestDatabase.CreateMigrated("regions");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new RegionRepository(dataSource);
        var header = "code,name,kind,province\n";
        var rows = "3523,Kabupaten Tuban,kabupaten,Jawa Timur\n3578,Kota Surabaya,kota,Jawa Timur\n";

        var (badRegions, badErrors) = RegionCsvParser.Parse(header + rows + "3579,Kota Batu,kota,\n");
        if (badErrors.Count == 0)
        {
            await repository.ImportAsync(badRegions, CancellationToken.None);
        }

        Assert.That(badErrors, Is.EqualTo(new[] { "baris 4: Provinsi wajib diisi." }));
        Assert.That(await repository.ListAsync(CancellationToken.None), Is.Empty);

        var (regions, errors) = RegionCsvParser.Parse(header + rows);
        var (added, updated) = await repository.ImportAsync(regions, CancellationToken.None);

        Assert.That(errors, Is.Empty);
        Assert.That((added, updated), Is.EqualTo((2, 0)));
        Assert.That((await repository.ListAsync(CancellationToken.None)).Select(r => r.Code), Is.EqualTo(new[] { "3523", "3578" }));
    }

    [Test]
    public async Task Import_ExistingCode_UpdatesIt_AndAddRefusesADuplicate()
    {
        var connectionString = TestDatabase.CreateMigrated("regions-upd");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new RegionRepository(dataSource);
        await repository.ImportAsync([new Region("3523", "Kab. Tuban", RegionKind.Kabupaten, "Jatim")], CancellationToken.None);

        var (added, updated) = await repository.ImportAsync([new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur")], CancellationToken.None);
        var duplicate = await repository.AddAsync(new Region("3523", "Other", RegionKind.Kota, "Bali"), CancellationToken.None);

        Assert.That((added, updated), Is.EqualTo((0, 1)));
        Assert.That(duplicate, Is.False);
        Assert.That(await repository.FindAsync("3523", CancellationToken.None), Is.EqualTo(new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur")));
    }

    [Test]
    public async Task Import_FailureHalfWay_RollsBackEveryRow()
    {
        var connectionString = TestDatabase.CreateMigrated("regions-tx");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var repository = new RegionRepository(dataSource);

        // The second region breaks a database rule (name length): the first must not stay behind.
        await Assert.ThrowsAsync<PostgresException>(() => repository.ImportAsync(
            [new Region("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur"), new Region("3578", new string('x', 200), RegionKind.Kota, "Jawa Timur")],
            CancellationToken.None));

        await using var connection = new NpgsqlConnection(connectionString);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM region"), Is.Zero);
    }
}
