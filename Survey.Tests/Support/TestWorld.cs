using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Survey.Domain.Regions;

namespace Survey.Tests.Support;

/// <summary>The regions most web tests start from.</summary>
public static class TestWorld
{
    public static readonly Region Tuban = new("3523", "Kabupaten Tuban", RegionKind.Kabupaten, "Jawa Timur");

    public static readonly Region Surabaya = new("3578", "Kota Surabaya", RegionKind.Kota, "Jawa Timur");

    /// <summary>Adds <paramref name="regions"/> (Tuban and Surabaya when none are given).</summary>
    public static async Task SeedRegionsAsync(string connectionString, params Region[] regions)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await new Survey.Data.Regions.RegionRepository(dataSource).ImportAsync(regions.Length == 0 ? [Tuban, Surabaya] : regions, CancellationToken.None);
    }

    /// <summary>Creates the period <paramref name="code"/> (methodology v1) and opens it, through the API as an administrator.</summary>
    public static async Task OpenPeriodAsync(HttpClient admin, string code, string entryOpens = "2026-01-01", string entryCloses = "2099-06-30")
    {
        ArgumentNullException.ThrowIfNull(admin);
        using var created = await admin.PostAsJsonAsync(new Uri("/api/v1/periods", UriKind.Relative), new { code, entry_opens = entryOpens, entry_closes = entryCloses, methodology = "v1" });
        Assert.That(created.IsSuccessStatusCode, Is.True, $"creating {code}: {await created.Content.ReadAsStringAsync()}");
        using var opened = await admin.PostAsync(new Uri($"/api/v1/periods/{code}/open", UriKind.Relative), null);
        Assert.That(opened.IsSuccessStatusCode, Is.True, $"opening {code}: {await opened.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Fills <paramref name="plan"/>'s regions with labelled synthetic data (methodology v1, the period's
    /// questionnaire), as the app's generate command does.
    /// </summary>
    public static async Task GenerateAsync(SurveyWebFactory factory, Survey.Data.Generation.GenerationPlan plan)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(plan);
        using var scope = factory.Services.CreateScope();
        var catalogues = scope.ServiceProvider.GetRequiredService<Survey.Domain.Catalogue.ICatalogueRepository>();
        var questionnaire = (await scope.ServiceProvider.GetRequiredService<Survey.Domain.Surveys.ISurveyRepository>().GetQuestionnaireAsync(plan.Period, CancellationToken.None))!;
        await new Survey.Data.Generation.SyntheticPeriodGenerator(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>()).GenerateAsync(
            plan, (await catalogues.GetCatalogueAsync(CancellationToken.None))!, (await catalogues.GetMethodologyAsync("v1", CancellationToken.None))!.Definition, questionnaire, CancellationToken.None);
    }
}
