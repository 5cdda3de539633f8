using Survey.Domain.Regions;
using Survey.Domain.Units;

namespace Survey.Domain.UseCases;

/// <summary>What a change of a unit did: field errors (nothing written), a conflict, not found, or the unit.</summary>
public sealed record UnitOutcome(IReadOnlyDictionary<string, string[]> Errors, Unit? Unit, bool Conflict = false, bool NotFound = false)
{
    public bool Succeeded => Errors.Count == 0 && !Conflict && !NotFound;
}

/// <summary>
/// The units of a region, for the coordinator's pages and the API alike: adding, changing and removing one (a unit
/// with data is deactivated), and importing villages from a Kemendagri code list with a preview.
/// </summary>
public sealed class UnitsHandler(IUnitRepository units, IRegionRepository regions)
{
    public async Task<IReadOnlyList<Unit>?> ListAsync(string region, CancellationToken cancellationToken) =>
        await regions.FindAsync(region, cancellationToken) is null ? null : await units.ListAsync(region, cancellationToken);

    public async Task<UnitOutcome> AddAsync(string region, UnitInput input, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (await regions.FindAsync(region, cancellationToken) is null)
        {
            return new UnitOutcome(new Dictionary<string, string[]>(), null, NotFound: true);
        }

        var errors = Validate(region, input);
        if (errors.Count > 0)
        {
            return new UnitOutcome(errors, null);
        }

        var unit = input.ToUnit(region);
        return await units.AddAsync(unit, actorId, cancellationToken)
            ? new UnitOutcome(errors, unit)
            : new UnitOutcome(new Dictionary<string, string[]> { ["code"] = [Common.Messages.Get("UnitExists", unit.Code)] }, null, Conflict: true);
    }

    /// <summary>Changes a unit; its code is the one of the address (a different code in the body is refused).</summary>
    public async Task<UnitOutcome> UpdateAsync(string region, string code, UnitInput input, bool active, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var known = await units.FindAsync(region, code, cancellationToken);
        if (known is null)
        {
            return new UnitOutcome(new Dictionary<string, string[]>(), null, NotFound: true);
        }

        var sent = input with { Code = string.IsNullOrWhiteSpace(input.Code) ? known.Code : input.Code };
        var errors = Validate(region, sent);
        if (errors.Count == 0 && UnitInput.Normalize(sent.Code) != known.Code)
        {
            errors["code"] = [Common.Messages.Get("UnitCodeFixed")];
        }

        if (errors.Count > 0)
        {
            return new UnitOutcome(errors, null);
        }

        var unit = sent.ToUnit(region, active, known.District);
        await units.UpdateAsync(unit, actorId, cancellationToken);
        return new UnitOutcome(errors, unit);
    }

    public Task<UnitRemoval> RemoveAsync(string region, string code, Guid actorId, CancellationToken cancellationToken) =>
        units.RemoveAsync(region, code, actorId, cancellationToken);

    /// <summary>What importing the village list would do, row by row (nothing is written).</summary>
    public async Task<(IReadOnlyList<VillageRow> Rows, string? Error)> PreviewVillagesAsync(string region, string csv, CancellationToken cancellationToken) =>
        VillageList.Read(csv, region, await units.ListAsync(region, cancellationToken));

    /// <summary>
    /// Imports the village list: all rows, or (with <paramref name="onlyValid"/>) the valid rows when some are
    /// refused; refused rows without <paramref name="onlyValid"/> import nothing.
    /// </summary>
    public async Task<(IReadOnlyList<VillageRow> Rows, string? Error, int Added, int Renamed)> ImportVillagesAsync(string region, string csv, bool onlyValid, Guid? actorId, CancellationToken cancellationToken)
    {
        var (rows, error) = await PreviewVillagesAsync(region, csv, cancellationToken);
        if (error is not null || (rows.Any(r => r.Status == VillageRowStatus.Refused) && !onlyValid))
        {
            return (rows, error, 0, 0);
        }

        var villages = rows.Where(r => r.Status is VillageRowStatus.New or VillageRowStatus.Renamed)
            .Select(r => new Unit(region, r.Code, r.Kind, null, r.Name, null, null, true, r.District)).ToList();
        var (added, renamed) = villages.Count == 0 ? (0, 0) : await units.ImportVillagesAsync(region, villages, actorId, cancellationToken);
        return (rows, null, added, renamed);
    }

    private static Dictionary<string, string[]> Validate(string region, UnitInput input) =>
        new UnitInputValidator(region).Validate(input).Errors
            .GroupBy(e => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);
}

/// <summary>
/// Assigning each indicator of a scope to the unit that produces its data (the produsen data of Satu Data
/// Indonesia), by the regional coordinator; the unit's name becomes the value's default source.
/// </summary>
public sealed class AssignmentsHandler(IAssignmentRepository assignments, IUnitRepository units)
{
    public Task<IReadOnlyList<IndicatorAssignment>> ListAsync(Common.Scope scope, CancellationToken cancellationToken) => assignments.ListAsync(scope, cancellationToken);

    /// <summary>Replaces the scope's assignments: every key of the period's methodology at most once, every unit an active unit of the region.</summary>
    public async Task<(EntryBlock Block, IReadOnlyDictionary<string, string[]> Errors, int Changed)> ReplaceAsync(
        EntryContext context, IReadOnlyList<(string? Key, string? Unit)> sent, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sent);
        if (context.WriteBlock != EntryBlock.None)
        {
            return (context.WriteBlock, new Dictionary<string, string[]>(), 0);
        }

        var active = (await units.ListAsync(context.Region.Code, cancellationToken)).Where(u => u.Active).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var list = new List<IndicatorAssignment>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sent.Count; i++)
        {
            var mapping = context.Methodology.Definition.MappingOf(sent[i].Key?.Trim() ?? string.Empty);
            var unit = UnitInput.Normalize(sent[i].Unit);
            if (mapping is null)
            {
                errors[$"[{i}].key"] = [Common.Messages.Get("UnknownIndicator", sent[i].Key ?? string.Empty)];
            }
            else if (!seen.Add(mapping.Key))
            {
                errors[$"[{i}].key"] = [Common.Messages.Get("DuplicateIndicator", mapping.Key)];
            }
            else if (unit is null || !active.Contains(unit))
            {
                errors[$"[{i}].unit"] = [Common.Messages.Get("ProgrammeUnit", unit ?? string.Empty)];
            }
            else
            {
                list.Add(new IndicatorAssignment(mapping.Key, unit));
            }
        }

        return errors.Count > 0
            ? (EntryBlock.None, errors, 0)
            : (EntryBlock.None, errors, await assignments.ReplaceAsync(context.Scope, list, actorId, cancellationToken));
    }
}
