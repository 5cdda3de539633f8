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
        void Add(string code, Guid? risk, string reason) => flags.Add(new EarlyWarningFlag(code, current.Id, current.Name, risk, reason));

        foreach (var risk in current.Risks.Where(r => r.Likelihood is >= 1 and <= 5 && r.Impact is >= 1 and <= 5))
        {
            var now = monitoredNow.GetValueOrDefault(risk.Id);
            var position = Position(criteria, risk, now);
            if (criteria.Position(risk.Likelihood, risk.Impact) is { NeedsTreatment: true } assessed && risk.Actions.Count == 0)
            {
                Add(EarlyWarningCodes.Untreated, risk.Id, Messages.Get("WarningUntreated", risk.Title, assessed.Magnitude));
            }

            foreach (var action in risk.Actions.Where(a => MonitoringRules.IsOverdue(a, now?.Actions.FirstOrDefault(p => p.Action == a.Id), today)))
            {
                Add(EarlyWarningCodes.Overdue, risk.Id, Messages.Get("WarningOverdue", action.Action, risk.Title, action.Due!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
            }

            if (previous?.Risks.FirstOrDefault(r => r.Id == risk.Id) is { } before && before.Likelihood is >= 1 and <= 5 && before.Impact is >= 1 and <= 5)
            {
                var then = Position(criteria, before, monitoredBefore.GetValueOrDefault(before.Id));
                if (Rank(criteria, position.Band) > Rank(criteria, then.Band))
                {
                    Add(EarlyWarningCodes.LevelRose, risk.Id, Messages.Get("WarningLevelRose", risk.Title, then.Band.Name.ToString(), position.Band.Name.ToString()));
                }
            }
        }

        if (previous is not null && current.EffectiveLevel < previous.EffectiveLevel)
        {
            Add(EarlyWarningCodes.MaturityFell, null, Messages.Get("WarningMaturityFell", previous.EffectiveLevel, current.EffectiveLevel));
        }

        return flags;
    }

    private static RiskPosition Position(RiskCriteria criteria, Risk risk, RiskMonitoring? monitoring) =>
        monitoring is { CurrentLikelihood: >= 1 and <= 5, CurrentImpact: >= 1 and <= 5 }
            ? criteria.Position(monitoring.CurrentLikelihood, monitoring.CurrentImpact)
            : criteria.Position(risk.Likelihood, risk.Impact);

    private static int Rank(RiskCriteria criteria, RiskBand band) => criteria.Bands.OrderBy(b => b.Min).ToList().FindIndex(b => b.Code == band.Code);
}
