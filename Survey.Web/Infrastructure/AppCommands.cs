namespace Survey.Web.Infrastructure;

/// <summary>
/// The commands of <c>Survey.Web</c> besides serving: <c>migrate</c> applies the migrations and exits.
/// Later capabilities add their own commands here.
/// </summary>
public static class AppCommands
{
    public const string Serve = "serve";
    public const string Migrate = "migrate";

    private static readonly string[] Known = [Serve, Migrate];

    /// <summary>Splits the command word (if any) from the configuration arguments.</summary>
    public static ParsedCommand Parse(string[] args)
    {
        if (args.Length > 0 && !args[0].StartsWith('-') && !args[0].Contains('=', StringComparison.Ordinal))
        {
            var name = args[0].ToLowerInvariant();
            if (!Known.Contains(name))
            {
                throw new ArgumentException($"Unknown command '{args[0]}'. Known: {string.Join(", ", Known)}.");
            }

            return new ParsedCommand(name, args[1..]);
        }

        return new ParsedCommand(Serve, args);
    }

    /// <summary>Runs a command other than <see cref="Serve"/> after the database start-up work is done.</summary>
    public static Task<int> RunAsync(ParsedCommand command, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(command);
        _ = services;
        switch (command.Name)
        {
            case Migrate:
                Console.WriteLine("Survey: the database schema is up to date.");
                return Task.FromResult(0);
            default:
                throw new InvalidOperationException($"Command '{command.Name}' has no handler.");
        }
    }
}

/// <summary>A command word and the arguments left for the configuration system.</summary>
public sealed record ParsedCommand(string Name, string[] RemainingArgs);
