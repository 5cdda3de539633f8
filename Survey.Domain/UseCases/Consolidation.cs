using Survey.Domain.Common;
using Survey.Domain.Notifications;
using Survey.Domain.Submissions;
using Survey.Domain.Units;

namespace Survey.Domain.UseCases;

/// <summary>What a consolidation step did: a block, a message (422), or the unit's progress after it.</summary>
public sealed record ContributionOutcome(EntryBlock Block, string? Error, UnitProgress? Progress)
{
    public bool Succeeded => Block == EntryBlock.None && Error is null;

    /// <summary>The step does not fit the contribution's state (returning one that is not ready); nothing written.</summary>
    public bool Conflict { get; init; }

    /// <summary>The field <see cref="Error"/> is about: <c>unit</c> (its data) or <c>reason</c>.</summary>
    public string Field { get; init; } = "unit";
}

/// <summary>
/// The region's consolidation of its units' work, for the pages and the API alike: every unit's progress, a unit
/// marking its contribution ready (its assigned indicators all answered), the regional coordinator returning one
/// with a reason (its operators are notified). The coordinator then submits the region.
/// </summary>
public sealed class ConsolidationHandler(
    IContributionRepository contributions,
    IUnitRepository units,
    IAssignmentRepository assignments,
    ISubmissionRepository submissions,
    IProgrammeRepository programmes,
    Notifier notifier)
{
    public Task<IReadOnlyList<UnitProgress>> ProgressAsync(Scope scope, bool all, CancellationToken cancellationToken) =>
        contributions.ProgressAsync(scope, all, cancellationToken);

    /// <summary>One unit's progress, or <c>null</c> when the region has no such unit.</summary>
    public async Task<UnitProgress?> ProgressOfAsync(Scope scope, string unit, CancellationToken cancellationToken) =>
        (await contributions.ProgressAsync(scope, all: true, cancellationToken)).FirstOrDefault(p => p.Code == unit);

    /// <summary>
    /// Marks the unit's contribution ready: the unit must be active, have something (an assigned indicator or a
    /// programme), and every indicator assigned to it answered. A unit operator marks only its own unit.
    /// </summary>
    public async Task<ContributionOutcome> MarkReadyAsync(EntryContext context, string unit, Guid actorId, string? actingUnit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await units.FindAsync(context.Region.Code, unit, cancellationToken) is not { } found)
        {
            return new ContributionOutcome(EntryBlock.NotFound, null, null);
        }

        if (actingUnit is not null && actingUnit != unit)
        {
            return new ContributionOutcome(EntryBlock.NotYourUnit, null, null);
        }

        if (context.Status != SubmissionStatus.Draft || context.WriteBlock != EntryBlock.None)
        {
            return new ContributionOutcome(context.WriteBlock != EntryBlock.None ? context.WriteBlock : EntryBlock.NotEditable, null, null);
        }

        if (!found.Active)
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("UnitInactive", found.Name), null);
        }

        var assigned = (await assignments.ListAsync(context.Scope, cancellationToken)).Where(a => a.Unit == unit).Select(a => a.Key).ToList();
        var owns = (await programmes.ListAsync(context.Scope, cancellationToken)).Any(p => p.Unit == unit);
        if (assigned.Count == 0 && !owns)
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("UnitNothing"), null);
        }

        var values = await submissions.GetValuesAsync(context.Scope, cancellationToken);
        var unfilled = assigned.Where(k => !values.TryGetValue(k, out var v) || (v.Entry.Value is null && !v.Entry.IsNotAvailable)).ToList();
        if (unfilled.Count > 0)
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("UnitUnfilled", unfilled.Count, string.Join(", ", unfilled.Take(10)) + (unfilled.Count > 10 ? ", …" : string.Empty)), null);
        }

        if (await contributions.MarkReadyAsync(context.Scope, unit, actorId, cancellationToken))
        {
            await notifier.UnitReadyAsync(context.Scope, found.Name, unit, cancellationToken);
        }

        return new ContributionOutcome(EntryBlock.None, null, await ProgressOfAsync(context.Scope, unit, cancellationToken));
    }

    /// <summary>
    /// Returns a ready contribution with a reason (the regional coordinator, before the region is submitted); the
    /// unit's operators are notified and may change the unit's data again.
    /// </summary>
    public async Task<ContributionOutcome> ReturnAsync(EntryContext context, string unit, string? reason, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await units.FindAsync(context.Region.Code, unit, cancellationToken) is not { } found)
        {
            return new ContributionOutcome(EntryBlock.NotFound, null, null);
        }

        if (context.Status != SubmissionStatus.Draft || context.WriteBlock != EntryBlock.None)
        {
            return new ContributionOutcome(context.WriteBlock != EntryBlock.None ? context.WriteBlock : EntryBlock.NotEditable, null, null);
        }

        var text = reason?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("UnitReturnReason"), null) { Field = "reason" };
        }

        if (text.Length > 1000)
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("TooLong", Messages.Field("reason"), 1000), null) { Field = "reason" };
        }

        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("ControlCharacters", Messages.Field("reason")), null) { Field = "reason" };
        }

        if (await contributions.ReturnAsync(context.Scope, unit, text, actorId, cancellationToken) is not { } round)
        {
            return new ContributionOutcome(EntryBlock.None, Messages.Get("UnitNotReady"), null) { Conflict = true };
        }

        await notifier.UnitReturnedAsync(context.Scope, found.Name, unit, text, round, cancellationToken);
        return new ContributionOutcome(EntryBlock.None, null, await ProgressOfAsync(context.Scope, unit, cancellationToken));
    }
}
