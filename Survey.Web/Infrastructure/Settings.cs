using System.Globalization;
using Survey.Domain.Common;

namespace Survey.Web.Infrastructure;

/// <summary>Evidence uploads (<c>Survey:Evidence</c>).</summary>
public sealed class EvidenceSettings : ISettings
{
    public const string Section = "Survey:Evidence";

    /// <summary>The largest file accepted, in megabytes (at most 64, the request limit).</summary>
    public double MaxMegabytes { get; set; } = 10;

    public long MaxBytes => (long)(MaxMegabytes * 1024 * 1024);

    public string? Problem() =>
        MaxMegabytes is <= 0 or > 64 ? $"{Section}:MaxMegabytes must lie between 0 and 64 (it is {MaxMegabytes.ToString(CultureInfo.InvariantCulture)})." : null;
}

/// <summary>Mailing notifications (<c>Survey:Mail</c>): a pickup folder (trials, tests) or an SMTP host.</summary>
public sealed class MailSettings : ISettings
{
    public const string Section = "Survey:Mail";

    public string? PickupDirectory { get; set; }

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public string From { get; set; } = "no-reply@smartcity.go.id";

    /// <summary>The address links in mails point to; empty: <c>Survey:PublicBaseUrl</c>, else the local address.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>How often the outbox is read, in seconds.</summary>
    public double IntervalSeconds { get; set; } = 10;

    public bool Enabled => !string.IsNullOrWhiteSpace(PickupDirectory) || !string.IsNullOrWhiteSpace(SmtpHost);

    public string? Problem() =>
        SmtpPort is < 1 or > 65535 ? $"{Section}:SmtpPort must lie between 1 and 65535 (it is {SmtpPort})."
        : IntervalSeconds is <= 0 or > 3600 ? $"{Section}:IntervalSeconds must lie between 0 and 3600 (it is {IntervalSeconds.ToString(CultureInfo.InvariantCulture)})."
        : !System.Net.Mail.MailAddress.TryCreate(From, out _) ? $"{Section}:From must be an e-mail address (it is '{From}')."
        : null;
}

/// <summary>Accounts (<c>Survey</c>): how long an account stays locked after five failed sign-ins.</summary>
public sealed class AccountSettings : ISettings
{
    public const string Section = "Survey";

    public double LockoutMinutes { get; set; } = 15;

    public string? Problem() =>
        LockoutMinutes is <= 0 or > 24 * 60 ? $"{Section}:LockoutMinutes must lie between 0 and 1440 (it is {LockoutMinutes.ToString(CultureInfo.InvariantCulture)})." : null;
}

/// <summary>What the app loads at start (<c>Survey</c>): the demo data and the folders that ship beside the app.</summary>
public sealed class StartupSettings : ISettings
{
    public const string Section = "Survey";

    /// <summary>Whether the demo regions, accounts and periods are loaded (labelled demo everywhere).</summary>
    public bool DemoData { get; set; }

    /// <summary>The migrations folder; empty: found beside the app or in the source tree.</summary>
    public string? MigrationsPath { get; set; }

    public string? IndicatorsPath { get; set; }

    public string? DemoPath { get; set; }

    public string? Problem() => null;
}

/// <summary>The benchmark's bare endpoint (<c>Survey:Benchmark</c>), off unless a benchmark turns it on.</summary>
public sealed class BenchmarkSettings : ISettings
{
    public const string Section = "Survey:Benchmark";

    public bool BareEndpoint { get; set; }

    public string? Problem() => null;
}

/// <summary>Binding and checking the settings classes: a bad value stops the app with one sentence naming it.</summary>
public static class SettingsRegistration
{
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class, ISettings, new()
    {
        ArgumentNullException.ThrowIfNull(configuration);
        T value;
        try
        {
            value = configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException ex)
        {
            // "Failed to convert configuration value at 'Survey:Mail:SmtpPort' to type 'System.Int32'."
            throw new StartupException(ex.Message);
        }

        if (value.Problem() is { } problem)
        {
            throw new StartupException(problem);
        }

        services.AddOptions<T>().Bind(configuration.GetSection(section));
        return value;
    }
}
