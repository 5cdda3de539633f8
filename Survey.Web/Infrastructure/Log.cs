namespace Survey.Web.Infrastructure;

/// <summary>The app's log messages, as source-generated delegates.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 35, Level = LogLevel.Information, Message = "Region registry synced: {Regions} regions in {Provinces} provinces, {Added} added, {Updated} corrected")]
    public static partial void RegistrySynced(ILogger logger, int regions, int provinces, int added, int updated);

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Scripts}")]
    public static partial void MigrationsApplied(ILogger logger, int count, IReadOnlyList<string> scripts);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Indicator data synced: catalogue changed {CatalogueChanged}, new methodology revisions {Methodologies}")]
    public static partial void IndicatorDataSynced(ILogger logger, bool catalogueChanged, IReadOnlyList<string> methodologies);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Demo data loaded: {Regions} demo region(s)")]
    public static partial void DemoDataLoaded(ILogger logger, int regions);

    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Memory returned after a busy spell: working set {BeforeMb} MB -> {AfterMb} MB, managed heap committed {HeapMb} MB")]
    public static partial void MemoryTrimmed(ILogger logger, long beforeMb, long afterMb, long heapMb);

    [LoggerMessage(EventId = 32, Level = LogLevel.Warning, Message = "Mailing notification {Id} failed")]
    public static partial void MailFailed(ILogger logger, long id, Exception exception);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "The {Service} background pass failed; it runs again later")]
    public static partial void BackgroundPassFailed(ILogger logger, string service, Exception exception);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Demo periods created: 2026-S1 (published) and 2026-S2 (open), with synthetic data labelled as demo")]
    public static partial void DemoPeriodsCreated(ILogger logger);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Demo account created: {Email}")]
    public static partial void DemoAccountCreated(ILogger logger, string email);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Database unavailable while serving {Path}")]
    public static partial void DatabaseUnavailable(ILogger logger, string? path);
}
