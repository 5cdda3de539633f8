using System.Diagnostics;
using Survey.Tests.Support;

namespace Survey.Tests.Web.Platform;

public sealed class DataFileStartupTests
{
    [Test]
    public void Start_BrokenMethodologyFile_StopsWithFileEntryAndRule_AndLoadsNothing()
    {
        using var folder = new IndicatorFolder();
        folder.Edit(IndicatorFolder.Methodology, root => root["indicators"]![3]!["best"] = 0);
        var connectionString = TestDatabase.CreateEmpty("badfile");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Survey.Web.dll"));
        info.ArgumentList.Add("load-indicators");
        info.Environment["ConnectionStrings__Survey"] = connectionString;
        info.Environment["Survey__IndicatorsPath"] = folder.Path;
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        Assert.That(process.WaitForExit(TimeSpan.FromSeconds(60)), Is.True);

        Assert.That(process.ExitCode, Is.EqualTo(1));
        Assert.That(stderr.Result, Does.StartWith("Survey: the indicator data is invalid, so nothing of it was loaded:"));
        Assert.That(stderr.Result, Does.Contain("methodology/v1.json: indicators[3] (37122:5.4): worst and best must differ (both 0)"));
        using var connection = new Npgsql.NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM indicator", connection);
        Assert.That(command.ExecuteScalar(), Is.Zero, "never a half-loaded catalogue");
    }
}
