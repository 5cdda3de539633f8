using FluentValidation;
using Survey.Domain.Catalogue;
using Survey.Domain.Notifications;
using Survey.Domain.Periods;

namespace Survey.Domain.UseCases;

/// <summary>Creating periods: validation, the methodology must exist, one code once.</summary>
public sealed class PeriodsHandler(
    IPeriodRepository periods,
    ICatalogueRepository catalogues,
    IValidator<NewPeriod> validator,
    Notifier notifier,
    ScoreReader scores,
    Survey.Domain.Scoring.IScoreRepository snapshots,
    CarryOverHandler carryOver,
    RecommendationsHandler recommendations)
{
    /// <summary>
    /// Moves a period (open, close); coordinators are told when a period opens. When a draft period opens, the
    /// previous period's programmes and open risks come over into every region that had them. <c>null</c> when it was
    /// not in <paramref name="from"/>.
    /// </summary>
    public async Task<Period?> MoveAsync(string code, PeriodStatus from, PeriodStatus to, Guid? actorId, CancellationToken cancellationToken)
    {
        var moved = await periods.TransitionAsync(code, from, to, actorId, cancellationToken);
        if (moved is not null && to == PeriodStatus.Open)
        {
            if (from == PeriodStatus.Draft && moved.MethodologyLabel is { } label && await catalogues.GetMethodologyAsync(label, cancellationToken) is { } methodology)
            {
                await carryOver.OnPeriodOpenedAsync(moved.Code, methodology.Definition, actorId, cancellationToken);
            }

            await notifier.PeriodOpenedAsync(moved, cancellationToken);
            await recommendations.RemindAsync(moved.Code, closing: false, cancellationToken);
        }

        return moved;
    }

    /// <summary>
    /// Publishes a closed period (or re-publishes a published one): every region's score computed with the period's
    /// methodology revision, of which the repository stores those the publication guard includes.
    /// </summary>
    public async Task<Survey.Domain.Scoring.PublicationOutcome> PublishAsync(string code, string? reason, IReadOnlyList<PublicationExclusion> exclusions, Guid actorId, CancellationToken cancellationToken)
    {
        var notClosed = new Survey.Domain.Scoring.PublicationOutcome(null, true, null, new Dictionary<string, string[]>());
        var period = await periods.FindAsync(code, cancellationToken);
        if (period is not { Status: PeriodStatus.Closed or PeriodStatus.Published, MethodologyLabel: not null })
        {
            return notClosed;
        }

        var methodology = await catalogues.GetMethodologyAsync(period.MethodologyLabel, cancellationToken);
        if (methodology is null)
        {
            return notClosed;
        }

        var computed = await scores.ComputeAsync(period, methodology, null, cancellationToken);
        return await snapshots.PublishAsync(code, methodology.Id, computed, exclusions, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), actorId, cancellationToken);
    }

    public async Task<(Period? Period, Dictionary<string, string[]> Errors)> CreateAsync(NewPeriod input, Guid? actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var result = await validator.ValidateAsync(input, cancellationToken);
        var errors = result.Errors
            .GroupBy(e => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        if (!errors.ContainsKey("methodology") && await catalogues.GetMethodologyAsync(input.Methodology!, cancellationToken) is null)
        {
            errors["methodology"] = [Survey.Domain.Common.Messages.Get("MethodologyNotLoaded", input.Methodology!)];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (!await periods.AddAsync(input, actorId, cancellationToken))
        {
            return (null, new Dictionary<string, string[]> { ["conflict"] = [Survey.Domain.Common.Messages.Get("PeriodExists", input.Code!)] });
        }

        return (await periods.FindAsync(input.Code!, cancellationToken), errors);
    }
}
