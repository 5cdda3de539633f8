using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Submissions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Platform;

/// <summary>
/// The demo data ./run.sh loads obeys the rules real data obeys: nothing was submitted that the submit checklist
/// would refuse, every flag it raises is justified and stored for the evaluator, and the published demo period holds
/// reviewed data only.
/// </summary>
public sealed class DemoDataRulesTests
{
    [Test]
    public async Task DemoSubmissions_PassTheChecklist_WithTheirFlagsStored()
    {
        var connectionString = TestDatabase.CreateMigrated("demo-rules");
        using var factory = new SurveyWebFactory(connectionString, settings: new Dictionary<string, string> { ["Survey:DemoData"] = "true" });
        using var client = factory.CreateClient();
        using var scope = factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var catalogues = services.GetRequiredService<ICatalogueRepository>();
        var catalogue = (await catalogues.GetCatalogueAsync(CancellationToken.None))!;
        var submissions = services.GetRequiredService<ISubmissionRepository>();
        var programmes = services.GetRequiredService<IProgrammeRepository>();
        var reviews = services.GetRequiredService<Survey.Domain.Reviews.IReviewRepository>();
        await using var connection = new NpgsqlConnection(connectionString);
        var submitted = (await connection.QueryAsync<(string Period, string Region)>("SELECT period_code, region_code FROM submission WHERE status <> 'draft' ORDER BY 1, 2")).ToList();
        Assert.That(submitted, Has.Count.GreaterThan(5), "the demo submits data in both periods");
        var tubanUnits = (await connection.QueryAsync<(string Kind, long Count)>("SELECT kind, count(*) FROM unit WHERE region_code = '3523' GROUP BY kind ORDER BY kind")).ToList();
        Assert.That(tubanUnits, Is.EqualTo(new[] { ("agency", 3L), ("desa", 311L), ("kelurahan", 17L) }), "Tuban's three agencies and 328 villages");
        foreach (var (period, region) in submitted)
        {
            var found = (await services.GetRequiredService<IPeriodRepository>().FindAsync(period, CancellationToken.None))!;
            var methodology = (await catalogues.GetMethodologyAsync(found.MethodologyLabel!, CancellationToken.None))!;
            var check = SubmissionChecklist.Evaluate(catalogue, methodology.Definition,
                await submissions.GetValuesAsync(new Scope(period, region), CancellationToken.None),
                await programmes.ListAsync(new Scope(period, region), CancellationToken.None),
                await submissions.GetPlausibilityContextAsync(new Scope(period, region), PeriodCodes.Previous(period), CancellationToken.None),
                new PlausibilityOptions(), DateTime.UtcNow.Year);
            var stored = await reviews.FlagsAsync(new Scope(period, region), CancellationToken.None);
            Assert.Multiple(() =>
            {
                Assert.That(check.Blocking.Select(b => $"{b.Key}: {b.Message}"), Is.Empty, $"{period} {region} was submitted with what the checklist refuses");
                Assert.That(stored.Select(f => (f.Key, f.Rule)), Is.EquivalentTo(check.Flags.Select(f => (f.Key, f.Rule))), $"{period} {region}: the stored flags are those of the checklist");
            });
        }

        // Tuban's demo shows the ledger: two obstacles this semester, a recommendation of last semester due now.
        var obstacles = (await connection.QueryAsync<string>("SELECT status FROM obstacle WHERE period_code = '2026-S2' AND region_code = '3523' ORDER BY status")).ToList();
        Assert.That(obstacles, Is.EqualTo(new[] { "in_progress", "open" }));
        var due = (await connection.QueryAsync<string>("SELECT due_period FROM recommendation WHERE region_code = '3523' AND period_code = '2026-S1' ORDER BY due_period")).ToList();
        Assert.That(due, Is.EqualTo(new[] { "2026-S2", "2027-S1" }));

        var snapshotRegions = await connection.QuerySingleAsync<int>("SELECT regions FROM score_snapshot WHERE period_code = '2026-S1'");
        var approved = await connection.QuerySingleAsync<int>("SELECT count(*)::integer FROM submission WHERE period_code = '2026-S1' AND status = 'approved'");
        Assert.That(snapshotRegions, Is.EqualTo(approved), "the published demo period holds the reviewed regions");
    }
}
