using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Survey.Tests.Support;

/// <summary>
/// A private PostgreSQL cluster that one test controls (start, stop, start again), through the same
/// <c>scripts/pg.sh</c> that ./run.sh and ./test.sh use. Removed on dispose.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private readonly string _root;

    private PostgresCluster(string root, int port)
    {
        _root = root;
        Port = port;
    }

    public int Port { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    /// <summary>A connection string to the <c>survey</c> database of this cluster.</summary>
    public string ConnectionString =>
        $"Host=127.0.0.1;Port={Port};Database=survey;Username=postgres;Timeout=5;Command Timeout=15";

    public static PostgresCluster Start()
    {
        var root = Directory.CreateTempSubdirectory("survey-pg-").FullName;
        // The cluster runs as the postgres user when the tests run as root: it must reach its folder.
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The private PostgreSQL cluster needs Linux.");
        }

        File.SetUnixFileMode(root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                   UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var cluster = new PostgresCluster(root, FreePort());
        cluster.Run("init", new Dictionary<string, string> { ["PG_INIT_NOSYNC"] = "1" });
        cluster.Resume();
        using (var connection = new NpgsqlConnection(cluster.ConnectionString.Replace("Database=survey", "Database=postgres", StringComparison.Ordinal) + ";Pooling=false"))
        {
            connection.Open();
            using var command = new NpgsqlCommand("CREATE DATABASE survey", connection);
            command.ExecuteNonQuery();
        }

        return cluster;
    }

    /// <summary>Starts the server again on the same port with the same data.</summary>
    public void Resume() => Run("start", null, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "fast");

    /// <summary>Stops the server (fast shutdown: open connections are cut).</summary>
    public void Stop() => Run("stop", null);

    public void Dispose()
    {
        try
        {
            Stop();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private void Run(string verb, IDictionary<string, string>? environment, params string[] extra)
    {
        var info = new ProcessStartInfo("bash")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(RepositoryPaths.Scripts, "pg.sh"));
        info.ArgumentList.Add(verb);
        info.ArgumentList.Add(DataDirectory);
        foreach (var arg in extra)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg.sh {verb} failed ({process.ExitCode}): {stderr}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
