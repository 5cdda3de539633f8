using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Survey.Domain.Methodology;

namespace Survey.Domain.Catalogue;

/// <summary>
/// Finds catalogue indicators by code or words, in Bahasa Indonesia or English. A query that looks like a
/// clause (<c>16.1</c>, <c>37122:16.1</c>) finds that indicator; words must all appear in its key, titles,
/// unit, theme name or dimension name (case and accents ignored).
/// </summary>
public static partial class IndicatorSearch
{
    /// <summary>The indicators that match, in catalogue order.</summary>
    public static IReadOnlyList<Indicator> Filter(IndicatorCatalogue catalogue, ScoringMethodology? methodology, string? query, string? theme, string? dimension)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        IEnumerable<Indicator> result = catalogue.Indicators;
        if (!string.IsNullOrWhiteSpace(theme))
        {
            result = result.Where(i => i.ThemeCode == theme.Trim());
        }

        if (!string.IsNullOrWhiteSpace(dimension) && methodology is not null)
        {
            result = result.Where(i => methodology.MappingOf(i.Key)?.Dimension == dimension.Trim());
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            return result.ToList();
        }

        var q = query.Trim();
        var code = ClausePattern().Match(q);
        if (code.Success)
        {
            var clause = code.Groups["clause"].Value;
            return result.Where(i => i.Clause == clause).ToList();
        }

        var terms = Normalize(q).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return result.Where(i =>
        {
            var text = Normalize(SearchText(catalogue, methodology, i));
            return terms.All(t => text.Contains(t, StringComparison.Ordinal));
        }).ToList();
    }

    private static string SearchText(IndicatorCatalogue catalogue, ScoringMethodology? methodology, Indicator i)
    {
        var builder = new StringBuilder()
            .Append(i.Key).Append(' ').Append(i.Title.Id).Append(' ').Append(i.Title.En).Append(' ')
            .Append(i.Unit.Id).Append(' ').Append(i.Unit.En).Append(' ')
            .Append(i.Numerator.Id).Append(' ').Append(i.Numerator.En);
        if (catalogue.FindTheme(i.ThemeCode) is { } theme)
        {
            builder.Append(' ').Append(theme.Name.Id).Append(' ').Append(theme.Name.En);
        }

        if (methodology?.MappingOf(i.Key) is { } mapping && methodology.FindDimension(mapping.Dimension) is { } dimension)
        {
            builder.Append(' ').Append(dimension.Name.Id).Append(' ').Append(dimension.Name.En);
        }

        return builder.ToString();
    }

    /// <summary>Lowercase, without accents, punctuation folded to spaces.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) || c == '.' || c == ':' ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString();
    }

    [GeneratedRegex("^(?:37122:)?(?<clause>[0-9]{1,2}\\.[0-9]{1,2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ClausePattern();
}
