using Survey.Domain.Submissions;

namespace Survey.Domain.Risks;

/// <summary>One risk of a participating region in a period, as the national picture reads it.</summary>
public sealed record NationalRiskRow(
    Guid Id,
    string Title,
    string Type,
    string? Category,
    int Likelihood,
    int Impact,
    string? TreatmentOption,
    string Region,
    string RegionName,
    string Province,
    int? Cohort,
    bool IsDemo,
    Guid Programme,
    string ProgrammeName,
    string Dimension,
    string? Unit,
    IReadOnlyList<RiskAction> Actions,
    IReadOnlyList<ActionProgress> Progress,
    int? CurrentLikelihood,
    int? CurrentImpact)
{
    /// <summary>Last semester's record of the same risk: assessed likelihood and impact, and the monitored ones.</summary>
    public (int Likelihood, int Impact, int? CurrentLikelihood, int? CurrentImpact)? Previous { get; init; }
}

/// <summary>A programme of a participating region whose maturity (verified where there is one) fell since last semester.</summary>
public sealed record MaturityDrop(string Region, string RegionName, string Province, int? Cohort, bool IsDemo, Guid Programme, string ProgrammeName, int Before, int Now);

/// <summary>An early warning of a programme in the national picture, with its region.</summary>
public sealed record RegionWarning(string Region, string RegionName, string Province, int? Cohort, bool IsDemo, EarlyWarningFlag Flag);

/// <summary>The risks of every participating region in a period (set-based, one query).</summary>
public interface INationalRiskRepository
{
    /// <summary>Every risk, with last semester's record of it where there is one.</summary>
    Task<IReadOnlyList<NationalRiskRow>> ListAsync(string period, CancellationToken cancellationToken);

    /// <summary>The programmes whose maturity fell since the previous period.</summary>
    Task<IReadOnlyList<MaturityDrop>> MaturityDropsAsync(string period, CancellationToken cancellationToken);
}

/// <summary>A national risk analysed with the period's criteria.</summary>
public sealed record NationalRisk(NationalRiskRow Row, RiskPosition Position, int OverdueActions, bool Unmitigated)
{
    /// <summary>The position this semester: the monitored one when there is one, else the assessed one.</summary>
    public RiskPosition? Current { get; init; }
}

/// <summary>The national risk list's filter; every part optional.</summary>
public sealed record NationalRiskFilter(string? Level = null, string? Category = null, string? Province = null, int? Cohort = null, bool? Overdue = null);

/// <summary>
/// The national picture of the programmes' risks for the ministry: every participating region's risks analysed with
/// the period's criteria, filtered, the highest first; the counts by category, level and dimension; and the regions
/// with the most unmitigated risks that need treatment (no treatment option or no action planned).
/// </summary>
public static class NationalRisks
{
    public static IReadOnlyList<NationalRisk> Analyse(IEnumerable<NationalRiskRow> rows, RiskCriteria criteria, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(criteria);
        return rows
            .Where(r => r.Likelihood is >= 1 and <= 5 && r.Impact is >= 1 and <= 5)
            .Select(r =>
            {
                var position = criteria.Position(r.Likelihood, r.Impact);
                var overdue = r.Actions.Count(a => MonitoringRules.IsOverdue(a, r.Progress.FirstOrDefault(p => p.Action == a.Id), today));
                var unmitigated = position.NeedsTreatment && (r.Actions.Count == 0 || r.TreatmentOption is null);
                return new NationalRisk(r, position, overdue, unmitigated)
                {
                    Current = r.CurrentLikelihood is { } cl and >= 1 and <= 5 && r.CurrentImpact is { } ci and >= 1 and <= 5 ? criteria.Position(cl, ci) : null,
                };
            })
            .OrderByDescending(r => r.Position.Magnitude).ThenBy(r => r.Row.RegionName, StringComparer.Ordinal).ThenBy(r => r.Row.Title, StringComparer.Ordinal)
            .ToList();
    }

