using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Survey.Tests.Support;

/// <summary>The real app over HTTP (in-memory server) against a test database.</summary>
public sealed class SurveyWebFactory(string connectionString, string? indicatorsPath = null, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Services to replace or decorate before the app starts (for example a counting wrapper).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? TestServices { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Survey", connectionString);
        builder.UseSetting("Survey:MigrationsPath", RepositoryPaths.Migrations);
        builder.UseSetting("Survey:IndicatorsPath", indicatorsPath ?? RepositoryPaths.Indicators);
        builder.UseSetting("Survey:DemoPath", RepositoryPaths.Demo);
        // Many tests sign in from the same loopback address; the rate limit has its own test.
        builder.UseSetting("Survey:RateLimits:SignInPerMinute", "10000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }

    /// <summary>Every log entry at Error or above (an unhandled exception logs one), for tests to assert there is none.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Errors { get; } = new();

    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning).AddProvider(new CollectingLoggerProvider(Errors)));
        return base.CreateHost(builder);
    }

    private sealed class CollectingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Collector(categoryName, errors);

        public void Dispose()
        {
        }

        private sealed class Collector(string category, System.Collections.Concurrent.ConcurrentQueue<string> errors) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}");
                }
            }
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public HttpClient CreateBrowserLikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
}
