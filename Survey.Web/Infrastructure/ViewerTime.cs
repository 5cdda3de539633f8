using Survey.Domain.Regions;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Infrastructure;

/// <summary>
/// The time zone moments are shown in to the person making the request: a region's own zone (WIB, WITA or WIT
/// by province) for its coordinator, Western Indonesian Time (the ministry's) for everyone else. Moments are
/// stored in UTC; only display and the exports of a request use this.
/// </summary>
public static class ViewerTime
{
    private static readonly AsyncLocal<IndonesianTimeZone?> Current = new();

    public static IndonesianTimeZone Zone => Current.Value ?? IndonesianTimeZone.Wib;

    /// <summary>A moment as a local wall-clock time of the viewer (for spreadsheet cells, which hold no zone).</summary>
    public static DateTime Local(DateTimeOffset at) => Zone.Local(at).DateTime;

    /// <summary>Sets the zone of the request's user (after authentication).</summary>
    public static IApplicationBuilder UseViewerTime(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            Current.Value = SurveyClaims.RegionOf(context.User) is { Length: > 0 } region ? RegionTime.Of(region) : IndonesianTimeZone.Wib;
            await next(context);
        });
}
