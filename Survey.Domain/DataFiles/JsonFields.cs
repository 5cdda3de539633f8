using System.Globalization;
using System.Text.Json;
using Survey.Domain.Common;

namespace Survey.Domain.DataFiles;

/// <summary>
/// Reads typed fields from a JSON data file and collects every problem with the file and entry it is in,
/// instead of stopping at the first.
/// </summary>
internal sealed class JsonFields(string file)
{
    public List<DataFileError> Errors { get; } = [];

    public string File => file;

    public void Error(string entry, string message) => Errors.Add(new DataFileError(file, entry, message));

    public bool TryParse(string content, out JsonDocument? document)
    {
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
            return true;
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var column = (ex.BytePositionInLine ?? 0) + 1;
            Error($"line {line}, column {column}", "malformed JSON (check commas, quotes and numbers: decimals use a point, e.g. 0.5)");
            document = null;
            return false;
        }
    }

    public string Str(JsonElement obj, string name, string entry, bool required = true)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value))
        {
            if (value.ValueKind == JsonValueKind.String && (!required || !string.IsNullOrWhiteSpace(value.GetString())))
            {
                return value.GetString()!.Trim();
            }

            Error(entry, $"'{name}' must be a non-empty text");
            return string.Empty;
        }

        if (required)
        {
            Error(entry, $"'{name}' is missing");
        }

        return string.Empty;
    }

    public decimal Num(JsonElement obj, string name, string entry, decimal? fallback = null)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            if (fallback is { } f)
            {
                return f;
            }

            Error(entry, $"'{name}' is missing");
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number))
        {
            return number;
        }

        Error(entry, $"'{name}' must be a number (found {Describe(value)})");
        return 0;
    }

    public int Int(JsonElement obj, string name, string entry)
    {
        var number = Num(obj, name, entry);
        if (number != decimal.Truncate(number) || number is > int.MaxValue or < int.MinValue)
        {
            Error(entry, $"'{name}' must be a whole number (found {number.ToString(CultureInfo.InvariantCulture)})");
            return 0;
        }

        return (int)number;
    }

    public bool Bool(JsonElement obj, string name, string entry, bool fallback)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value))
        {
            return fallback;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        Error(entry, $"'{name}' must be true or false (found {Describe(value)})");
        return fallback;
    }

    public LocalizedText Text(JsonElement obj, string name, string entry)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Object)
        {
            Error(entry, $"'{name}' must be an object with 'id' and 'en' texts");
            return new LocalizedText(string.Empty, string.Empty);
        }

        return new LocalizedText(Str(value, "id", $"{entry} {name}"), Str(value, "en", $"{entry} {name}"));
    }

    public IEnumerable<(JsonElement Item, int Index)> Array(JsonElement obj, string name, string entry)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            Error(entry, $"'{name}' must be a list");
            return [];
        }

        return value.EnumerateArray().Select((item, index) => (item, index)).ToList();
    }

    public JsonElement Object(JsonElement obj, string name, string entry)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object)
        {
            return value;
        }

        Error(entry, $"'{name}' must be an object");
        return default;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"\"{value.GetString()}\"",
        JsonValueKind.Null => "null",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        _ => value.GetRawText(),
    };
}
