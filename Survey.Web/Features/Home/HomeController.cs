using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Platform;

namespace Survey.Web.Features.Home;

public sealed class HomeController(IStatusRepository status) : Controller
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var database = await status.GetStatusAsync(cancellationToken);
        return View(new HomeViewModel(database.SchemaVersion, database.MigrationsApplied));
    }

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

public sealed record HomeViewModel(string SchemaVersion, int MigrationsApplied);
