using System.Globalization;

namespace Survey.Domain.Common;

/// <summary>A text in Bahasa Indonesia and English. Bahasa Indonesia is the default and the fallback.</summary>
/// <param name="Id">The Bahasa Indonesia text.</param>
/// <param name="En">The English text.</param>
public sealed record LocalizedText(string Id, string En)
{
    /// <summary>The text for <paramref name="culture"/>: English for any English culture, else Bahasa Indonesia.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(En) ? En : Id;
    }

    /// <summary>The text for the current UI culture.</summary>
    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
