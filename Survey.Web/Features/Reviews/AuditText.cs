using System.Globalization;
using System.Text.Json;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Reviews;

/// <summary>An audit value (JSON) as one short line for people: the value, a level, a state, or the JSON itself.</summary>
public static class AuditText
{
    public static string Summary(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return "–";
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Shorten(root.GetRawText());
            }

            var parts = new List<string>();
            if (Get(root, "value") is { ValueKind: JsonValueKind.Number } value)
            {
                parts.Add(Format.Number(value.GetDecimal()));
            }

            if (Get(root, "not_available_reason") is { ValueKind: JsonValueKind.String } reason)
            {
                parts.Add((CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? "not available: " : "tidak tersedia: ") + reason.GetString());
            }

            foreach (var name in new[] { "name", "maturity_level", "verified_level", "state", "status", "reason", "file_name", "url" })
            {
                if (Get(root, name) is { } element && element.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    parts.Add($"{name}: {(element.ValueKind == JsonValueKind.Number ? Format.Number(element.GetDecimal()) : element.GetString())}");
                }
            }

            return parts.Count > 0 ? Shorten(string.Join(" · ", parts)) : Shorten(root.GetRawText());
        }
        catch (JsonException)
        {
            return Shorten(json);
        }
    }

    private static JsonElement? Get(JsonElement element, string name) =>
        element.TryGetProperty(name, out var found) && found.ValueKind != JsonValueKind.Null ? found : null;

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
