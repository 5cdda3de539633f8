using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Regions;

/// <summary>The national registry as data: synced at start, cohorts and participation edited by administrators.</summary>
public sealed class RegistryTests
{
    [Test]
    public async Task TheRegistry_Loads514RegionsAnd38Provinces_AndARestartChangesNothing()
    {
        var connectionString = TestDatabase.CreateMigrated("registry-load");
        using (var factory = new SurveyWebFactory(connectionString))
        {
            using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
            var all = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/regions", UriKind.Relative));
            var tuban = all.EnumerateArray().Single(r => r.GetProperty("code").GetString() == "3523");
            Assert.Multiple(() =>
            {
                Assert.That(all.GetArrayLength(), Is.EqualTo(514));
                Assert.That(tuban.GetProperty("kemendagri_code").GetString(), Is.EqualTo("35.23"));
                Assert.That(tuban.GetProperty("cohort_year").GetInt32(), Is.EqualTo(2018), "the cohort from smart-city-cohorts.csv");
                Assert.That(tuban.GetProperty("participating").GetBoolean(), Is.False, "a registry region takes part only when an administrator says so");
            });
        }

        await using var connection = new NpgsqlConnection(connectionString);
        var before = await connection.QuerySingleAsync<(long Provinces, long Syncs, DateTime Stamp)>(
            "SELECT (SELECT count(*) FROM province), (SELECT count(*) FROM audit_event WHERE action = 'registry_sync'), (SELECT max(updated_at) FROM region)");
        using (var again = new SurveyWebFactory(connectionString))
        {
            using var client = again.CreateClient();
            (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).EnsureSuccessStatusCode();
        }

        var after = await connection.QuerySingleAsync<(long Provinces, long Syncs, DateTime Stamp)>(
            "SELECT (SELECT count(*) FROM province), (SELECT count(*) FROM audit_event WHERE action = 'registry_sync'), (SELECT max(updated_at) FROM region)");
        Assert.Multiple(() =>
        {
            Assert.That(before.Provinces, Is.EqualTo(38));
            Assert.That(before.Syncs, Is.EqualTo(1), "the first start syncs once, audited");
            Assert.That(after, Is.EqualTo(before), "a restart writes nothing");
        });
    }

    [Test]
    public async Task PatchingCohortAndParticipation_IsAudited_AndDecidesWhoTheNationalRankingShows()
    {
        const string Period = "2026-S1";
        var connectionString = TestDatabase.CreateMigrated("registry-patch");
        await TestWorld.SeedRegionsAsync(connectionString, TestWorld.Tuban, TestWorld.Surabaya, new Region("3524", "Kabupaten Lamongan", RegionKind.Kabupaten, "Jawa Timur"));
        using var factory = new SurveyWebFactory(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);
        await TestWorld.GenerateAsync(factory, new GenerationPlan(Period, [TestWorld.Tuban, TestWorld.Surabaya, new Region("3524", "Kabupaten Lamongan", RegionKind.Kabupaten, "Jawa Timur")], 35, 6, Seed: 11, Status: "approved"));

        async Task<string[]> RankedAsync(string query)
        {
            var scores = await admin.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/periods/{Period}/scores{query}", UriKind.Relative));
            return scores.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()!).Order(StringComparer.Ordinal).ToArray();
        }

        Assert.That(await RankedAsync(string.Empty), Is.EqualTo(new[] { "3523", "3524", "3578" }));
        using (var left = await admin.PatchAsJsonAsync(new Uri("/api/v1/regions/3578", UriKind.Relative), new { participating = false }))
        {
            Assert.That(left.StatusCode, Is.EqualTo(HttpStatusCode.OK), await left.Content.ReadAsStringAsync());
        }

        using (var cohort = await admin.PatchAsJsonAsync(new Uri("/api/v1/regions/3524", UriKind.Relative), new { cohort_year = 2019, participating = true }))
        {
            var body = await cohort.Content.ReadFromJsonAsync<JsonElement>();
            Assert.That((body.GetProperty("cohort_year").GetInt32(), body.GetProperty("participating").GetBoolean()), Is.EqualTo((2019, true)));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await RankedAsync(string.Empty), Is.EqualTo(new[] { "3523", "3524" }), "Surabaya no longer takes part");
            Assert.That(await RankedAsync("?cohort=2018"), Is.EqualTo(new[] { "3523" }), "Tuban is of the 2018 cohort");
            Assert.That(await RankedAsync("?cohort=2019"), Is.EqualTo(new[] { "3524" }));
        });

        var dashboard = await admin.GetStringAsync(new Uri($"/periods/{Period}/dashboard?cohort=2019", UriKind.Relative));
        Assert.That(dashboard, Does.Contain("Angkatan 2019"), "the dashboard's cohort filter");
        await using var connection = new NpgsqlConnection(connectionString);
        var audited = (await connection.QueryAsync<string>("SELECT entity_key FROM audit_event WHERE action = 'participation' ORDER BY id")).ToList();
        Assert.That(audited, Is.EqualTo(new[] { "3578", "3524" }));
    }

    [Test]
    public async Task Patch_RefusesBadValues_UnknownRegions_AndOtherRoles()
    {
        var connectionString = TestDatabase.CreateMigrated("registry-refuse");
        using var factory = new SurveyWebFactory(connectionString);
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        using var coordinator = await TestUsers.ApiClientAsync(factory, UserRoles.Coordinator, "3523");

        using var year = await admin.PatchAsJsonAsync(new Uri("/api/v1/regions/3523", UriKind.Relative), new { cohort_year = 1999 });
        using var flag = await admin.PatchAsJsonAsync(new Uri("/api/v1/regions/3523", UriKind.Relative), new { participating = "ya" });
        using var unknown = await admin.PatchAsJsonAsync(new Uri("/api/v1/regions/9999", UriKind.Relative), new { participating = true });
        using var denied = await coordinator.PatchAsJsonAsync(new Uri("/api/v1/regions/3523", UriKind.Relative), new { participating = true });
        Assert.Multiple(async () =>
        {
            Assert.That(year.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(await year.Content.ReadAsStringAsync(), Does.Contain("cohort_year"));
            Assert.That(flag.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
            Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        });
        var tuban = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/regions/3523", UriKind.Relative));
        Assert.That(tuban.GetProperty("cohort_year").GetInt32(), Is.EqualTo(2018), "nothing changed");
    }

    [Test]
    public void TheParser_RefusesARegistryWithABadRow_NamingFileAndLine()
    {
        var (registry, errors) = RegistryParser.Parse(
            "code,kemendagri_code,name,kind,province_code,province\n3523,35.23,Kabupaten Tuban,kabupaten,35,Jawa Timur\n3578,35.87,Kota Surabaya,kota,35,Jawa Timur\n",
            "code,name,cohort_year,source\n3523,Kabupaten Tuban,2018,x\n9999,Kota Tidak Ada,2017,x\n");
        Assert.Multiple(() =>
        {
            Assert.That(registry, Is.Null);
            Assert.That(errors, Has.Some.Contains("regions-kemendagri-2025.csv line 3"));
            Assert.That(errors, Has.Some.Contains("region 9999 is not in"));
        });
    }

    [Test]
    public void TheShippedRegistry_IsValid()
    {
        var folder = Path.Combine(TestContext.CurrentContext.TestDirectory, "indicators", "regions");
        var (registry, errors) = RegistryParser.Load(folder);
        Assert.That(errors, Is.Empty);
        Assert.That((registry!.Regions.Count, registry.Provinces.Count, registry.Regions.Count(r => r.CohortYear is not null)), Is.EqualTo((514, 38, 27)));
    }
}
