using Survey.Domain.Periods;
using Survey.Domain.Submissions;
using Survey.Web.Features.Entry;

namespace Survey.Web.Features.Programmes;

/// <summary>Validating, saving and carrying over programmes, with the same rules for pages and API.</summary>
public sealed class ProgrammeService(IProgrammeRepository programmes, TimeProvider clock)
{
    /// <summary>Field errors per programme index; empty when all are valid.</summary>
    public Dictionary<string, string[]> Validate(EntryContext context, IReadOnlyList<Programme> items, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        var validator = new ProgrammeValidator(context.Methodology.Definition, clock.GetUtcNow().Year);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            foreach (var group in validator.Validate(items[i]).Errors.GroupBy(e => e.PropertyName))
            {
                errors[$"{prefix}{(items.Count > 1 || prefix.Length > 0 ? $"[{i}]." : string.Empty)}{group.Key}"] = group.Select(e => e.ErrorMessage).Distinct().ToArray();
            }
        }

        return errors;
    }

    /// <summary>
    /// Copies the programmes and risks of the previous period as a starting point, keeping their ids (a programme
    /// is the same programme next semester) but not their verified levels, skipping those this period holds
    /// already and those whose element the period's methodology no longer has. Returns how many were copied.
    /// </summary>
    public Task<int> CarryOverAsync(EntryContext context, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var methodology = context.Methodology.Definition;
        return programmes.CarryOverAsync(
            PeriodCodes.Previous(context.Period.Code),
            context.Period.Code,
            context.Region.Code,
            p => methodology.FindDimension(p.Dimension)?.Elements.Any(e => e.Code == p.Element) == true,
            actorId,
            cancellationToken);
    }
}
