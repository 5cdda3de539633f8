using Survey.Domain.Common;

namespace Survey.Domain.Catalogue;

/// <summary>
/// An indicator standard as data, e.g. SNI ISO 37122:2019: its themes (clauses) and indicators.
/// Indicators are keyed by standard and clause (<c>37122:16.1</c>), never by clause alone, because
/// ISO 37120 uses the same clause numbers for other indicators.
/// </summary>
/// <param name="Code">The standard's short code, the prefix of every key (<c>37122</c>).</param>
/// <param name="Standard">The standard's full name (<c>SNI ISO 37122:2019</c>).</param>
/// <param name="Edition">The edition year or label.</param>
/// <param name="Title">The standard's title.</param>
/// <param name="Themes">Themes in clause order.</param>
/// <param name="Indicators">Indicators in clause order.</param>
public sealed record IndicatorCatalogue(
    string Code,
    string Standard,
    string Edition,
    LocalizedText Title,
    IReadOnlyList<Theme> Themes,
    IReadOnlyList<Indicator> Indicators)
{
    /// <summary>The theme with <paramref name="code"/>, or <c>null</c>.</summary>
    public Theme? FindTheme(string code) => Themes.FirstOrDefault(t => t.Code == code);

    /// <summary>The indicator with <paramref name="key"/>, or <c>null</c>.</summary>
    public Indicator? Find(string key) => Indicators.FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A theme of the standard (one clause, e.g. 16 Solid waste / Sampah).</summary>
public sealed record Theme(string Code, int Clause, LocalizedText Name);

/// <summary>One indicator of the standard.</summary>
/// <param name="Key">Standard and clause, e.g. <c>37122:16.1</c>.</param>
/// <param name="Clause">The clause, e.g. <c>16.1</c>.</param>
/// <param name="ThemeCode">The theme it belongs to.</param>
/// <param name="Title">A short title in both languages.</param>
/// <param name="Unit">The unit as shown to users.</param>
/// <param name="Kind">What kind of value it is; decides the formula and the valid range.</param>
/// <param name="Factor">The value is <c>numerator / denominator * Factor</c> (100 for percentages, 100 000 for rates per 100 000).</param>
/// <param name="Numerator">What the numerator counts.</param>
/// <param name="Denominator">What the denominator counts.</param>
/// <param name="ConfirmedByPublicSource">Whether the wording was checked against a published indicator set.</param>
public sealed record Indicator(
    string Key,
    string Clause,
    string ThemeCode,
    LocalizedText Title,
    LocalizedText Unit,
    IndicatorKind Kind,
    decimal Factor,
    LocalizedText Numerator,
    LocalizedText Denominator,
    bool ConfirmedByPublicSource)
{
    /// <summary>The value computed from a numerator and a denominator; <c>null</c> when the denominator is zero.</summary>
    public decimal? Compute(decimal numerator, decimal denominator) =>
        denominator == 0 ? null : numerator / denominator * Factor;

    /// <summary>True for shares of a whole, whose numerator cannot exceed the denominator and whose value lies in 0-100.</summary>
    public bool IsShare => Kind == IndicatorKind.Percentage;
}

/// <summary>The kinds of indicator values.</summary>
public enum IndicatorKind
{
    /// <summary>A share of a whole, 0-100 (factor 100).</summary>
    Percentage,

    /// <summary>A rate per 100 000 population (factor 100 000; the denominator is the population).</summary>
    RatePer100000,

    /// <summary>A rate per 1 000 (factor 1 000).</summary>
    RatePer1000,

    /// <summary>A plain ratio or a quantity per unit (per capita, per km², GJ/GJ; factor 1).</summary>
    Ratio,

    /// <summary>An average duration in days (factor 1).</summary>
    Days,

    /// <summary>An average duration in hours (factor 1).</summary>
    Hours,
}

/// <summary>The names of <see cref="IndicatorKind"/> values in the data files.</summary>
public static class IndicatorKinds
{
    private static readonly Dictionary<string, IndicatorKind> ByName = new(StringComparer.Ordinal)
    {
        ["percentage"] = IndicatorKind.Percentage,
        ["rate_per_100000"] = IndicatorKind.RatePer100000,
        ["rate_per_1000"] = IndicatorKind.RatePer1000,
        ["ratio"] = IndicatorKind.Ratio,
        ["days"] = IndicatorKind.Days,
        ["hours"] = IndicatorKind.Hours,
    };

    /// <summary>Every name accepted in a data file.</summary>
    public static IReadOnlyCollection<string> Names => ByName.Keys;

    /// <summary>Parses a kind name; <c>false</c> for an unknown name.</summary>
    public static bool TryParse(string? name, out IndicatorKind kind) => ByName.TryGetValue(name ?? string.Empty, out kind);

    /// <summary>The data-file name of <paramref name="kind"/>.</summary>
    public static string NameOf(IndicatorKind kind) => ByName.First(kv => kv.Value == kind).Key;
}
