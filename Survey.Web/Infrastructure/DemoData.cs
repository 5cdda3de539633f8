using Survey.Domain.Platform;
using Survey.Domain.Regions;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The demo data that ./run.sh loads (never a production start): a handful of real regions, flagged as
/// demo so that no page presents them as real results. Loading twice changes nothing.
/// </summary>
public static class DemoData
{
    public static async Task LoadAsync(IServiceProvider services, string folder, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        var status = services.GetRequiredService<IStatusRepository>();
        var regionsFile = Path.Combine(folder, "regions.csv");
        var (regions, errors) = RegionCsvParser.Parse(await File.ReadAllTextAsync(regionsFile), isDemo: true);
        if (errors.Count > 0)
        {
            throw new StartupException($"the demo regions file {regionsFile} is invalid: {string.Join("; ", errors)}");
        }

        var repository = services.GetRequiredService<IRegionRepository>();
        var existing = (await repository.ListAsync(CancellationToken.None)).Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        // Real regions an admin entered are never overwritten by demo rows.
        var missing = regions.Where(r => !existing.Contains(r.Code)).ToList();
        if (missing.Count > 0)
        {
            await repository.ImportAsync(missing, CancellationToken.None);
            Log.DemoDataLoaded(logger, missing.Count);
        }

        await status.SetSettingAsync(DatabaseStartup.DemoSettingKey, "true", CancellationToken.None);
    }
}
