using Survey.Domain.Periods;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>What saving programmes did: a block (nothing written), field errors (nothing written), or what changed.</summary>
public sealed record ProgrammeSaveOutcome(EntryBlock Block, IReadOnlyDictionary<string, string[]> Errors, int Changed, Programme? Saved = null)
{
    public bool Succeeded => Block == EntryBlock.None && Errors.Count == 0 && !VersionConflict;

    /// <summary>The programme was saved by someone else since the version the caller sent (nothing written).</summary>
    public bool VersionConflict { get; init; }

    public static ProgrammeSaveOutcome Blocked(EntryBlock block) => new(block, new Dictionary<string, string[]>(), 0);
}

/// <summary>
/// Saving a scope's programmes with their risks and evidence, with the same rules for the page (one programme
/// with its evidence) and the API (the whole list): the write block, the returned items, identity, validation.
/// </summary>
public sealed class SaveProgrammesHandler(IProgrammeRepository programmes, Units.IUnitRepository units, Risks.IRiskCriteriaRepository riskCriteria, TimeProvider clock)
{
    /// <summary>
    /// Field errors per programme index; empty when all are valid. With the period's risk criteria
    /// (<paramref name="criteria"/>) the risk register's rules are checked too.
    /// </summary>
    public Dictionary<string, string[]> Validate(EntryContext context, IReadOnlyList<Programme> items, string prefix = "", Risks.StoredRiskCriteria? criteria = null, IReadOnlySet<Guid>? knownActions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        var validator = new ProgrammeValidator(context.Methodology.Definition, clock.GetUtcNow().Year);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{prefix}{(items.Count > 1 || prefix.Length > 0 ? $"[{i}]." : string.Empty)}";
            foreach (var group in validator.Validate(items[i]).Errors.GroupBy(e => e.PropertyName))
            {
                errors[$"{at}{group.Key}"] = group.Select(e => e.ErrorMessage).Distinct().ToArray();
            }

            if (criteria is null)
            {
                continue;
            }

            for (var r = 0; r < items[i].Risks.Count; r++)
            {
                foreach (var group in Risks.RiskRegisterRules.Check(items[i].Risks[r], criteria.Definition, criteria.Label, context.Period.Code, $"risks[{r}].", knownActions).GroupBy(e => e.Field))
                {
                    errors.TryAdd($"{at}{group.Key}", group.Select(e => e.Message).Distinct().ToArray());
                }
            }
        }

