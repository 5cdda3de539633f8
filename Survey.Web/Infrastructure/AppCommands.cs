using Survey.Domain.Regions;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The commands of <c>Survey.Web</c> besides serving. Each runs after the start-up work (migrations and the
/// indicator data sync) and exits: <c>migrate</c>, <c>load-indicators</c>, <c>import-regions FILE</c>,
/// <c>create-admin</c>, <c>generate</c> and <c>benchmark-scores</c> (see <see cref="DataCommands"/>).
/// </summary>
public static class AppCommands
{
    public const string Serve = "serve";
    public const string Migrate = "migrate";
    public const string LoadIndicators = "load-indicators";
    public const string ImportRegions = "import-regions";
    public const string CreateAdmin = "create-admin";
    public const string Generate = "generate";
    public const string BenchmarkScores = "benchmark-scores";

    private static readonly string[] Known = [Serve, Migrate, LoadIndicators, ImportRegions, CreateAdmin, Generate, BenchmarkScores];

    /// <summary>Splits the command word and its operands (if any) from the configuration arguments.</summary>
    public static ParsedCommand Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length == 0 || args[0].StartsWith('-') || args[0].Contains('=', StringComparison.Ordinal))
        {
            return new ParsedCommand(Serve, [], args);
        }

        var name = args[0].ToLowerInvariant();
        if (!Known.Contains(name))
        {
            throw new ArgumentException($"Unknown command '{args[0]}'. Known: {string.Join(", ", Known)}.");
        }

        var operands = args.Skip(1).TakeWhile(a => !a.StartsWith('-')).ToArray();
        return new ParsedCommand(name, operands, args[(1 + operands.Length)..]);
    }

    /// <summary>Runs a command other than <see cref="Serve"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(ParsedCommand command, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(services);
        switch (command.Name)
        {
            case Migrate:
                Console.WriteLine("Survey: the database schema is up to date.");
                return 0;
            case LoadIndicators:
                Console.WriteLine("Survey: the indicator catalogue and methodologies are loaded and up to date.");
                return 0;
            case ImportRegions:
                return await ImportRegionsAsync(command, services);
            case CreateAdmin:
                return await CreateAdminAsync(command, services);
            case Generate:
                return await DataCommands.GenerateAsync(command, services);
            case BenchmarkScores:
                return await DataCommands.BenchmarkScoresAsync(command, services);
            default:
                throw new InvalidOperationException($"Command '{command.Name}' has no handler.");
        }
    }

    /// <summary><c>create-admin EMAIL "NAME"</c> with the password in <c>SURVEY_ADMIN_PASSWORD</c> (never on the command line).</summary>
    private static async Task<int> CreateAdminAsync(ParsedCommand command, IServiceProvider services)
    {
        var password = Environment.GetEnvironmentVariable("SURVEY_ADMIN_PASSWORD");
        if (command.Operands.Length != 2 || string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("Survey: usage: SURVEY_ADMIN_PASSWORD=... dotnet Survey.Web.dll create-admin EMAIL \"NAME\"");
            return 2;
        }

        using var scope = services.CreateScope();
        var (user, errors) = await scope.ServiceProvider.GetRequiredService<Security.AccountService>().CreateAsync(
            new Security.NewUser(command.Operands[0], command.Operands[1], Survey.Domain.Accounts.UserRoles.Admin, null, password), null, "command line", CancellationToken.None);
        if (user is null)
        {
            await Console.Error.WriteLineAsync($"Survey: the administrator was not created: {string.Join("; ", errors.SelectMany(e => e.Value))}");
            return 1;
        }

        Console.WriteLine($"Survey: administrator {user.Email} created.");
        return 0;
    }

    private static async Task<int> ImportRegionsAsync(ParsedCommand command, IServiceProvider services)
    {
        if (command.Operands.Length != 1 || !File.Exists(command.Operands[0]))
        {
            await Console.Error.WriteLineAsync("Survey: import-regions needs the path of an existing CSV file (code,name,kind,province).");
            return 2;
        }

        var (regions, errors) = RegionCsvParser.Parse(await File.ReadAllTextAsync(command.Operands[0]));
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Survey: nothing was imported; {errors.Count} bad row(s):");
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("  " + error);
            }

            return 1;
        }

        var (added, updated) = await services.GetRequiredService<IRegionRepository>().ImportAsync(regions, CancellationToken.None);
        Console.WriteLine($"Survey: imported {regions.Count} region(s): {added} added, {updated} updated.");
        return 0;
    }
}

/// <summary>A command word, its operands and the arguments left for the configuration system.</summary>
public sealed record ParsedCommand(string Name, string[] Operands, string[] RemainingArgs);
