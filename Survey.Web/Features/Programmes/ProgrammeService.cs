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
    /// Copies the programmes and risks of the previous period as a starting point (new ids, no verified levels),
    /// skipping those whose name already exists in this period. Returns how many were copied.
    /// </summary>
    public async Task<int> CarryOverAsync(EntryContext context, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var previous = await programmes.ListAsync(PeriodCodes.Previous(context.Period.Code), context.Region.Code, cancellationToken);
        var current = await programmes.ListAsync(context.Period.Code, context.Region.Code, cancellationToken);
        var names = current.Select(p => (p.Dimension, p.Name.Trim().ToUpperInvariant())).ToHashSet();
        var methodology = context.Methodology.Definition;
        var copies = previous
            .Where(p => !names.Contains((p.Dimension, p.Name.Trim().ToUpperInvariant())))
            .Where(p => methodology.FindDimension(p.Dimension)?.Elements.Any(e => e.Code == p.Element) == true)
            .Select(p => p with
            {
                Id = Guid.NewGuid(),
                VerifiedLevel = null,
                VerifiedNote = null,
                Risks = p.Risks.Select(r => r with { Id = Guid.NewGuid() }).ToList(),
            })
            .ToList();
        if (copies.Count > 0)
        {
            await programmes.ReplaceAsync(context.Period.Code, context.Region.Code, [.. current, .. copies], actorId, cancellationToken);
        }

        return copies.Count;
    }
}
