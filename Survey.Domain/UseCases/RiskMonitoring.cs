using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Risks;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>What saving a monitoring entry did: a block, not found, field errors (nothing written), or saved.</summary>
public sealed record MonitoringOutcome(EntryBlock Block, IReadOnlyDictionary<string, string[]> Errors, bool NotFound = false)
{
    public bool Succeeded => Block == EntryBlock.None && Errors.Count == 0 && !NotFound;
}

/// <summary>A risk of the scope with its programme, whether it came from the previous period, and its monitoring.</summary>
public sealed record MonitoredRisk(Programme Programme, Risk Risk, bool CarriedOver, RiskMonitoring? Monitoring);

/// <summary>
/// The semester's monitoring of the risks carried over from the previous period, for the page and the API alike:
/// the same write blocks as the programmes (period open, submission editable, the unit's own programme, a ready
/// unit), only a risk of this scope that the previous period had, and the entry's rules.
/// </summary>
public sealed class MonitoringHandler(IProgrammeRepository programmes, IRiskMonitoringRepository monitoring, IRiskCriteriaRepository criteria, TimeProvider clock)
{
    /// <summary>The early-warning flags of the scope's programmes (see <see cref="EarlyWarning"/>), by programme order.</summary>
    public async Task<IReadOnlyList<EarlyWarningFlag>> WarningsAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await criteria.ForPeriodAsync(context.Period.Code, cancellationToken) is not { } stored)
        {
            return [];
        }

        var before = new Scope(PeriodCodes.Previous(context.Period.Code), context.Region.Code);
        var current = await programmes.ListAsync(context.Scope, cancellationToken);
        var previous = (await programmes.ListAsync(before, cancellationToken)).ToDictionary(p => p.Id);
        var now = await monitoring.ListAsync(context.Scope, cancellationToken);
        var then = previous.Count == 0 ? new Dictionary<Guid, RiskMonitoring>() : await monitoring.ListAsync(before, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return current.SelectMany(p => EarlyWarning.Flags(p, previous.GetValueOrDefault(p.Id), now, then, stored.Definition, today)).ToList();
    }

    /// <summary>Every risk of the scope with whether it was carried over and its monitoring entry.</summary>
    public async Task<IReadOnlyList<MonitoredRisk>> ListAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = await programmes.ListAsync(context.Scope, cancellationToken);
        var previous = (await programmes.ListAsync(new Scope(PeriodCodes.Previous(context.Period.Code), context.Region.Code), cancellationToken))
            .SelectMany(p => p.Risks.Select(r => r.Id)).ToHashSet();
        var entries = await monitoring.ListAsync(context.Scope, cancellationToken);
        return current.SelectMany(p => p.Risks.Select(r => new MonitoredRisk(p, r, previous.Contains(r.Id), entries.GetValueOrDefault(r.Id)))).ToList();
    }

    public async Task<MonitoringOutcome> SaveAsync(EntryContext context, Guid riskId, RiskMonitoring entry, Guid actorId, string? actingUnit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(entry);
        var found = (await ListAsync(context, cancellationToken)).FirstOrDefault(m => m.Risk.Id == riskId);
        if (found is null)
        {
            return new MonitoringOutcome(EntryBlock.None, new Dictionary<string, string[]>(), NotFound: true);
        }

        if (actingUnit is not null && found.Programme.Unit != actingUnit)
        {
            return new MonitoringOutcome(EntryBlock.NotYourUnit, new Dictionary<string, string[]>());
        }

        if (context.WriteBlock != EntryBlock.None)
        {
            return new MonitoringOutcome(context.WriteBlock, new Dictionary<string, string[]>());
        }

        if (!context.CanMonitor(found.Programme.Id, riskId))
        {
            return new MonitoringOutcome(EntryBlock.NotReturned, new Dictionary<string, string[]>());
        }

        if (context.HeldByReady(actingUnit))
        {
            return new MonitoringOutcome(EntryBlock.UnitReady, new Dictionary<string, string[]>());
        }

        if (!found.CarriedOver)
        {
            return new MonitoringOutcome(EntryBlock.None, new Dictionary<string, string[]> { ["risk"] = [Messages.Get("MonitoringNotCarried")] });
        }

        var errors = MonitoringRules.Check(entry with { RiskId = riskId }, found.Risk.Actions);
        if (errors.Count > 0)
        {
            return new MonitoringOutcome(EntryBlock.None, errors);
        }

        await monitoring.SaveAsync(context.Scope, entry with { RiskId = riskId }, actorId, cancellationToken);
        return new MonitoringOutcome(EntryBlock.None, errors);
    }

    /// <summary>
    /// The evaluator's verified likelihood and impact of a submitted region's risk, with a note (required when the
    /// verified position differs from the region's own); both levels <c>null</c> clear it.
    /// </summary>
    public async Task<MonitoringOutcome> VerifyAsync(EntryContext context, Guid riskId, int? likelihood, int? impact, string? note, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = (await programmes.ListAsync(context.Scope, cancellationToken)).SelectMany(p => p.Risks).FirstOrDefault(r => r.Id == riskId);
        if (found is null)
        {
            return new MonitoringOutcome(EntryBlock.None, new Dictionary<string, string[]>(), NotFound: true);
        }

        if (context.Status is not (SubmissionStatus.Submitted or SubmissionStatus.Returned))
        {
            return new MonitoringOutcome(EntryBlock.NotEditable, new Dictionary<string, string[]>());
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (likelihood.HasValue != impact.HasValue)
        {
            errors[likelihood.HasValue ? "impact" : "likelihood"] = [Messages.Get("RiskResidualBoth")];
        }

        if (likelihood is < 1 or > 5)
        {
            errors["likelihood"] = [Messages.Get("Range", Messages.Field("likelihood"), 1, 5)];
        }

        if (impact is < 1 or > 5)
        {
            errors["impact"] = [Messages.Get("Range", Messages.Field("impact"), 1, 5)];
        }

        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (likelihood.HasValue && (likelihood != found.Likelihood || impact != found.Impact) && text is null)
        {
            errors["note"] = [Messages.Get("RiskVerifyNote")];
        }

        if (text is { Length: > 1000 })
        {
            errors["note"] = [Messages.Get("TooLong", Messages.Field("note"), 1000)];
        }

        if (errors.Count > 0)
        {
            return new MonitoringOutcome(EntryBlock.None, errors);
        }

        await monitoring.VerifyAsync(context.Scope, riskId, likelihood, impact, likelihood.HasValue ? text : null, actorId, cancellationToken);
        return new MonitoringOutcome(EntryBlock.None, errors);
    }
}
