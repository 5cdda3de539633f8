using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Periods;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Periods;

/// <summary>Administrators create, open and close periods.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class PeriodsController(IPeriodRepository periods, PeriodService service, IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("/admin/periods")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new PeriodsViewModel(await periods.ListAsync(cancellationToken), new PeriodForm { Methodology = "v1" }));

    [HttpPost("/admin/periods")]
    public async Task<IActionResult> Create([FromForm] PeriodForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var opens = DateOnly.TryParse(form.EntryOpens, System.Globalization.CultureInfo.InvariantCulture, out var o) ? o : (DateOnly?)null;
        var closes = DateOnly.TryParse(form.EntryCloses, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : (DateOnly?)null;
        var (period, errors) = await service.CreateAsync(new NewPeriod(form.Code?.Trim().ToUpperInvariant().Replace("-S", "-S", StringComparison.Ordinal), opens, closes, form.Methodology?.Trim()), SurveyClaims.IdOf(User), cancellationToken);
        if (period is null)
        {
            foreach (var (field, messages) in errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field, message);
                }
            }

            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Index", new PeriodsViewModel(await periods.ListAsync(cancellationToken), form));
        }

        TempData["Message"] = text["Periods.Created", PeriodCodes.DisplayName(period.Code)].Value;
        return Redirect("/admin/periods");
    }

    [HttpPost("/admin/periods/{period}/open")]
    public Task<IActionResult> Open(string period, CancellationToken cancellationToken) => MoveAsync(period, PeriodStatus.Draft, PeriodStatus.Open, cancellationToken);

    [HttpPost("/admin/periods/{period}/close")]
    public Task<IActionResult> Close(string period, CancellationToken cancellationToken) => MoveAsync(period, PeriodStatus.Open, PeriodStatus.Closed, cancellationToken);

    [HttpPost("/admin/periods/{period}/publish")]
    public async Task<IActionResult> Publish(string period, [FromForm] string? reason, CancellationToken cancellationToken)
    {
        var found = await periods.FindAsync(period, cancellationToken);
        if (found?.Status == PeriodStatus.Published && string.IsNullOrWhiteSpace(reason))
        {
            TempData["Error"] = text["Periods.RepublishReason"].Value;
            return Redirect("/admin/periods");
        }

        var snapshot = reason?.Length > 1000 ? null : await service.PublishAsync(period, reason, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        TempData[snapshot is null ? "Error" : "Message"] = snapshot is null
            ? text["Periods.NotMoved", period].Value
            : text["Periods.Published", PeriodCodes.DisplayName(period), snapshot.Version, snapshot.ContentHash[..16]].Value;
        return Redirect("/admin/periods");
    }

    private async Task<IActionResult> MoveAsync(string code, PeriodStatus from, PeriodStatus to, CancellationToken cancellationToken)
    {
        var moved = await service.MoveAsync(code, from, to, SurveyClaims.IdOf(User), cancellationToken);
        TempData[moved is null ? "Error" : "Message"] = moved is null
            ? text["Periods.NotMoved", code].Value
            : text["Periods.Moved." + PeriodCodes.NameOf(to), PeriodCodes.DisplayName(code)].Value;
        return Redirect("/admin/periods");
    }
}

public sealed record PeriodForm
{
    public string? Code { get; init; }

    public string? EntryOpens { get; init; }

    public string? EntryCloses { get; init; }

    public string? Methodology { get; init; }
}

public sealed record PeriodsViewModel(IReadOnlyList<Period> Periods, PeriodForm Form);
