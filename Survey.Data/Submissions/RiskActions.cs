using System.Text.Json;
using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Data.Submissions;

/// <summary>A risk's action plan as stored: a JSON array of <c>{id, action, output, unit, due, cost}</c> (migration 0030).</summary>
internal static class RiskActions
{
    public static string ToJson(IReadOnlyList<RiskAction> actions) => JsonSerializer.Serialize(actions, ContentHash.JsonOptions);

    public static IReadOnlyList<RiskAction> FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<RiskAction>>(json, ContentHash.JsonOptions) ?? [];
}
