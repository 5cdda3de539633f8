namespace Survey.Domain.Common;

/// <summary>The checks every free-text and reference field shares, with their messages in the current UI language.</summary>
public static class FieldRules
{
    /// <summary>A text: required when <paramref name="required"/>, at most <paramref name="max"/> characters, no control characters but line breaks and tabs.</summary>
    public static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.ContainsKey(field))
        {
            return;
        }

        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [Messages.Get("Required", Messages.Field(field))];
        }
        else if (value?.Length > max)
        {
            errors[field] = [Messages.Get("TooLong", Messages.Field(field), max)];
        }
        else if (value is not null && value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
        {
            errors[field] = [Messages.Get("ControlCharacters", Messages.Field(field))];
        }
    }

    /// <summary>A reference to something the region holds: refused when given and not among <paramref name="known"/>.</summary>
    public static void Known<T>(Dictionary<string, string[]> errors, string field, T? value, IReadOnlySet<T> known)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(known);
        if (value is { } given && !known.Contains(given))
        {
            errors.TryAdd(field, [Messages.Get("ObstacleUnknown", Messages.Field(field), given)]);
        }
    }

    /// <summary>A code (unit, dimension, …) the region holds: refused when given and not among <paramref name="known"/>.</summary>
    public static void KnownCode(Dictionary<string, string[]> errors, string field, string? value, IReadOnlySet<string> known, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(known);
        if (value is not null && !known.Contains(value))
        {
            errors.TryAdd(field, [Messages.Get("ObstacleUnknown", Messages.Field(name ?? field), value)]);
        }
    }
}
