namespace Survey.Web.Infrastructure;

/// <summary>Where the data folders that ship beside the app are found.</summary>
public static class ContentPaths
{
    /// <summary>
    /// The migrations folder: <c>Survey:MigrationsPath</c> when configured, else the copy in the app's
    /// output folder, else the repository's <c>migrations/</c> (when run from the source tree).
    /// </summary>
    public static string Migrations(StartupSettings settings, IHostEnvironment environment) =>
        Resolve(settings?.MigrationsPath, "migrations", environment);

    /// <summary>The indicator data folder, found the same way as <see cref="Migrations"/>.</summary>
    public static string Indicators(StartupSettings settings, IHostEnvironment environment) =>
        Resolve(settings?.IndicatorsPath, "indicators", environment);

    /// <summary>The demo data folder, found the same way as <see cref="Migrations"/>.</summary>
    public static string Demo(StartupSettings settings, IHostEnvironment environment) =>
        Resolve(settings?.DemoPath, "demo", environment);

    private static string Resolve(string? configured, string folder, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        string[] candidates =
        [
            Path.Combine(AppContext.BaseDirectory, folder),
            Path.Combine(environment.ContentRootPath, folder),
            Path.Combine(environment.ContentRootPath, "..", folder),
        ];
        return Path.GetFullPath(candidates.FirstOrDefault(Directory.Exists) ?? candidates[0]);
    }
}
