using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Accounts;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Admin;

/// <summary>User administration and the sign-in audit, for ministry administrators.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class AdminController(
    IAccountRepository accounts,
    IRegionRepository regions,
    UserManager<AppUser> users,
    AccountService accountService,
    ISessionRepository sessions,
    IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("/admin/users")]
    public async Task<IActionResult> Users([FromQuery] string? role, [FromQuery] string? region, [FromQuery] string? q, CancellationToken cancellationToken) =>
        View(new UsersViewModel(await accounts.ListAsync(role, region, q, cancellationToken), await regions.ListAsync(cancellationToken), role, region, q, new NewUserForm()));

    [HttpPost("/admin/users")]
    public async Task<IActionResult> Create([FromForm] NewUserForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (user, errors) = await accountService.CreateAsync(
            new NewUser(form.Email, form.Name, form.Role, form.Role is UserRoles.Coordinator or UserRoles.UnitOperator ? form.Region : null, form.Password, MustChangePassword: true, Unit: form.Role == UserRoles.UnitOperator ? form.Unit : null),
            SurveyClaims.IdOf(User), Address, cancellationToken);
        if (user is null)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Users", new UsersViewModel(await accounts.ListAsync(null, null, null, cancellationToken), await regions.ListAsync(cancellationToken), null, null, null, form with { Password = null }));
        }

        TempData["Message"] = text["Admin.UserCreated", user.Email].Value;
        return Redirect("/admin/users");
    }

    [HttpPost("/admin/users/{id:guid}/disable")]
    public async Task<IActionResult> Disable(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        if (user.Role == UserRoles.Admin && !user.IsDisabled && await accounts.CountActiveAdminsAsync(cancellationToken) <= 1)
        {
            TempData["Error"] = text["Admin.LastAdmin"].Value;
            return Redirect("/admin/users");
        }

        user.DisabledAt = DateTimeOffset.UtcNow;
        // A new security stamp ends the user's cookies and API tokens.
        await users.UpdateSecurityStampAsync(user);
        await sessions.SignOutEverywhereAsync(user.Id, cancellationToken);
        await accounts.RecordAsync(SignInEvents.UserDisabled, user.Id, SurveyClaims.IdOf(User), user.Email, Address, null, cancellationToken);
        TempData["Message"] = text["Admin.UserDisabled", user.Email].Value;
        return Redirect("/admin/users");
    }

    [HttpPost("/admin/users/{id:guid}/enable")]
    public async Task<IActionResult> Enable(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        user.DisabledAt = null;
        await users.UpdateAsync(user);
        await accounts.RecordAsync(SignInEvents.UserEnabled, user.Id, SurveyClaims.IdOf(User), user.Email, Address, null, cancellationToken);
        return Redirect("/admin/users");
    }

    [HttpPost("/admin/users/{id:guid}/reset-password")]
    public async Task<IActionResult> ResetPassword(Guid id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return NotFound();
        }

        var temporary = "Sc-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y') + "9a";
        user.MustChangePassword = true;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, temporary);
        if (!result.Succeeded)
        {
            TempData["Error"] = string.Join(" ", result.Errors.Select(e => e.Description));
            return Redirect("/admin/users");
        }

        await accounts.RecordAsync(SignInEvents.PasswordReset, user.Id, SurveyClaims.IdOf(User), user.Email, Address, null, cancellationToken);
        TempData["Message"] = text["Admin.PasswordReset", user.Email, temporary].Value;
        return Redirect("/admin/users");
    }

    [HttpGet("/admin/audit/signins")]
    public async Task<IActionResult> SignIns(CancellationToken cancellationToken) =>
        View("SignIns", await accounts.ListEventsAsync(null, 500, cancellationToken));

    /// <summary>The change trail, filtered by user, region, period, entity and days (WIB).</summary>
    [HttpGet("/admin/audit")]
    public async Task<IActionResult> Audit(
        [FromQuery] AuditFilter filter,
        [FromServices] Survey.Domain.Audit.IAuditRepository audit,
        [FromServices] Survey.Domain.Periods.IPeriodRepository periods,
        [FromServices] Survey.Domain.Catalogue.ICatalogueRepository catalogues,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var users = await accounts.ListAsync(null, null, null, cancellationToken);
        var rows = await audit.SearchAsync(filter.ToQuery(), 500, cancellationToken);
        var allRegions = await regions.ListAsync(cancellationToken);
        var people = users.Where(u => u.Role != Survey.Domain.Accounts.UserRoles.Coordinator || filter.User == u.Id)
            .Concat(users.Where(u => u.Role == Survey.Domain.Accounts.UserRoles.Coordinator)).DistinctBy(u => u.Id)
            .Select(u => (u.Id, u.Name, u.Email ?? string.Empty)).ToList();
        return View(new AuditViewModel(filter, rows, people, allRegions, await periods.ListAsync(cancellationToken),
            Survey.Web.Features.Reviews.AuditNames.For(await catalogues.GetCatalogueAsync(cancellationToken), null, allRegions)));
    }

    /// <summary>The whole filtered trail as CSV, streamed (UTF-8 with BOM for Excel; cells that could be formulas are quoted).</summary>
    [HttpGet("/admin/audit.csv")]
    public async Task Export([FromQuery] AuditFilter filter, [FromServices] Survey.Domain.Audit.IAuditRepository audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"audit.csv\"";
        await using var writer = new StreamWriter(Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        await writer.WriteLineAsync("id,occurred_at,actor,period,region,entity,key,action,old_value,new_value");
        await foreach (var row in audit.StreamAsync(filter.ToQuery(), cancellationToken))
        {
            await writer.WriteLineAsync(string.Join(',', new[]
            {
                row.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                row.OccurredAt.ToString("yyyy-MM-dd HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
                row.ActorName, row.PeriodCode, row.RegionCode, row.Entity, row.EntityKey, row.Action, row.OldValue, row.NewValue,
            }.Select(Csv.Cell)));
        }
    }

    private string? Address => HttpContext.Connection.RemoteIpAddress?.ToString();
}

public sealed record AuditFilter
{
    public Guid? User { get; init; }

    public string? Region { get; init; }

    public string? Period { get; init; }

    public string? Entity { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public Survey.Domain.Audit.AuditQuery ToQuery() => new(User, Region, Period, From, To, null, Entity);

    public string QueryString =>
        $"user={User}&region={Uri.EscapeDataString(Region ?? "")}&period={Uri.EscapeDataString(Period ?? "")}&entity={Uri.EscapeDataString(Entity ?? "")}&from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";
}

public sealed record AuditViewModel(
    AuditFilter Filter,
    IReadOnlyList<Survey.Domain.Audit.AuditRow> Rows,
    IReadOnlyList<(Guid Id, string Name, string Email)> Users,
    IReadOnlyList<Region> Regions,
    IReadOnlyList<Survey.Domain.Periods.Period> Periods,
    Survey.Web.Features.Reviews.AuditNames Names);

public sealed record NewUserForm
{
    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Role { get; init; }

    public string? Region { get; init; }

    /// <summary>The unit code of a unit operator.</summary>
    public string? Unit { get; init; }

    public string? Password { get; init; }
}

public sealed record UsersViewModel(IReadOnlyList<AppUser> Users, IReadOnlyList<Region> Regions, string? Role, string? Region, string? Query, NewUserForm Form);
