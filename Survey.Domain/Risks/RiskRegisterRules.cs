using System.Globalization;
using Survey.Domain.Common;
using Survey.Domain.Periods;
using Survey.Domain.Submissions;

namespace Survey.Domain.Risks;

/// <summary>
/// The rules of a risk register entry against the period's risk criteria: known type, category, impact area and
/// treatment option, residual levels 1-5 given together, at most <see cref="MaxActions"/> actions, and for a risk
/// that reaches the appetite a responsible unit and a due date on every action; no due date before the period.
/// (Likelihood and impact 1-5 and the texts are <see cref="ProgrammeValidator"/>'s.)
/// </summary>
public static class RiskRegisterRules
{
    public const int MaxActions = 10;

    /// <summary>The broken rules of <paramref name="risk"/>, as (field under <paramref name="prefix"/>, message).</summary>
    /// <remarks>An action already stored (<paramref name="knownActions"/>, such as one carried over from last semester) may keep a due date before the period.</remarks>
    public static IEnumerable<(string Field, string Message)> Check(Risk risk, RiskCriteria criteria, string criteriaLabel, string period, string prefix, IReadOnlySet<Guid>? knownActions = null)
    {
        ArgumentNullException.ThrowIfNull(risk);
        ArgumentNullException.ThrowIfNull(criteria);
        if (!RiskTypes.All.Contains(risk.Type))
        {
            yield return ($"{prefix}type", Messages.Get("RiskType"));
        }

        if (risk.Category is { } category && !criteria.IsCategory(category))
        {
            yield return ($"{prefix}category", Messages.Get("RiskUnknownCode", Messages.Field("category"), category, criteriaLabel));
        }

        if (risk.ImpactArea is { } area && !criteria.IsImpactArea(area))
        {
            yield return ($"{prefix}impact_area", Messages.Get("RiskUnknownCode", Messages.Field("impact_area"), area, criteriaLabel));
        }

        if (risk.TreatmentOption is { } option && criteria.OptionsFor(risk.Type).All(o => o.Code != option))
        {
            yield return ($"{prefix}treatment_option", Messages.Get("RiskUnknownCode", Messages.Field("treatment_option"), option, criteriaLabel));
        }

        if (risk.ResidualLikelihood.HasValue != risk.ResidualImpact.HasValue)
        {
            yield return ($"{prefix}{(risk.ResidualLikelihood.HasValue ? "residual_impact" : "residual_likelihood")}", Messages.Get("RiskResidualBoth"));
        }

        if (risk.ResidualLikelihood is < 1 or > 5)
        {
            yield return ($"{prefix}residual_likelihood", Messages.Get("Range", Messages.Field("residual_likelihood"), 1, 5));
        }

        if (risk.ResidualImpact is < 1 or > 5)
        {
            yield return ($"{prefix}residual_impact", Messages.Get("Range", Messages.Field("residual_impact"), 1, 5));
        }

        if (risk.Actions.Count > MaxActions)
        {
            yield return ($"{prefix}actions", Messages.Get("RiskActionTooMany", MaxActions));
        }

        var inRange = risk.Likelihood is >= 1 and <= 5 && risk.Impact is >= 1 and <= 5;
        var magnitude = inRange ? criteria.Magnitude(risk.Likelihood, risk.Impact) : 0;
        var treat = inRange && criteria.NeedsTreatment(magnitude);
        var start = PeriodCodes.StartOf(period);
        for (var a = 0; a < risk.Actions.Count; a++)
        {
            var action = risk.Actions[a];
            var at = $"{prefix}actions[{a}].";
            if (string.IsNullOrWhiteSpace(action.Action))
            {
                yield return ($"{at}action", Messages.Get("Required", Messages.Field("action")));
            }

            foreach (var (text, field, max) in new[] { (action.Action, "action", 500), (action.Output, "output", 500) })
            {
                if (text is not null && text.Length > max)
                {
                    yield return ($"{at}{field}", Messages.Get("TooLong", Messages.Field(field), max));
                }

                if (text is not null && text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                {
                    yield return ($"{at}{field}", Messages.Get("ControlCharacters", Messages.Field(field)));
                }
            }

            if (treat && string.IsNullOrWhiteSpace(action.Unit))
            {
                yield return ($"{at}unit", Messages.Get("RiskActionNeedsUnit", magnitude));
            }

            if (treat && action.Due is null)
            {
                yield return ($"{at}due", Messages.Get("RiskActionNeedsDue", magnitude));
            }

            if (action.Due is { } due && due < start && knownActions?.Contains(action.Id) != true)
            {
                yield return ($"{at}due", Messages.Get("RiskActionDueBeforePeriod", Format(due), Format(start)));
            }

            if (action.Cost is < 0 or > 1_000_000_000_000_000m)
            {
                yield return ($"{at}cost", Messages.Get("Range", Messages.Field("cost"), 0, "1.000.000.000.000.000"));
            }
        }

        static string Format(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("id-ID"));
    }
}
