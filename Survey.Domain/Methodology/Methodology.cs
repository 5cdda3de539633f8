using Survey.Domain.Common;

namespace Survey.Domain.Methodology;

/// <summary>
/// How scores are computed, as versioned data: dimensions and their elements, the mapping of every
/// catalogue indicator to one dimension and element with its weight and goalposts, component weights,
/// thresholds and the predicate bands of the 1-5 index.
/// </summary>
/// <param name="Version">The version label, e.g. <c>v1</c>.</param>
/// <param name="Title">A title in both languages.</param>
/// <param name="CatalogueCode">The catalogue whose indicators it maps.</param>
/// <param name="Dimensions">The dimensions in display order.</param>
/// <param name="ComponentWeights">Weights of the indicator, programme and perception components.</param>
/// <param name="MinimumCoverage">Share of a dimension's indicators that must have a value (0-1].</param>
/// <param name="MinimumRespondents">Complete responses needed for the perception component.</param>
/// <param name="PredicateBands">Bands on the 1-5 index, highest first.</param>
/// <param name="MaturityLevels">The five maturity levels of flagship programmes.</param>
/// <param name="RiskBands">Bands of the risk rating (likelihood x impact), lowest first.</param>
/// <param name="Indicators">One mapping per catalogue indicator.</param>
public sealed record ScoringMethodology(
    string Version,
    LocalizedText Title,
    string CatalogueCode,
    IReadOnlyList<Dimension> Dimensions,
    ComponentWeights ComponentWeights,
    decimal MinimumCoverage,
    int MinimumRespondents,
    IReadOnlyList<PredicateBand> PredicateBands,
    IReadOnlyList<MaturityLevel> MaturityLevels,
    IReadOnlyList<RiskBand> RiskBands,
    IReadOnlyList<IndicatorMapping> Indicators)
{
    /// <summary>The mapping of <paramref name="key"/>, or <c>null</c> when the indicator is not mapped.</summary>
    public IndicatorMapping? MappingOf(string key) =>
        Indicators.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The dimension with <paramref name="code"/>, or <c>null</c>.</summary>
    public Dimension? FindDimension(string code) => Dimensions.FirstOrDefault(d => d.Code == code);

    /// <summary>The predicate band that <paramref name="index"/> (1-5) falls in: the first band whose minimum it reaches.</summary>
    public PredicateBand PredicateFor(decimal index) =>
        PredicateBands.FirstOrDefault(b => index >= b.Minimum) ?? PredicateBands[^1];

    /// <summary>The risk band of a rating (likelihood x impact, 1-25).</summary>
    public RiskBand RiskBandFor(int rating) =>
        RiskBands.LastOrDefault(b => rating >= b.Minimum) ?? RiskBands[0];
}

/// <summary>A dimension (e.g. Smart Governance) with its three elements.</summary>
public sealed record Dimension(string Code, LocalizedText Name, IReadOnlyList<DimensionElement> Elements);

/// <summary>An element of a dimension (e.g. Pelayanan publik).</summary>
public sealed record DimensionElement(string Code, LocalizedText Name);

/// <summary>The weights of a dimension's three components.</summary>
public sealed record ComponentWeights(decimal Indicators, decimal Programmes, decimal Perception);

/// <summary>A predicate band: an index at or above <paramref name="Minimum"/> (and below the next band) earns it.</summary>
public sealed record PredicateBand(LocalizedText Name, decimal Minimum);

/// <summary>A maturity level (1-5) of a flagship programme, with what it means.</summary>
public sealed record MaturityLevel(int Level, LocalizedText Name, LocalizedText Description);

/// <summary>A band of the risk rating: a rating at or above <paramref name="Minimum"/> (and below the next band).</summary>
public sealed record RiskBand(string Code, LocalizedText Name, int Minimum);

/// <summary>
/// Where one indicator counts: its dimension and element, weight, and goalposts. A score is
/// <c>100 * clamp((x - Worst) / (Best - Worst), 0, 1)</c>; <c>Best &lt; Worst</c> means lower is better.
/// </summary>
public sealed record IndicatorMapping(string Key, string Dimension, string Element, decimal Weight, decimal Worst, decimal Best, string Rationale)
{
    /// <summary>True when a lower value is better.</summary>
    public bool LowerIsBetter => Best < Worst;
}
