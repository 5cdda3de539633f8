using Survey.Domain.Common;
using Survey.Domain.Recommendations;
using Survey.Domain.Submissions;

namespace Survey.Domain.UseCases;

/// <summary>What a recommendation request did: a block, not found, field errors (nothing written), or done.</summary>
public sealed record RecommendationOutcome(EntryBlock Block, IReadOnlyDictionary<string, string[]> Errors, Recommendation? Saved = null, bool NotFound = false, bool NotSubmitted = false)
{
    public bool Succeeded => Block == EntryBlock.None && Errors.Count == 0 && !NotFound && !NotSubmitted;

    public static RecommendationOutcome Missing { get; } = new(EntryBlock.None, new Dictionary<string, string[]>(), NotFound: true);
}

/// <summary>
/// The evaluator's recommendations to a region, the region's follow-up of each in later periods and the evaluator's
/// verification; for the page and the API alike.
/// </summary>
public sealed class RecommendationsHandler(
    IRecommendationRepository recommendations,
    IProgrammeRepository programmes,
    Obstacles.IObstacleRepository obstacles,
    Units.IUnitRepository units,
    Notifications.Notifier notifier)
{
    public Task<IReadOnlyList<Recommendation>> ListAsync(EntryContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return recommendations.ListAsync(context.Scope, cancellationToken);
    }

    /// <summary>Adds the evaluator's recommendation (written in the context's period).</summary>
    public async Task<RecommendationOutcome> AddAsync(EntryContext context, Recommendation sent, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sent);
        var list = await programmes.ListAsync(context.Scope, cancellationToken);
        var recommendation = sent with
        {
            Id = Guid.CreateVersion7(),
            Period = context.Period.Code,
            AddressedTo = sent.AddressedTo?.Trim() ?? string.Empty,
            Dimension = string.IsNullOrWhiteSpace(sent.Dimension) ? null : sent.Dimension.Trim(),
            Text = sent.Text?.Trim() ?? string.Empty,
            Priority = sent.Priority?.Trim() ?? string.Empty,
            DuePeriod = sent.DuePeriod?.Trim().ToUpperInvariant() ?? string.Empty,
        };
        var known = new RecommendationContext(
            context.Period.Code,
            (await units.ListAsync(context.Region.Code, cancellationToken)).Select(u => u.Code).ToHashSet(StringComparer.Ordinal),
            context.Methodology.Definition.Dimensions.Select(d => d.Code).ToHashSet(StringComparer.Ordinal),
            list.Select(p => p.Id).ToHashSet(),
            list.SelectMany(p => p.Risks.Select(r => r.Id)).ToHashSet(),
            (await obstacles.ListAsync(context.Scope, cancellationToken)).Select(o => o.Id).ToHashSet());
        var errors = RecommendationRules.Validate(recommendation, known);
        if (errors.Count > 0)
        {
            return new RecommendationOutcome(EntryBlock.None, errors);
        }

        await recommendations.AddAsync(context.Region.Code, recommendation, actorId, cancellationToken);
        await notifier.RecommendationAsync(context.Scope, recommendation.Id, recommendation.AddressedTo == Addressees.RegionalHead ? null : recommendation.AddressedTo,
            recommendation.Text, recommendation.DuePeriod, cancellationToken);
        return new RecommendationOutcome(EntryBlock.None, errors, (await ListAsync(context, cancellationToken)).First(r => r.Id == recommendation.Id));
    }

    /// <summary>The region's follow-up in the context's period; a unit operator follows up only what is addressed to the unit.</summary>
    public async Task<RecommendationOutcome> FollowUpAsync(EntryContext context, Guid id, FollowUp sent, Guid actorId, string? actingUnit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sent);
        var found = (await ListAsync(context, cancellationToken)).FirstOrDefault(r => r.Id == id);
        if (found is null)
        {
            return RecommendationOutcome.Missing;
        }

        if (actingUnit is not null && found.AddressedTo != actingUnit)
        {
            return new RecommendationOutcome(EntryBlock.NotYourUnit, new Dictionary<string, string[]>());
        }

        if (ObstaclesHandler.WriteBlock(context) is not EntryBlock.None and var block)
        {
            return new RecommendationOutcome(block, new Dictionary<string, string[]>());
        }

        if (context.HeldByReady(actingUnit))
        {
            return new RecommendationOutcome(EntryBlock.UnitReady, new Dictionary<string, string[]>());
        }

        if (!found.AcceptsFollowUpIn(context.Period.Code))
        {
            return new RecommendationOutcome(EntryBlock.None, new Dictionary<string, string[]> { ["recommendation"] = [Messages.Get("RecommendationNotOpen")] });
        }

        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var followUp = new FollowUp(context.Period.Code, sent.Status?.Trim() ?? string.Empty, Clean(sent.Action), Clean(sent.Reason), Clean(sent.Evidence));
        var errors = RecommendationRules.Validate(followUp);
        if (errors.Count > 0)
        {
            return new RecommendationOutcome(EntryBlock.None, errors);
        }

        await recommendations.SaveFollowUpAsync(context.Scope, id, followUp, actorId, cancellationToken);
        return new RecommendationOutcome(EntryBlock.None, errors, (await ListAsync(context, cancellationToken)).First(r => r.Id == id));
    }

    /// <summary>The evaluator's verdict on the period's follow-up, once the region has submitted.</summary>
    public async Task<RecommendationOutcome> VerifyAsync(EntryContext context, Guid id, string? verdict, string? note, Guid actorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var found = (await ListAsync(context, cancellationToken)).FirstOrDefault(r => r.Id == id);
        if (found is null)
        {
            return RecommendationOutcome.Missing;
        }

        if (context.Status == SubmissionStatus.Draft)
        {
            return new RecommendationOutcome(EntryBlock.None, new Dictionary<string, string[]>(), NotSubmitted: true);
        }

        if (found.FollowUpIn(context.Period.Code) is not { } followUp)
        {
            return new RecommendationOutcome(EntryBlock.None, new Dictionary<string, string[]> { ["recommendation"] = [Messages.Get("FollowUpMissing")] });
        }

        var cleanNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        var errors = RecommendationRules.ValidateVerdict(verdict?.Trim(), cleanNote, followUp.Status);
        if (errors.Count > 0)
        {
            return new RecommendationOutcome(EntryBlock.None, errors);
        }

        await recommendations.VerifyAsync(context.Scope, id, verdict!.Trim(), cleanNote, actorId, cancellationToken);
        return new RecommendationOutcome(EntryBlock.None, errors, (await ListAsync(context, cancellationToken)).First(r => r.Id == id));
    }

    /// <summary>Reminds every region that owes follow-ups in <paramref name="period"/> (all due ones, or when <paramref name="closing"/> those still unanswered).</summary>
    public async Task RemindAsync(string period, bool closing, CancellationToken cancellationToken)
    {
        foreach (var (region, count) in await recommendations.DueAsync(period, unansweredOnly: closing, cancellationToken))
        {
            await notifier.FollowUpsDueAsync(new Scope(period, region), count, closing, cancellationToken);
        }
    }

    /// <summary>The recommendations due in the period that have no follow-up there yet.</summary>
    public static IReadOnlyList<Recommendation> Unanswered(IEnumerable<Recommendation> list, string period) =>
        list.Where(r => r.IsDueIn(period) && r.FollowUpIn(period) is null).ToList();
}
