using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Survey.Domain.Regions;
using Survey.Domain.Units;
using Survey.Domain.UseCases;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;
using Survey.Web.Infrastructure.Security;

namespace Survey.Web.Features.Units;

/// <summary>The region's units on pages: the list, adding and changing one, removing one, importing villages with a preview.</summary>
[Route("regions/{region}/units")]
public sealed class UnitsController(UnitsHandler units, IRegionRepository regions, IAuthorizationService authorization, IStringLocalizer<SharedResource> text) : Controller
{
    [HttpGet("")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Index(string region, [FromQuery] UnitFilter filter, CancellationToken cancellationToken) =>
        await PageAsync(region, new UnitForm { Kind = UnitKinds.Agency }, new Dictionary<string, string[]>(), cancellationToken, filter);

    [HttpPost("")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Add(string region, [FromForm] UnitForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var outcome = await units.AddAsync(region, form.ToInput(), SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            Response.StatusCode = outcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
            return await PageAsync(region, form, outcome.Errors, cancellationToken);
        }

        TempData["Message"] = text["Units.Added", outcome.Unit!.Name].Value;
        return Redirect($"/regions/{region}/units");
    }

    [HttpGet("{code}")]
    [Authorize(Policy = Policies.RegionRead)]
    public async Task<IActionResult> Edit(string region, string code, CancellationToken cancellationToken)
    {
        var unit = (await units.ListAsync(region, cancellationToken))?.FirstOrDefault(u => u.Code == code);
        return unit is null ? NotFound() : View("Edit", new UnitEditViewModel(region, UnitForm.From(unit), new Dictionary<string, string[]>(), await CanWriteAsync()));
    }

    [HttpPost("{code}")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Save(string region, string code, [FromForm] UnitForm form, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var outcome = await units.UpdateAsync(region, code, form.ToInput() with { Code = code }, form.Active, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (outcome.NotFound)
        {
            return NotFound();
        }

        if (!outcome.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Edit", new UnitEditViewModel(region, form with { Code = code }, outcome.Errors, CanWrite: true));
        }

        TempData["Message"] = text["Units.Saved", outcome.Unit!.Name].Value;
        return Redirect($"/regions/{region}/units");
    }

    [HttpPost("{code}/remove")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Remove(string region, string code, CancellationToken cancellationToken)
    {
        var removal = await units.RemoveAsync(region, code, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (removal == UnitRemoval.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = text[removal == UnitRemoval.Deleted ? "Units.Deleted" : "Units.Deactivated", code].Value;
        return Redirect($"/regions/{region}/units");
    }

    [HttpGet("import")]
    [Authorize(Policy = Policies.RegionWrite)]
    public async Task<IActionResult> Import(string region, CancellationToken cancellationToken) =>
        await regions.FindAsync(region, cancellationToken) is { } found ? View("Import", new VillageImportViewModel(found, null, null, null)) : NotFound();

    /// <summary>
    /// The first post shows the preview (nothing written); the confirmation posts the same list back with
    /// <c>confirm</c>, and it is read and checked again before anything is stored.
    /// </summary>
    [HttpPost("import")]
    [Authorize(Policy = Policies.RegionWrite)]
    [RequestSizeLimit(4 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 4 * 1024 * 1024, ValueLengthLimit = 2 * 1024 * 1024)]
    public async Task<IActionResult> Import(string region, IFormFile? file, [FromForm] string? csv, [FromForm] bool confirm, [FromForm] bool onlyValid, CancellationToken cancellationToken)
    {
        var found = await regions.FindAsync(region, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        var list = csv;
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream());
            list = await reader.ReadToEndAsync(cancellationToken);
        }

        if (string.IsNullOrWhiteSpace(list))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Import", new VillageImportViewModel(found, null, null, Survey.Domain.Common.Messages.Get("VillageCsvHeader")));
        }

        if (!confirm)
        {
            var (rows, error) = await units.PreviewVillagesAsync(region, list, cancellationToken);
            Response.StatusCode = error is null ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity;
            return View("Import", new VillageImportViewModel(found, error is null ? rows : null, list, error));
        }

        var result = await units.ImportVillagesAsync(region, list, onlyValid, SurveyClaims.IdOf(User)!.Value, cancellationToken);
        if (result.Error is not null || (result.Rows.Any(r => r.Status == VillageRowStatus.Refused) && !onlyValid))
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View("Import", new VillageImportViewModel(found, result.Error is null ? result.Rows : null, list, result.Error));
        }

        TempData["Message"] = text["Units.Imported", result.Added, result.Renamed].Value;
        return Redirect($"/regions/{region}/units");
    }

    private async Task<IActionResult> PageAsync(string region, UnitForm form, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken, UnitFilter? filter = null)
    {
        var found = await regions.FindAsync(region, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        return View("Index", new UnitsViewModel(found, await units.ListAsync(region, cancellationToken) ?? [], form, errors, await CanWriteAsync(), filter ?? new UnitFilter()));
    }

    private async Task<bool> CanWriteAsync() => (await authorization.AuthorizeAsync(User, null, Policies.RegionWrite)).Succeeded;
}

/// <summary>A unit as typed: text, so that the form comes back exactly as typed on an error.</summary>
public sealed record UnitForm
{
    public string? Code { get; init; }

    public string? Name { get; init; }

    public string? Kind { get; init; }

    public string? Subtype { get; init; }

    public string? Head { get; init; }

    public string? Contact { get; init; }

    public bool Active { get; init; } = true;

    public static UnitForm From(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new UnitForm { Code = unit.Code, Name = unit.Name, Kind = unit.Kind, Subtype = unit.Subtype, Head = unit.Head, Contact = unit.Contact, Active = unit.Active };
    }

    public UnitInput ToInput() => new(Code, Name, Kind, Kind == UnitKinds.Agency ? Subtype : null, Head, Contact);
}

public sealed record UnitsViewModel(Region Region, IReadOnlyList<Unit> Units, UnitForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CanWrite, UnitFilter Filter)
{
    /// <summary>The units the filter lets through, in the registry's order.</summary>
    public IReadOnlyList<Unit> Shown => Units.Where(Filter.Matches).ToList();

    /// <summary>The districts (kecamatan) the region's villages lie in, for the filter.</summary>
    public IReadOnlyList<string> Districts => Units.Select(u => u.District).OfType<string>().Distinct().Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("id-ID"), true)).ToList();
}

/// <summary>The unit list's filter: a word of the code or name, the kind group (agency, village, other) and the district.</summary>
public sealed record UnitFilter
{
    public string? Q { get; init; }

    public string? Group { get; init; }

    public string? District { get; init; }

    public bool Active => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Group) || !string.IsNullOrEmpty(District);

    public bool Matches(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var group = unit.Kind == UnitKinds.Agency ? "agency" : UnitKinds.IsVillage(unit.Kind) ? "village" : "other";
        return (string.IsNullOrEmpty(Group) || Group == group)
            && (string.IsNullOrEmpty(District) || string.Equals(unit.District, District, StringComparison.OrdinalIgnoreCase))
            && (string.IsNullOrWhiteSpace(Q)
                || unit.Code.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase)
                || unit.Name.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

public sealed record UnitEditViewModel(string Region, UnitForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CanWrite);

public sealed record VillageImportViewModel(Region Region, IReadOnlyList<VillageRow>? Rows, string? Csv, string? Error);

/// <summary>The fields of a unit, shared by the add form and the edit page.</summary>
public sealed record UnitFieldsModel(UnitForm Form, IReadOnlyDictionary<string, string[]> Errors, bool CodeEditable, bool Disabled);
