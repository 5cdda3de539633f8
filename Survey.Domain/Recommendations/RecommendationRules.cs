using Survey.Domain.Common;
using Survey.Domain.Periods;

namespace Survey.Domain.Recommendations;

/// <summary>What a recommendation of a region in a period may name.</summary>
public sealed record RecommendationContext(string Period, IReadOnlySet<string> Units, IReadOnlySet<string> Dimensions, IReadOnlySet<Guid> Programmes, IReadOnlySet<Guid> Risks, IReadOnlySet<Guid> Obstacles);

/// <summary>The rules of recommendations, follow-ups and verifications; the API and the page share them.</summary>
public static class RecommendationRules
{
    public const int TextMax = 2000;
    public const int EvidenceMax = 500;

    public static Dictionary<string, string[]> Validate(Recommendation r, RecommendationContext context)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors.TryAdd(field, [message]);
        if (string.IsNullOrWhiteSpace(r.AddressedTo))
        {
            Add("addressed_to", Messages.Get("Required", Messages.Field("addressed_to")));
        }
        else if (r.AddressedTo != Addressees.RegionalHead && !context.Units.Contains(r.AddressedTo))
        {
            Add("addressed_to", Messages.Get("ObstacleUnknown", Messages.Field("unit"), r.AddressedTo));
        }

        FieldRules.KnownCode(errors, "dimension", r.Dimension, context.Dimensions);
        FieldRules.Known(errors, "programme", r.Programme, context.Programmes);
        FieldRules.Known(errors, "risk", r.Risk, context.Risks);
        FieldRules.Known(errors, "obstacle", r.Obstacle, context.Obstacles);
        FieldRules.Text(errors, "text", r.Text, TextMax, required: true);
        if (!Priorities.All.Contains(r.Priority))
        {
            Add("priority", Messages.Get("ObstacleChoice", Messages.Field("priority"), string.Join(", ", Priorities.All)));
        }

        if (!PeriodCodes.IsValid(r.DuePeriod))
        {
            Add("due_period", Messages.Get("RecommendationPeriodCode"));
        }
        else if (string.CompareOrdinal(r.DuePeriod, context.Period) <= 0)
        {
            Add("due_period", Messages.Get("RecommendationDuePast", r.DuePeriod, context.Period));
        }

        return errors;
    }

    public static Dictionary<string, string[]> Validate(FollowUp f)
    {
        ArgumentNullException.ThrowIfNull(f);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!FollowUpStatuses.All.Contains(f.Status))
        {
            errors["status"] = [Messages.Get("ObstacleChoice", Messages.Field("status"), string.Join(", ", FollowUpStatuses.All))];
        }
        else if (f.Status is FollowUpStatuses.Done or FollowUpStatuses.InProgress && string.IsNullOrWhiteSpace(f.Action))
        {
            errors["action"] = [Messages.Get("FollowUpAction")];
        }
        else if (f.Status == FollowUpStatuses.Cannot && string.IsNullOrWhiteSpace(f.Reason))
        {
            errors["reason"] = [Messages.Get("FollowUpReason")];
        }

        FieldRules.Text(errors, "action", f.Action, TextMax);
        FieldRules.Text(errors, "reason", f.Reason, TextMax);
        FieldRules.Text(errors, "evidence", f.Evidence, EvidenceMax);
        return errors;
    }

    /// <param name="verdict">The evaluator's verdict.</param>
    /// <param name="note">The evaluator's note.</param>
    /// <param name="reported">The region's follow-up status the verdict is on.</param>
    public static Dictionary<string, string[]> ValidateVerdict(string? verdict, string? note, string reported)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (verdict is null || !Verdicts.All.Contains(verdict))
        {
            errors["verdict"] = [Messages.Get("ObstacleChoice", Messages.Field("verdict"), string.Join(", ", Verdicts.All))];
            return errors;
        }

        var agrees = verdict == reported || (verdict == Verdicts.NotDone && reported is FollowUpStatuses.NotStarted);
        if (!agrees && string.IsNullOrWhiteSpace(note))
        {
            errors["note"] = [Messages.Get("VerificationNote")];
        }

        FieldRules.Text(errors, "note", note, TextMax);
        return errors;
    }
}
