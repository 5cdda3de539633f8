using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Periods;

namespace Survey.Web.Features.Home;

public sealed class HomeController(IPeriodRepository periods) : Controller
{
    /// <summary>The brochure for visitors; a signed-in user goes to the workbench of their role.</summary>
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return Redirect("/workbench");
        }

        return View(new HomeViewModel(await PublishedAsync(cancellationToken)));
    }

    /// <summary>Every published period, newest first, with a link to its public page.</summary>
    [HttpGet("/results")]
    public async Task<IActionResult> Results(CancellationToken cancellationToken) =>
        View(new HomeViewModel(await PublishedAsync(cancellationToken)));

    private async Task<IReadOnlyList<Period>> PublishedAsync(CancellationToken cancellationToken) =>
        (await periods.ListAsync(cancellationToken)).Where(p => p.Status == PeriodStatus.Published).ToList();

    /// <summary>Switches the UI language (Bahasa Indonesia or English) and returns to the page.</summary>
    [HttpPost("/culture")]
    public IActionResult SetCulture([FromForm] string ui, [FromForm] string? returnUrl)
    {
        var uiCulture = ui == "en" ? "en" : "id-ID";
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture("id-ID", uiCulture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}

/// <summary>The published periods (newest first).</summary>
public sealed record HomeViewModel(IReadOnlyList<Period> Published);
