using Npgsql;
using Survey.Data.Catalogue;
using Survey.Data.Database;
using Survey.Domain.Catalogue;
using Survey.Domain.DataFiles;
using Survey.Domain.Platform;
using Survey.Domain.Regions;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The work done before the app serves: apply pending migrations, load and sync the indicator data, and
/// (only when asked) the demo data. Any failure becomes a <see cref="StartupException"/> whose message an
/// operator can act on.
/// </summary>
public static class DatabaseStartup
{
    public const string DemoSettingKey = "demo_data";

    public static async Task RunAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment, ParsedCommand command)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(command);
        var connectionString = configuration.GetConnectionString("Survey");
        var settings = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StartupSettings>>().Value;
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StartupException(
                "no database is configured; set the connection string ConnectionStrings__Survey (or run ./run.sh, which starts a private PostgreSQL).");
        }

        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseStartup));
        var target = Describe(connectionString);
        try
        {
            var applied = await Task.Run(() => new DatabaseMigrator(connectionString, ContentPaths.Migrations(settings, environment)).Migrate());
            if (applied.Count > 0)
            {
                Log.MigrationsApplied(logger, applied.Count, applied);
            }

            await LoadIndicatorDataAsync(services, settings, environment, logger);
            if (settings.DemoData)
            {
                await DemoData.LoadAsync(services, ContentPaths.Demo(settings, environment), logger);
            }

            var platform = services.GetRequiredService<PlatformState>();
            platform.DemoData = await services.GetRequiredService<IStatusRepository>().GetSettingAsync(DemoSettingKey, CancellationToken.None) == "true";
        }
        catch (MigrationException ex) when (DatabaseErrors.IsUnavailable(ex.InnerException))
        {
            throw Unreachable(target, ex.InnerException!);
        }
        catch (MigrationException ex)
        {
            throw new StartupException($"the database {target} could not be migrated: {ex.Message}.", ex);
        }
        catch (DataFileException ex)
        {
            throw new StartupException("the indicator data is invalid, so nothing of it was loaded:" + Environment.NewLine + ex.Message, ex);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) || ex is NpgsqlException)
        {
            throw Unreachable(target, ex);
        }
    }

    private static async Task LoadIndicatorDataAsync(IServiceProvider services, StartupSettings settings, IHostEnvironment environment, ILogger logger)
    {
        var data = IndicatorFiles.Load(ContentPaths.Indicators(settings, environment));
        var result = await services.GetRequiredService<ICatalogueRepository>().SyncAsync(data, CancellationToken.None);
        if (!result.Unchanged)
        {
            Log.IndicatorDataSynced(logger, result.CatalogueChanged, result.NewMethodologies);
        }

        // The national registry (indicators/regions/): synced like the catalogue, nothing written when unchanged.
        var (registry, errors) = RegistryParser.Load(Path.Combine(ContentPaths.Indicators(settings, environment), "regions"));
        if (registry is null)
        {
            throw new StartupException("the region registry is invalid, so nothing of it was loaded:" + Environment.NewLine + string.Join(Environment.NewLine, errors));
        }

        if (await services.GetRequiredService<IRegionRepository>().SyncRegistryAsync(registry, CancellationToken.None) is { } synced)
        {
            Log.RegistrySynced(logger, registry.Regions.Count, registry.Provinces.Count, synced.Added, synced.Updated);
        }
    }

    private static StartupException Unreachable(string target, Exception ex) =>
        new($"cannot reach the database {target}: {ex.Message.Split('\n')[0].TrimEnd('.')}. Is PostgreSQL running, and is ConnectionStrings__Survey right?", ex);

    /// <summary>Host, port and database of a connection string, without the password.</summary>
    public static string Describe(string connectionString)
    {
        try
        {
            var b = new NpgsqlConnectionStringBuilder(connectionString);
            return $"'{b.Database}' on {b.Host}:{b.Port}";
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }
}

/// <summary>The app cannot start; the message is one sentence for the operator.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What the app learnt about its data at start-up.</summary>
public sealed class PlatformState
{
    /// <summary>True when the database holds demo data: every page then says so.</summary>
    public bool DemoData { get; set; }
}
