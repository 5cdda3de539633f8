using Survey.Domain.Catalogue;
using Survey.Domain.Common;

namespace Survey.Web.Features.Catalogue;

public sealed record TextResponse(string Id, string En)
{
    public static TextResponse From(LocalizedText text) => new(text.Id, text.En);
}

public sealed record ThemeResponse(string Code, TextResponse Name);

public sealed record IndicatorResponse(
    string Key,
    string Clause,
    ThemeResponse Theme,
    TextResponse Title,
    TextResponse Unit,
    string Kind,
    decimal Factor,
    TextResponse Numerator,
    TextResponse Denominator)
{
    public static IndicatorResponse From(IndicatorCatalogue catalogue, Indicator i)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(i);
        var theme = catalogue.FindTheme(i.ThemeCode)!;
        return new IndicatorResponse(i.Key, i.Clause, new ThemeResponse(theme.Code, TextResponse.From(theme.Name)), TextResponse.From(i.Title),
            TextResponse.From(i.Unit), IndicatorKinds.NameOf(i.Kind), i.Factor, TextResponse.From(i.Numerator), TextResponse.From(i.Denominator));
    }
}

public sealed record ElementResponse(string Code, TextResponse Name);

public sealed record DimensionResponse(string Code, TextResponse Name, IReadOnlyList<ElementResponse> Elements);

public sealed record MappingResponse(string Dimension, string Element, decimal Weight, decimal Worst, decimal Best, bool LowerIsBetter, string Rationale);

public sealed record ComponentWeightsResponse(decimal Indicators, decimal Programmes, decimal Perception);

public sealed record BandResponse(TextResponse Name, decimal Minimum);

public sealed record MethodologyResponse(
    string Version,
    int Revision,
    string ContentHash,
    TextResponse Title,
    IReadOnlyList<DimensionResponse> Dimensions,
    IReadOnlyDictionary<string, MappingResponse> Indicators,
    ComponentWeightsResponse ComponentWeights,
    decimal MinimumCoverage,
    int MinimumRespondents,
    IReadOnlyList<BandResponse> PredicateBands)
{
    public static MethodologyResponse From(StoredMethodology stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var m = stored.Definition;
        return new MethodologyResponse(
            stored.Version,
            stored.Revision,
            stored.ContentHash,
            TextResponse.From(m.Title),
            m.Dimensions.Select(d => new DimensionResponse(d.Code, TextResponse.From(d.Name), d.Elements.Select(e => new ElementResponse(e.Code, TextResponse.From(e.Name))).ToList())).ToList(),
            m.Indicators.ToDictionary(i => i.Key, i => new MappingResponse(i.Dimension, i.Element, i.Weight, i.Worst, i.Best, i.LowerIsBetter, i.Rationale)),
            new ComponentWeightsResponse(m.ComponentWeights.Indicators, m.ComponentWeights.Programmes, m.ComponentWeights.Perception),
            m.MinimumCoverage,
            m.MinimumRespondents,
            m.PredicateBands.Select(b => new BandResponse(TextResponse.From(b.Name), b.Minimum)).ToList());
    }
}
