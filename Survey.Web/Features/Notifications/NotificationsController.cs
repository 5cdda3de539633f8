using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Notifications;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Notifications;

/// <summary>The bell's page: a user's notifications, opening one (marks it read) and marking all read.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class NotificationsController(INotificationRepository notifications) : Controller
{
    [HttpGet("/notifications")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(await notifications.ListAsync(SurveyClaims.IdOf(User)!.Value, 100, cancellationToken));

    [HttpPost("/notifications/{id:long}/open")]
    public async Task<IActionResult> Open(long id, CancellationToken cancellationToken)
    {
        var link = await notifications.MarkReadAsync(SurveyClaims.IdOf(User)!.Value, id, cancellationToken);
        // Only links inside the application are followed.
        return link is not null && Url.IsLocalUrl(link) ? Redirect(link) : Redirect("/notifications");
    }

    [HttpPost("/notifications/read-all")]
    public async Task<IActionResult> ReadAll(CancellationToken cancellationToken)
    {
        await notifications.MarkAllReadAsync(SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return Redirect("/notifications");
    }

    [HttpGet("/api/v1/notifications")]
    public async Task<IActionResult> List(CancellationToken cancellationToken)
    {
        var list = await notifications.ListAsync(SurveyClaims.IdOf(User)!.Value, 100, cancellationToken);
        return Json(list.Select(n => new { id = n.Id, kind = n.Kind, period = n.PeriodCode, region = n.RegionCode, text = n.Text, link = n.Link, created_at = n.CreatedAt, read = n.ReadAt is not null }));
    }
}

/// <summary>The unread count of the signed-in user for the layout's bell, read once per request.</summary>
public sealed class NotificationBell(INotificationRepository notifications, IHttpContextAccessor accessor)
{
    private int? _count;

    public async Task<int> UnreadAsync()
    {
        if (_count is { } known)
        {
            return known;
        }

        var user = accessor.HttpContext?.User;
        if (user is null || SurveyClaims.IdOf(user) is not { } id)
        {
            return 0;
        }

        try
        {
            _count = await notifications.UnreadCountAsync(id, accessor.HttpContext!.RequestAborted);
        }
        catch (Npgsql.NpgsqlException)
        {
            // The bell never breaks a page (e.g. the error page during a database outage).
            _count = 0;
        }

        return _count.Value;
    }
}
