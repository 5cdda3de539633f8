using Dapper;
using Npgsql;
using Survey.Data.Submissions;
using Survey.Domain.Accounts;
using Survey.Domain.Common;
using Survey.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Data.Submissions;

/// <summary>Evidence is stored in the same transaction as the values it supports.</summary>
public sealed class EvidenceAtomicityTests
{
    [Test]
    public async Task AFailedEvidenceWrite_LeavesNoValueChanged_AndAGoodOneIsStoredWithTheValue()
    {
        var connectionString = TestDatabase.CreateMigrated("evidence-atomicity");
        using var factory = new SurveyWebFactory(connectionString);
        await TestWorld.SeedRegionsAsync(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, "2026-S1");
        var email = await TestUsers.CreateAsync(factory, UserRoles.Coordinator, "3523");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        var actor = await connection.QuerySingleAsync<Guid>("SELECT id FROM app_user WHERE email = @email", new { email });
        var repository = new SubmissionRepository(dataSource);
        var entry = new IndicatorEntry("37122:5.1", 12.5m, null, null, null, "BPS", null, 2025, null, null);

        // A link without its address breaks the evidence table's rule: the value goes with it.
        await Assert.ThatAsync(() => repository.SaveValuesAsync(new Scope("2026-S1", "3523"), [new EntryChange(entry, 0)], actor, CancellationToken.None,
            [new NewEvidence("37122:5.1", null, null, null)]), Throws.InstanceOf<PostgresException>());
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM indicator_value WHERE period_code = '2026-S1' AND region_code = '3523'"), Is.Zero);
        Assert.That(await connection.QuerySingleAsync<long>("SELECT count(*) FROM audit_event WHERE entity = 'indicator_value' AND region_code = '3523'"), Is.Zero);

        var result = await repository.SaveValuesAsync(new Scope("2026-S1", "3523"), [new EntryChange(entry, 0)], actor, CancellationToken.None,
            [new NewEvidence("37122:5.1", null, null, "https://data.tubankab.go.id/5-1")]);
        Assert.That(result.Changed, Is.EqualTo(1));
        Assert.That(await connection.QuerySingleAsync<string>("SELECT url FROM evidence WHERE period_code = '2026-S1' AND region_code = '3523'"), Is.EqualTo("https://data.tubankab.go.id/5-1"));
    }
}
