using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Survey.Domain.Common;

/// <summary>
/// Canonical JSON of domain data and its SHA-256: the same content gives the same hash, whatever the
/// whitespace or key order of the file it came from.
/// </summary>
public static class ContentHash
{
    /// <summary>The serializer options of every stored definition (snake_case, enums as names).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        WriteIndented = false,
    };

    /// <summary>The canonical JSON of <paramref name="value"/>.</summary>
    public static string CanonicalJson<T>(T value) => JsonSerializer.Serialize(value, JsonOptions);

    /// <summary>The lowercase hex SHA-256 of the canonical JSON of <paramref name="value"/>.</summary>
    public static string Of<T>(T value) => OfText(CanonicalJson(value));

    /// <summary>The lowercase hex SHA-256 of a UTF-8 text.</summary>
    public static string OfText(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
}