        return errors;
    }

    private static HashSet<Guid> KnownActions(IReadOnlyList<Programme> stored) => stored.SelectMany(p => p.Risks).SelectMany(r => r.Actions).Select(a => a.Id).ToHashSet();

    // The stored programme with the returned risks as sent (a returned risk that was not sent stays as stored).
    private static Programme WithReturnedRisks(Programme stored, Programme sent, IReadOnlySet<Guid> returned) =>
        returned.Count == 0
            ? stored
            : stored with { Risks = stored.Risks.Select(r => returned.Contains(r.Id) ? sent.Risks.FirstOrDefault(x => x.Id == r.Id) ?? r : r).ToList() };

    /// <summary>The risk criteria the scope's period analyses its risks with.</summary>
    public Task<Risks.StoredRiskCriteria?> CriteriaAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return riskCriteria.ForPeriodAsync(context.Period.Code, cancellationToken);
    }

    /// <summary>
    /// Replaces the list: items with a known id are updated in place, the others created, the missing deleted.
    /// While returned, the same programmes must be sent and only the returned ones change.
    /// </summary>
    public async Task<ProgrammeSaveOutcome> ReplaceAsync(EntryContext context, IReadOnlyList<Programme> sent, Guid actorId, CancellationToken cancellationToken, string prefix = "items", string? actingUnit = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sent);
        if (actingUnit is not null)
        {
            // The whole list is the region's: a unit operator saves its programmes one by one.
            return ProgrammeSaveOutcome.Blocked(EntryBlock.NotYourUnit);
        }

        if (context.WriteBlock != EntryBlock.None)
        {
            return ProgrammeSaveOutcome.Blocked(context.WriteBlock);
        }

        var stored = await programmes.ListAsync(context.Scope, cancellationToken);
        var list = ProgrammeIdentities.Resolve(sent, stored);
        if (context.Status == SubmissionStatus.Returned)
        {
            // The others are kept as stored whatever was sent for them (a returned risk aside).
            var returned = stored.Where(p => context.CanEditProgramme(p.Id)).Select(p => p.Id).ToHashSet();
            if (!list.Select(p => p.Id).ToHashSet().SetEquals(stored.Select(p => p.Id)))
            {
                return ProgrammeSaveOutcome.Blocked(EntryBlock.NotReturned);
            }

            var sentById = list.ToDictionary(p => p.Id);
            list = [.. stored.Where(p => !returned.Contains(p.Id)).Select(p => WithReturnedRisks(p, sentById[p.Id], context.ReturnedRisksOf(p))), .. list.Where(p => returned.Contains(p.Id))];
        }

        var errors = Validate(context, list, prefix, await CriteriaAsync(context, cancellationToken), KnownActions(stored));
        await CheckUnitsAsync(context, list, prefix, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return new ProgrammeSaveOutcome(EntryBlock.None, errors, 0);
        }

        return new ProgrammeSaveOutcome(EntryBlock.None, errors, await programmes.ReplaceAsync(context.Scope, list, actorId, cancellationToken));
    }

    /// <summary>
    /// Saves one programme (new or known) with the evidence given with it, in one transaction. The errors of
    /// reading the input (<paramref name="inputErrors"/>) are reported with the validation's; nothing is written then.
    /// </summary>
    /// <remarks>
    /// A unit operator (<paramref name="actingUnit"/>) saves only the unit's programmes: a new one belongs to the
    /// unit, a stored one must be the unit's already.
    /// </remarks>
    /// <remarks>A positive <see cref="Programme.Version"/> in <paramref name="sent"/> is the version the caller read: a later save wins nothing over it.</remarks>
    public async Task<ProgrammeSaveOutcome> SaveAsync(
        EntryContext context, Programme sent, IReadOnlyDictionary<string, string[]> inputErrors, IReadOnlyList<NewEvidence> evidence, Guid actorId, CancellationToken cancellationToken, string? actingUnit = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputErrors);
        ArgumentNullException.ThrowIfNull(evidence);
        if (context.WriteBlock != EntryBlock.None)
        {
            return ProgrammeSaveOutcome.Blocked(context.WriteBlock);
        }

        var stored = await programmes.ListAsync(context.Scope, cancellationToken);
        var programme = ProgrammeIdentities.Resolve([sent], stored)[0];
        var known = stored.FirstOrDefault(p => p.Id == programme.Id);
        if (!context.CanEditProgramme(known?.Id))
        {
            // Only risks returned on their own may change; the programme's other fields and risks stay as stored.
            if (known is null || context.ReturnedRisksOf(known) is not { Count: > 0 } risks)
            {
                return ProgrammeSaveOutcome.Blocked(EntryBlock.NotReturned);
            }

            programme = WithReturnedRisks(known, programme, risks) with { Version = programme.Version };
        }

        if (context.HeldByReady(actingUnit))
        {
            return ProgrammeSaveOutcome.Blocked(EntryBlock.UnitReady);
        }

        if (actingUnit is not null)
        {
            var before = stored.FirstOrDefault(p => p.Id == programme.Id);
            if ((before is not null && before.Unit != actingUnit) || (programme.Unit is not null && programme.Unit != actingUnit))
            {
                return ProgrammeSaveOutcome.Blocked(EntryBlock.NotYourUnit);
            }

            programme = programme with { Unit = actingUnit };
        }

        var errors = new Dictionary<string, string[]>(inputErrors, StringComparer.Ordinal);
        foreach (var (key, messages) in Validate(context, [programme], string.Empty, await CriteriaAsync(context, cancellationToken), KnownActions(stored)))
        {
            errors[key] = messages;
        }

        await CheckUnitsAsync(context, [programme], string.Empty, errors, cancellationToken);

        if (errors.Count > 0)
        {
            return new ProgrammeSaveOutcome(EntryBlock.None, errors, 0, programme);
        }

        var target = programme.Id.ToString();
        var expected = sent.Version > 0 && stored.Any(p => p.Id == programme.Id) ? sent.Version : (int?)null;
        if (!await programmes.SaveAsync(context.Scope, programme, actorId, cancellationToken, evidence.Select(e => e with { Target = target }).ToList(), expected))
        {
            return new ProgrammeSaveOutcome(EntryBlock.None, errors, 0, programme) { VersionConflict = true };
        }

        var saved = (await programmes.ListAsync(context.Scope, cancellationToken)).FirstOrDefault(p => p.Id == programme.Id) ?? programme;
        return new ProgrammeSaveOutcome(EntryBlock.None, errors, 1, saved);
    }

    // A programme's owner, co-owners and replication units must be active units of the scope's region.
    private async Task CheckUnitsAsync(EntryContext context, List<Programme> items, string prefix, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (items.All(p => p.Unit is null && p.CoUnits.Count == 0 && p.Replications.Count == 0 && p.Risks.All(r => r.Actions.All(a => a.Unit is null))))
        {
            return;
        }

        var active = (await units.ListAsync(context.Region.Code, cancellationToken)).Where(u => u.Active).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{prefix}{(items.Count > 1 || prefix.Length > 0 ? $"[{i}]." : string.Empty)}";
            if (items[i].Unit is { } unit && !active.Contains(unit))
            {
                errors[$"{at}unit"] = [Common.Messages.Get("ProgrammeUnit", unit)];
            }

            if (items[i].CoUnits.FirstOrDefault(u => !active.Contains(u)) is { } coUnit)
            {
                errors[$"{at}co_units"] = [Common.Messages.Get("ProgrammeUnit", coUnit)];
            }

            for (var r = 0; r < items[i].Risks.Count; r++)
            {
                var actions = items[i].Risks[r].Actions;
                for (var a = 0; a < actions.Count; a++)
                {
                    if (actions[a].Unit is { } actionUnit && !active.Contains(actionUnit))
                    {
                        errors[$"{at}risks[{r}].actions[{a}].unit"] = [Common.Messages.Get("ProgrammeUnit", actionUnit)];
                    }
                }
            }

            for (var r = 0; r < items[i].Replications.Count; r++)
            {
                if (!active.Contains(items[i].Replications[r].Unit))
                {
                    errors[$"{at}replications[{r}].unit"] = [Common.Messages.Get("ProgrammeUnit", items[i].Replications[r].Unit)];
                }
            }
        }
    }

    /// <summary>Deletes a programme (only a returned one while returned).</summary>
    public async Task<EntryBlock> DeleteAsync(EntryContext context, Guid id, Guid actorId, CancellationToken cancellationToken, string? actingUnit = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.CanEditProgramme(id))
        {
            return context.WriteBlock != EntryBlock.None ? context.WriteBlock : EntryBlock.NotReturned;
        }

        if (actingUnit is not null && (await programmes.ListAsync(context.Scope, cancellationToken)).FirstOrDefault(p => p.Id == id) is { } stored && stored.Unit != actingUnit)
        {
            return EntryBlock.NotYourUnit;
        }

        if (context.HeldByReady(actingUnit))
        {
            return EntryBlock.UnitReady;
        }

        return await programmes.DeleteAsync(context.Scope, id, actorId, cancellationToken) ? EntryBlock.None : EntryBlock.NotFound;
    }
}

