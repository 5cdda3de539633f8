using System.Globalization;
using System.Text.RegularExpressions;

namespace Survey.Domain.Common;

/// <summary>
/// Reads numbers as Indonesian users type them (<c>12,5</c>, <c>1.234,5</c>) and as machines write them
/// (<c>12.5</c>, <c>1234.5</c>). A dot followed by exactly three digits in groups (<c>1.234</c>) is a thousands
/// separator, as in id-ID; any other single dot is a decimal point.
/// </summary>
public static partial class DecimalInput
{
    /// <summary>Parses <paramref name="text"/>; <c>false</c> for anything that is not a finite number.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\u00A0", string.Empty, StringComparison.Ordinal);
        if (s.Length > 40 || !Allowed().IsMatch(s))
        {
            return false;
        }

        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        string normalized;
        if (lastComma >= 0 && lastDot >= 0)
        {
            // Both separators: the last one is the decimal separator.
            normalized = lastComma > lastDot
                ? s.Replace(".", string.Empty, StringComparison.Ordinal).Replace(',', '.')
                : s.Replace(",", string.Empty, StringComparison.Ordinal);
            if (!GroupsValid(lastComma > lastDot ? s[..lastComma] : s[..lastDot], lastComma > lastDot ? '.' : ','))
            {
                return false;
            }
        }
        else if (lastComma >= 0)
        {
            // A comma alone is the id-ID decimal comma; several commas are not a number.
            if (s.Count(c => c == ',') > 1)
            {
                return false;
            }

            normalized = s.Replace(',', '.');
        }
        else if (lastDot >= 0 && (s.Count(c => c == '.') > 1 || IdThousands().IsMatch(s)))
        {
            if (!IdThousands().IsMatch(s))
            {
                return false;
            }

            normalized = s.Replace(".", string.Empty, StringComparison.Ordinal);
        }
        else
        {
            normalized = s;
        }

        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool GroupsValid(string integerPart, char groupSeparator)
    {
        var unsigned = integerPart.TrimStart('-', '+');
        var groups = unsigned.Split(groupSeparator);
        return groups.Length == 1 || (groups[0].Length is >= 1 and <= 3 && groups.Skip(1).All(g => g.Length == 3));
    }

    [GeneratedRegex("^[+-]?[0-9.,]*[0-9][0-9.,]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();

    [GeneratedRegex("^[+-]?[0-9]{1,3}(\\.[0-9]{3})+$", RegexOptions.CultureInvariant)]
    private static partial Regex IdThousands();
}
