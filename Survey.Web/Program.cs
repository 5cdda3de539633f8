using Survey.Web.Infrastructure;

// The first argument may name a command instead of serving the web app (see README, "Commands").
var command = AppCommands.Parse(args);
var builder = WebApplication.CreateBuilder(command.RemainingArgs);
WebApplication app;
try
{
    builder.AddSurveyServices();
    app = builder.Build();
}
catch (StartupException ex)
{
    await Console.Error.WriteLineAsync($"Survey: {ex.Message}");
    return 1;
}

try
{
    await DatabaseStartup.RunAsync(app.Services, app.Configuration, app.Environment, command);
}
catch (StartupException ex)
{
    // One clear sentence instead of a stack trace: this is what an operator sees first.
    await Console.Error.WriteLineAsync($"Survey: {ex.Message}");
    return 1;
}

if (command.Name != AppCommands.Serve)
{
    return await AppCommands.RunAsync(command, app.Services);
}

app.UseSurveyPipeline();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
