using System.Diagnostics;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Platform;

/// <summary>The app as an operator starts it: a real process, its exit code and what it prints.</summary>
public sealed class StartupTests
{
    private static (int ExitCode, string Stdout, string Stderr) RunApp(string connectionString, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Survey.Web.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ConnectionStrings__Survey"] = connectionString;
        info.Environment["Survey__MigrationsPath"] = RepositoryPaths.Migrations;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the app did not exit within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Test]
    public void Start_DatabaseUnreachable_ExitsWithOneClearSentence()
    {
        var (exitCode, stdout, stderr) = RunApp("Host=127.0.0.1;Port=1;Database=survey;Username=postgres;Timeout=3");

        Assert.That(exitCode, Is.EqualTo(1));
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), "one line, no stack trace: " + stderr);
        Assert.That(lines[0], Does.StartWith("Survey: cannot reach the database 'survey' on 127.0.0.1:1"));
        Assert.That(stdout + stderr, Does.Not.Contain("   at "));
    }

    [Test]
    public void Migrate_Command_AppliesMigrationsAndExits()
    {
        var connectionString = TestDatabase.CreateEmpty("command");

        var (exitCode, stdout, _) = RunApp(connectionString, "migrate");

        Assert.That(exitCode, Is.EqualTo(0));
        Assert.That(stdout, Does.Contain("schema is up to date"));
    }
}
