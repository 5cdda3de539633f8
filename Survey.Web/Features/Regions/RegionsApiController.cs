using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Survey.Domain.Regions;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Regions;

/// <summary>The region registry for scripts: list (signed-in users), add and import (admins).</summary>
[Route("api/v1/regions")]
[Authorize(Policy = Policies.SignedIn)]
public sealed class RegionsApiController(IRegionRepository regions, IValidator<RegionInput> validator) : ApiControllerBase
{
    /// <summary>
    /// The registry, ordered by code; <c>?participating=true</c> for the regions taking part in the current
    /// evaluation, <c>?cohort=2017</c> for one cohort of Gerakan Menuju 100 Smart City.
    /// </summary>
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<RegionResponse>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<RegionResponse>> List([FromQuery] bool? participating, [FromQuery] int? cohort, CancellationToken cancellationToken) =>
        (await regions.ListAsync(cancellationToken))
            .Where(r => (participating is null || r.Participating == participating) && (cohort is null || r.CohortYear == cohort))
            .Select(RegionResponse.From).ToList();

    /// <summary>
    /// Sets a region's cohort (<c>cohort_year</c>, <c>null</c> clears it) and whether it takes part in the
    /// current evaluation (<c>participating</c>); fields left out stay as they are. Administrators; audited.
    /// </summary>
    [HttpPatch("{region}")]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<RegionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Patch(string region, [FromBody] System.Text.Json.JsonElement body, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (body.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            return Unprocessable(new Dictionary<string, string[]> { ["body"] = [Survey.Domain.Common.Messages.Get("RegionPatchBody")] });
        }

        var setCohort = body.TryGetProperty("cohort_year", out var cohortValue);
        int? cohort = null;
        if (setCohort && cohortValue.ValueKind != System.Text.Json.JsonValueKind.Null)
        {
            if (cohortValue.ValueKind != System.Text.Json.JsonValueKind.Number || !cohortValue.TryGetInt32(out var year) || !Cohorts.IsYear(year))
            {
                errors["cohort_year"] = [Survey.Domain.Common.Messages.Get("CohortYear")];
            }
            else
            {
                cohort = year;
            }
        }

        bool? participating = null;
        if (body.TryGetProperty("participating", out var participatingValue))
        {
            if (participatingValue.ValueKind is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                participating = participatingValue.GetBoolean();
            }
            else
            {
                errors["participating"] = [Survey.Domain.Common.Messages.Get("Participating")];
            }
        }

        if (errors.Count > 0)
        {
            return Unprocessable(errors);
        }

        var updated = await regions.UpdateParticipationAsync(region, setCohort, cohort, participating, Infrastructure.Security.SurveyClaims.IdOf(User)!.Value, cancellationToken);
        return updated is null ? NotFound() : Ok(RegionResponse.From(updated));
    }

    /// <summary>One region (its coordinator, evaluators and administrators).</summary>
    [HttpGet("{region}")]
    [Authorize(Policy = Policies.RegionRead)]
    [ProducesResponseType<RegionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status403Forbidden)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<RegionResponse>> Get(string region, CancellationToken cancellationToken)
    {
        var found = await regions.FindAsync(region, cancellationToken);
        return found is null ? NotFound() : RegionResponse.From(found);
    }

    /// <summary>Adds one region; 422 with per-field errors, 409 when the code exists.</summary>
    [HttpPost]
    [Authorize(Policy = Policies.Admin)]
    [ProducesResponseType<RegionResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    [ProducesResponseType(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> Add([FromBody] RegionInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await validator.ValidateAsync(input, cancellationToken);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(error.PropertyName), error.ErrorMessage);
            }

            return ValidationProblem(statusCode: StatusCodes.Status422UnprocessableEntity, modelStateDictionary: ModelState);
        }

        var region = input.ToRegion();
        if (!await regions.AddAsync(region, cancellationToken))
        {
            return Problem(statusCode: StatusCodes.Status409Conflict, title: Survey.Domain.Common.Messages.Get("RegionExists", region.Code));
        }

        return Created($"/api/v1/regions/{region.Code}", RegionResponse.From(region));
    }

    /// <summary>
    /// Imports a CSV (<c>code,name,kind,province</c>) sent as <c>text/csv</c>: every row or none; 422 names
    /// each bad row by line number.
    /// </summary>
    [HttpPost("import")]
    [Authorize(Policy = Policies.Admin)]
    [Consumes("text/csv", "text/plain")]
    [ProducesResponseType<ImportResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity)]
    public async Task<IActionResult> Import(CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(Request.Body);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var (parsed, errors) = RegionCsvParser.Parse(text);
        if (errors.Count > 0)
        {
            return ValidationProblem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing was imported.",
                modelStateDictionary: ToModelState(errors));
        }

        var (added, updated) = await regions.ImportAsync(parsed, cancellationToken);
        return Ok(new ImportResponse(parsed.Count, added, updated));
    }

    private static Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary ToModelState(IReadOnlyList<string> errors)
    {
        var state = new Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary();
        foreach (var error in errors)
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            state.AddModelError(colon > 0 ? error[..colon] : "file", colon > 0 ? error[(colon + 1)..].Trim() : error);
        }

        return state;
    }
}

public sealed record RegionResponse(string Code, string Name, string Kind, string Province, bool Demo, string KemendagriCode, int? CohortYear, bool Participating)
{
    public static RegionResponse From(Region region)
    {
        ArgumentNullException.ThrowIfNull(region);
        return new RegionResponse(region.Code, region.Name, RegionKinds.NameOf(region.Kind), region.Province, region.IsDemo, region.KemendagriCode, region.CohortYear, region.Participating);
    }
}

public sealed record ImportResponse(int Rows, int Added, int Updated);