    public static IReadOnlyList<NationalRisk> Filter(IEnumerable<NationalRisk> risks, NationalRiskFilter filter)
    {
        ArgumentNullException.ThrowIfNull(risks);
        ArgumentNullException.ThrowIfNull(filter);
        return risks.Where(r =>
                (string.IsNullOrEmpty(filter.Level) || r.Position.Band.Code == filter.Level)
                && (string.IsNullOrEmpty(filter.Category) || r.Row.Category == filter.Category)
                && (string.IsNullOrEmpty(filter.Province) || string.Equals(r.Row.Province, filter.Province, StringComparison.OrdinalIgnoreCase))
                && (filter.Cohort is null || r.Row.Cohort == filter.Cohort)
                && (filter.Overdue is null || (r.OverdueActions > 0) == filter.Overdue))
            .ToList();
    }

    /// <summary>
    /// The early warnings of every participating region by the same rules as a region's dashboard: each risk's
    /// flags (untreated, overdue, level rose) and each programme whose maturity fell; a region's first, then by
    /// region name.
    /// </summary>
    public static IReadOnlyList<RegionWarning> Warnings(IEnumerable<NationalRisk> risks, IEnumerable<MaturityDrop> drops, RiskCriteria criteria, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(risks);
        ArgumentNullException.ThrowIfNull(drops);
        ArgumentNullException.ThrowIfNull(criteria);
        var warnings = new List<RegionWarning>();
        foreach (var risk in risks)
        {
            var row = risk.Row;
            var before = row.Previous is { Likelihood: >= 1 and <= 5, Impact: >= 1 and <= 5 } then
                ? EarlyWarning.PositionOf(criteria, then.Likelihood, then.Impact, then.CurrentLikelihood, then.CurrentImpact)
                : null;
            warnings.AddRange(EarlyWarning.OfRisk(criteria, row.Title, row.Likelihood, row.Impact, row.Actions, row.Progress, risk.Current ?? risk.Position, before, today)
                .Select(f => new RegionWarning(row.Region, row.RegionName, row.Province, row.Cohort, row.IsDemo, new EarlyWarningFlag(f.Code, row.Programme, row.ProgrammeName, row.Id, f.Reason))));
        }

        foreach (var drop in drops)
        {
            if (EarlyWarning.OfMaturity(drop.Before, drop.Now) is { } fell)
            {
                warnings.Add(new RegionWarning(drop.Region, drop.RegionName, drop.Province, drop.Cohort, drop.IsDemo, new EarlyWarningFlag(fell.Code, drop.Programme, drop.ProgrammeName, null, fell.Reason)));
            }
        }

        return warnings.OrderBy(w => w.RegionName, StringComparer.Ordinal).ThenBy(w => w.Flag.ProgrammeName, StringComparer.Ordinal).ThenBy(w => w.Flag.Code, StringComparer.Ordinal).ToList();
    }

    /// <summary>How many risks fall in each group (<paramref name="key"/> of a risk), the largest first.</summary>
    public static IReadOnlyList<(string Key, int Count)> CountBy(IEnumerable<NationalRisk> risks, Func<NationalRisk, string> key) =>
        risks.GroupBy(key).Select(g => (g.Key, g.Count())).OrderByDescending(g => g.Item2).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();

    /// <summary>The regions with the most unmitigated risks that need treatment, the most first.</summary>
    public static IReadOnlyList<(string Region, string Name, int Unmitigated, int Overdue)> MostUnmitigated(IEnumerable<NationalRisk> risks, int top = 10) =>
        risks.GroupBy(r => (r.Row.Region, r.Row.RegionName))
            .Select(g => (g.Key.Region, g.Key.RegionName, g.Count(r => r.Unmitigated), g.Sum(r => r.OverdueActions)))
            .Where(g => g.Item3 > 0 || g.Item4 > 0)
            .OrderByDescending(g => g.Item3).ThenByDescending(g => g.Item4).ThenBy(g => g.RegionName, StringComparer.Ordinal)
            .Take(top)
            .ToList();
}
