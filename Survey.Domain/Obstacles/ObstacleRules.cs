using Survey.Domain.Common;

namespace Survey.Domain.Obstacles;

/// <summary>What an obstacle may name: the region's programmes, units and risks, and the criteria's categories.</summary>
/// <param name="Categories">The category codes (the risk criteria's, one taxonomy for risks and obstacles).</param>
/// <param name="Programmes">The region's programme ids in the period.</param>
/// <param name="Risks">The region's risk ids in the period.</param>
/// <param name="Units">The region's unit codes.</param>
/// <param name="Today">The region's date today (a since date may not lie after it).</param>
public sealed record ObstacleContext(IReadOnlySet<string> Categories, IReadOnlySet<Guid> Programmes, IReadOnlySet<Guid> Risks, IReadOnlySet<string> Units, DateOnly Today);

/// <summary>The rules of an obstacle; the API, the page and the import share them.</summary>
public static class ObstacleRules
{
    public const int TextMax = 2000;
    public const int BodyMax = 200;

    /// <summary>Errors per field (snake_case, the API's names), in the current UI language; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(Obstacle obstacle, ObstacleContext context)
    {
        ArgumentNullException.ThrowIfNull(obstacle);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        if (string.IsNullOrWhiteSpace(obstacle.Category))
        {
            Add("category", Messages.Get("Required", Messages.Field("obstacle_category")));
        }
        else if (!context.Categories.Contains(obstacle.Category))
        {
            Add("category", Messages.Get("ObstacleUnknown", Messages.Field("obstacle_category"), obstacle.Category));
        }

        FieldRules.Text(errors, "description", obstacle.Description, TextMax, required: true);
        FieldRules.Text(errors, "cause", obstacle.Cause, TextMax);
        FieldRules.Text(errors, "impact", obstacle.Impact, TextMax);
        FieldRules.Text(errors, "solution", obstacle.Solution, TextMax);
        FieldRules.Text(errors, "preventive_step", obstacle.PreventiveStep, TextMax);
        FieldRules.Text(errors, "resolution", obstacle.Resolution, TextMax);
        FieldRules.Text(errors, "support_body", obstacle.SupportBody, BodyMax);
        FieldRules.Known(errors, "programme", obstacle.Programme, context.Programmes);
        FieldRules.Known(errors, "risk", obstacle.Risk, context.Risks);
        FieldRules.KnownCode(errors, "unit", obstacle.Unit, context.Units);
        FieldRules.KnownCode(errors, "responsible_unit", obstacle.ResponsibleUnit, context.Units);

        if (!SupportLevels.All.Contains(obstacle.SupportNeededFrom))
        {
            Add("support_needed_from", Messages.Get("ObstacleChoice", Messages.Field("support_needed_from"), string.Join(", ", SupportLevels.All)));
        }
        else if (obstacle.SupportNeededFrom == SupportLevels.Ministry && string.IsNullOrWhiteSpace(obstacle.SupportBody))
        {
            Add("support_body", Messages.Get("ObstacleSupportBody"));
        }

        if (!ObstacleStatuses.All.Contains(obstacle.Status))
        {
            Add("status", Messages.Get("ObstacleChoice", Messages.Field("status"), string.Join(", ", ObstacleStatuses.All)));
        }
        else if (obstacle.Status == ObstacleStatuses.Resolved && string.IsNullOrWhiteSpace(obstacle.Resolution))
        {
            Add("resolution", Messages.Get("ObstacleResolution"));
        }

        if (obstacle.Since is { } since && since > context.Today)
        {
            Add("since", Messages.Get("ObstacleSinceFuture", since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (obstacle.Since is { } from && obstacle.Due is { } due && due < from)
        {
            Add("due", Messages.Get("ObstacleDueBeforeSince", due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        return errors;
    }

    /// <summary>The obstacle with its texts trimmed and blank ones as <c>null</c>.</summary>
    public static Obstacle Normalize(Obstacle obstacle)
    {
        ArgumentNullException.ThrowIfNull(obstacle);
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return obstacle with
        {
            Category = Clean(obstacle.Category),
            Description = obstacle.Description?.Trim() ?? string.Empty,
            Cause = Clean(obstacle.Cause),
            Impact = Clean(obstacle.Impact),
            Solution = Clean(obstacle.Solution),
            PreventiveStep = Clean(obstacle.PreventiveStep),
            SupportNeededFrom = Clean(obstacle.SupportNeededFrom) ?? SupportLevels.Region,
            SupportBody = Clean(obstacle.SupportBody),
            Unit = Clean(obstacle.Unit),
            ResponsibleUnit = Clean(obstacle.ResponsibleUnit),
            Status = Clean(obstacle.Status) ?? ObstacleStatuses.Open,
            Resolution = Clean(obstacle.Resolution),
        };
    }
}
