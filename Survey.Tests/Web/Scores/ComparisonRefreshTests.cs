using System.Text.Json;
using Survey.Data.Generation;
using Survey.Domain.Accounts;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Scores;

/// <summary>The comparison groups of a live period: served at once from the last computation, refreshed in the background.</summary>
public sealed class ComparisonRefreshTests
{
    private const string Period = "2026-S1";

    [Test]
    public async Task StaleGroups_AreServedAtOnce_ThenReplacedByABackgroundRefresh()
    {
        var connectionString = TestDatabase.CreateMigrated("comparison");
        await TestWorld.SeedRegionsAsync(connectionString);
        using var factory = new SurveyWebFactory(connectionString, settings: new Dictionary<string, string> { ["Survey:Scores:ComparisonCacheSeconds"] = "1" });
        using var admin = await TestUsers.ApiClientAsync(factory, UserRoles.Admin);
        await TestWorld.OpenPeriodAsync(admin, Period);

        async Task<int> NationalGroupAsync()
        {
            using var response = await admin.GetAsync(new Uri($"/api/v1/periods/{Period}/regions/3523/scores", UriKind.Relative));
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return body.RootElement.GetProperty("medians").GetProperty("national").GetProperty("regions").GetInt32();
        }

        Assert.That(await NationalGroupAsync(), Is.Zero, "nobody has a complete result yet");

        // Surabaya submits a complete result; the groups computed before do not have it yet.
        await TestWorld.GenerateAsync(factory, new GenerationPlan(Period, [TestWorld.Surabaya], 35, 12, Seed: 5));
        Assert.That(await NationalGroupAsync(), Is.Zero, "the last computed groups are served, not recomputed by the request");

        var refreshed = false;
        for (var attempt = 0; attempt < 50 && !refreshed; attempt++)
        {
            await Task.Delay(200);
            refreshed = await NationalGroupAsync() == 1;
        }

        Assert.That(refreshed, Is.True, "once older than the interval, the groups are recomputed in the background and include Surabaya");
    }
}