/// <summary>Carrying the previous period's programmes and risks over, keeping their identity.</summary>
public sealed class CarryOverHandler(IProgrammeRepository programmes, Obstacles.IObstacleRepository obstacles)
{
    /// <summary>
    /// Copies the programmes and risks of the previous period as a starting point, keeping their ids (a programme
    /// is the same programme next semester) but not their verified levels, skipping those this period holds
    /// already and those whose element the period's methodology no longer has. Returns how many were copied.
    /// </summary>
    public async Task<(EntryBlock Block, int Copied)> CarryOverAsync(EntryContext context, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.CanEditProgramme(null))
        {
            return (context.WriteBlock != EntryBlock.None ? context.WriteBlock : EntryBlock.NotReturned, 0);
        }

        var copied = await programmes.CarryOverAsync(
            PeriodCodes.Previous(context.Period.Code), context.Period.Code, context.Region.Code, Eligible(context.Methodology.Definition), actorId, cancellationToken);
        await obstacles.CarryOverAsync(PeriodCodes.Previous(context.Period.Code), context.Period.Code, context.Region.Code, actorId, cancellationToken);
        return (EntryBlock.None, copied);
    }

    /// <summary>
    /// When a period opens: every participating region's programmes of the previous period come over with their open
    /// risks (same ids), so that each carried-over risk can be monitored this semester without being retyped. A
    /// region's carry-over is one transaction; the coordinator's own carry-over later adds what is still missing.
    /// Returns how many regions and programmes.
    /// </summary>
    public async Task<(int Regions, int Programmes)> OnPeriodOpenedAsync(string period, Methodology.ScoringMethodology methodology, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        var previous = PeriodCodes.Previous(period);
        var (regions, copied) = (0, 0);
        foreach (var region in await programmes.RegionsWithProgrammesAsync(previous, cancellationToken))
        {
            var count = await programmes.CarryOverAsync(previous, period, region, Eligible(methodology), actorId, cancellationToken);
            regions += count > 0 ? 1 : 0;
            copied += count;
        }

        // The open obstacles of every region, in one statement.
        await obstacles.CarryOverAsync(previous, period, null, actorId, cancellationToken);
        return (regions, copied);
    }

    private static Func<Programme, bool> Eligible(Methodology.ScoringMethodology methodology) =>
        p => methodology.FindDimension(p.Dimension)?.Elements.Any(e => e.Code == p.Element) == true;
}
