using Survey.Domain.Common;
using Survey.Domain.Obstacles;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>What saving an obstacle did: a block, field errors (nothing written), a stale version, or the saved record.</summary>
public sealed record ObstacleOutcome(EntryBlock Block, IReadOnlyDictionary<string, string[]> Errors, Obstacle? Saved = null, bool Stale = false)
{
    public static ObstacleOutcome Blocked(EntryBlock block) => new(block, new Dictionary<string, string[]>());
}

/// <summary>
/// The obstacles of a region in a period, for the page and the API alike: listed, added and updated under the same
/// write blocks as the programmes (a draft of an open period; a unit operator only the unit's own), checked against
/// the region's programmes, risks and units and the risk criteria's categories.
/// </summary>
public sealed class ObstaclesHandler(
    IObstacleRepository obstacles,
    IProgrammeRepository programmes,
    Units.IUnitRepository units,
    Risks.IRiskCriteriaRepository criteria,
    TimeProvider clock)
{
    public Task<IReadOnlyList<Obstacle>> ListAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return obstacles.ListAsync(context.Scope, cancellationToken);
    }

    /// <summary>Whether obstacles can be added or changed now (a returned submission changes only what was returned).</summary>
    public static EntryBlock WriteBlock(EntryContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.WriteBlock != EntryBlock.None ? context.WriteBlock
            : context.Status == SubmissionStatus.Returned ? EntryBlock.NotReturned
            : EntryBlock.None;
    }

    /// <summary>What an obstacle of the scope may name.</summary>
    public async Task<ObstacleContext> ContextAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var list = await programmes.ListAsync(context.Scope, cancellationToken);
        var stored = await criteria.ForPeriodAsync(context.Period.Code, cancellationToken);
        var today = DateOnly.FromDateTime(Regions.RegionTime.Of(context.Region.Code).Local(clock.GetUtcNow()).DateTime);
        return new ObstacleContext(
            (stored?.Definition.Categories ?? []).Select(c => c.Code).ToHashSet(StringComparer.Ordinal),
            list.Select(p => p.Id).ToHashSet(),
            list.SelectMany(p => p.Risks.Select(r => r.Id)).ToHashSet(),
            (await units.ListAsync(context.Region.Code, cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal),
            today);
    }

    /// <summary>
    /// Adds (<see cref="Obstacle.Id"/> empty or unknown) or updates an obstacle. A unit operator's new obstacle belongs to
    /// the unit; a stored one must be the unit's already. <paramref name="expectedVersion"/> is the version the caller read.
    /// </summary>
    public async Task<ObstacleOutcome> SaveAsync(EntryContext context, Obstacle sent, Guid actorId, string? actingUnit, int? expectedVersion, CancellationToken cancellationToken, IReadOnlyDictionary<string, string[]>? inputErrors = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sent);
        if (WriteBlock(context) is not EntryBlock.None and var block)
        {
            return ObstacleOutcome.Blocked(block);
        }

        if (context.HeldByReady(actingUnit))
        {
            return ObstacleOutcome.Blocked(EntryBlock.UnitReady);
        }

        var stored = sent.Id == Guid.Empty ? null : (await obstacles.ListAsync(context.Scope, cancellationToken)).FirstOrDefault(o => o.Id == sent.Id);
        var obstacle = ObstacleRules.Normalize(sent with { Id = stored?.Id ?? (sent.Id == Guid.Empty ? Guid.CreateVersion7() : sent.Id) });
        if (actingUnit is not null)
        {
            if ((stored is not null && stored.Unit != actingUnit) || (obstacle.Unit is not null && obstacle.Unit != actingUnit))
            {
                return ObstacleOutcome.Blocked(EntryBlock.NotYourUnit);
            }

            obstacle = obstacle with { Unit = actingUnit };
        }

        var errors = new Dictionary<string, string[]>(inputErrors ?? new Dictionary<string, string[]>(), StringComparer.Ordinal);
        foreach (var (field, messages) in ObstacleRules.Validate(obstacle, await ContextAsync(context, cancellationToken)))
        {
            errors.TryAdd(field, messages);
        }

        if (errors.Count > 0)
        {
            return new ObstacleOutcome(EntryBlock.None, errors);
        }

        var written = await obstacles.SaveAsync(context.Scope, obstacle, actorId, expectedVersion, cancellationToken);
        return written switch
        {
            ObstacleWrite.Stale => new ObstacleOutcome(EntryBlock.None, new Dictionary<string, string[]> { ["version"] = [Messages.Get("ObstacleChanged")] }, Stale: true),
            ObstacleWrite.NotFound => ObstacleOutcome.Blocked(EntryBlock.NotFound),
            _ => new ObstacleOutcome(EntryBlock.None, errors, (await obstacles.ListAsync(context.Scope, cancellationToken)).First(o => o.Id == obstacle.Id)),
        };
    }

    /// <summary>The open obstacles that were carried over (or opened from a risk) and not updated this semester.</summary>
    public static IReadOnlyList<Obstacle> Stale(IEnumerable<Obstacle> list) => list.Where(o => o.IsOpen && o.NeedsUpdate).ToList();
}
