using Microsoft.Extensions.Logging;

namespace Survey.Domain.Common;

/// <summary>The use cases' log messages, as source-generated delegates (the web app's are in its own Log).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "A {Kind} notification could not be stored")]
    public static partial void NotificationFailed(ILogger logger, string kind, Exception exception);

    [LoggerMessage(EventId = 34, Level = LogLevel.Warning, Message = "The comparison groups of {Period} could not be recomputed; the previous ones stay in use")]
    public static partial void ComparisonRefreshFailed(ILogger logger, string period, Exception exception);
}
