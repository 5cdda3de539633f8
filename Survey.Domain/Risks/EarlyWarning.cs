using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Domain.Risks;

/// <summary>A reason to look at a programme early: its code, the risk it concerns (if any) and the reason in words.</summary>
public sealed record EarlyWarningFlag(string Code, Guid Programme, string ProgrammeName, Guid? Risk, string Reason);

/// <summary>The early-warning codes.</summary>
public static class EarlyWarningCodes
{
    /// <summary>A risk that needs treatment has no action planned.</summary>
    public const string Untreated = "untreated";

    /// <summary>An action's due date passed and it is not done.</summary>
    public const string Overdue = "overdue";

    /// <summary>A risk's level this semester is above its level last semester.</summary>
    public const string LevelRose = "level_rose";

    /// <summary>The programme's maturity is below last semester's.</summary>
    public const string MaturityFell = "maturity_fell";
}

/// <summary>
/// The early-warning rules over a programme's two semesters: a risk above the appetite without an action, an
/// overdue action, a risk whose level rose since last semester (this semester's monitored position, else its
/// assessment, against last semester's), and a maturity level that fell (the verified level where there is one).
/// </summary>
public static class EarlyWarning
{
    public static IReadOnlyList<EarlyWarningFlag> Flags(
        Programme current,
        Programme? previous,
        IReadOnlyDictionary<Guid, RiskMonitoring> monitoredNow,
        IReadOnlyDictionary<Guid, RiskMonitoring> monitoredBefore,
        RiskCriteria criteria,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(monitoredNow);
        ArgumentNullException.ThrowIfNull(monitoredBefore);
        ArgumentNullException.ThrowIfNull(criteria);
        var flags = new List<EarlyWarningFlag>();
        foreach (var risk in current.Risks.Where(r => r.Likelihood is >= 1 and <= 5 && r.Impact is >= 1 and <= 5))
        {
            var now = monitoredNow.GetValueOrDefault(risk.Id);
            var before = previous?.Risks.FirstOrDefault(r => r.Id == risk.Id) is { Likelihood: >= 1 and <= 5, Impact: >= 1 and <= 5 } then
                ? PositionOf(criteria, then.Likelihood, then.Impact, monitoredBefore.GetValueOrDefault(then.Id))
                : null;
            flags.AddRange(OfRisk(criteria, risk.Title, risk.Likelihood, risk.Impact, risk.Actions, now?.Actions ?? [],
                    PositionOf(criteria, risk.Likelihood, risk.Impact, now), before, today)
                .Select(f => new EarlyWarningFlag(f.Code, current.Id, current.Name, risk.Id, f.Reason)));
        }

        if (OfMaturity(previous?.EffectiveLevel, current.EffectiveLevel) is { } fell)
        {
            flags.Add(new EarlyWarningFlag(fell.Code, current.Id, current.Name, null, fell.Reason));
        }

        return flags;
    }

    /// <summary>
    /// The flags of one risk: needs treatment by its assessed position and has no action; each overdue action; its
    /// level this semester (<paramref name="current"/>) above last semester's (<paramref name="before"/>).
    /// </summary>
    public static IEnumerable<(string Code, string Reason)> OfRisk(
        RiskCriteria criteria, string title, int likelihood, int impact, IReadOnlyList<RiskAction> actions, IReadOnlyList<ActionProgress> progress,
        RiskPosition current, RiskPosition? before, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(current);
        if (criteria.Position(likelihood, impact) is { NeedsTreatment: true } assessed && actions.Count == 0)
        {
            yield return (EarlyWarningCodes.Untreated, Messages.Get("WarningUntreated", title, assessed.Magnitude));
        }

        foreach (var action in actions.Where(a => MonitoringRules.IsOverdue(a, progress.FirstOrDefault(p => p.Action == a.Id), today)))
        {
            yield return (EarlyWarningCodes.Overdue, Messages.Get("WarningOverdue", action.Action, title, action.Due!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (before is not null && Rank(criteria, current.Band) > Rank(criteria, before.Band))
        {
            yield return (EarlyWarningCodes.LevelRose, Messages.Get("WarningLevelRose", title, before.Band.Name.ToString(), current.Band.Name.ToString()));
        }
    }

    /// <summary>The flag of a maturity level (verified where there is one) below last semester's, if it fell.</summary>
    public static (string Code, string Reason)? OfMaturity(int? before, int now) =>
        before is { } then && now < then ? (EarlyWarningCodes.MaturityFell, Messages.Get("WarningMaturityFell", then, now)) : null;

    /// <summary>A risk's position in a semester: the monitored one when it was monitored, else the assessed one.</summary>
    public static RiskPosition PositionOf(RiskCriteria criteria, int likelihood, int impact, int? monitoredLikelihood, int? monitoredImpact)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return monitoredLikelihood is >= 1 and <= 5 && monitoredImpact is >= 1 and <= 5
            ? criteria.Position(monitoredLikelihood.Value, monitoredImpact.Value)
            : criteria.Position(likelihood, impact);
    }

    private static RiskPosition PositionOf(RiskCriteria criteria, int likelihood, int impact, RiskMonitoring? monitoring) =>
        PositionOf(criteria, likelihood, impact, monitoring?.CurrentLikelihood, monitoring?.CurrentImpact);

    private static int Rank(RiskCriteria criteria, RiskBand band) => criteria.Bands.OrderBy(b => b.Min).ToList().FindIndex(b => b.Code == band.Code);
}
