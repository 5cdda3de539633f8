using Survey.Domain.Methodology;
using Survey.Domain.Risks;
using Survey.Domain.Submissions;

namespace Survey.Web.Features.Risks;

/// <summary>A risk's magnitude and level as every page shows them: from the period's risk criteria (the matrix, never likelihood x impact).</summary>
public static class RiskText
{
    /// <summary>The magnitude and the level's name; without criteria (a period from before them) the older rating on the methodology's bands.</summary>
    public static (int Magnitude, string Level) Of(Risk risk, RiskCriteria? criteria, ScoringMethodology methodology)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(methodology);
        if (criteria is not null && risk.Likelihood is >= 1 and <= 5 && risk.Impact is >= 1 and <= 5)
        {
            var position = criteria.Position(risk.Likelihood, risk.Impact);
            return (position.Magnitude, position.Band.Name.ToString());
        }

        return (risk.Rating, methodology.RiskBandFor(risk.Rating).Name.ToString());
    }

    /// <summary>The risk with the highest magnitude, or <c>null</c>.</summary>
    public static Risk? Highest(IEnumerable<Risk> risks, RiskCriteria? criteria, ScoringMethodology methodology) =>
        risks.Select(r => (Risk: r, Of(r, criteria, methodology).Magnitude)).OrderByDescending(x => x.Magnitude).Select(x => x.Risk).FirstOrDefault();
}
