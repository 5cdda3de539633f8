using Survey.Domain.Catalogue;
using Survey.Domain.Methodology;

namespace Survey.Web.Features.Catalogue;

public sealed record IndicatorRowViewModel(Indicator Indicator, Dimension? Dimension, DimensionElement? Element);

public sealed record ThemeGroupViewModel(Theme Theme, IReadOnlyList<IndicatorRowViewModel> Rows);

public sealed record IndicatorListViewModel(
    string Standard,
    string? Query,
    string? Theme,
    string? Dimension,
    IReadOnlyList<Theme> Themes,
    IReadOnlyList<Dimension> Dimensions,
    IReadOnlyList<ThemeGroupViewModel> Groups,
    int Found,
    int Total)
{
    public static IndicatorListViewModel From(IndicatorCatalogue catalogue, StoredMethodology? methodology, IReadOnlyList<Indicator> found, string? query, string? theme, string? dimension)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(found);
        var definition = methodology?.Definition;
        var groups = found
            .GroupBy(i => i.ThemeCode)
            .Select(g => new ThemeGroupViewModel(
                catalogue.FindTheme(g.Key)!,
                g.Select(i => Row(definition, i)).ToList()))
            .ToList();
        return new IndicatorListViewModel(catalogue.Standard, query, theme, dimension, catalogue.Themes, definition?.Dimensions ?? [], groups, found.Count, catalogue.Indicators.Count);
    }

    internal static IndicatorRowViewModel Row(ScoringMethodology? methodology, Indicator indicator)
    {
        var mapping = methodology?.MappingOf(indicator.Key);
        var dimension = mapping is null ? null : methodology!.FindDimension(mapping.Dimension);
        return new IndicatorRowViewModel(indicator, dimension, dimension?.Elements.FirstOrDefault(e => e.Code == mapping!.Element));
    }
}

public sealed record IndicatorDetailViewModel(
    string Standard,
    Indicator Indicator,
    Theme Theme,
    Dimension? Dimension,
    DimensionElement? Element,
    IndicatorMapping? Mapping,
    string? MethodologyLabel)
{
    public static IndicatorDetailViewModel From(IndicatorCatalogue catalogue, Indicator indicator, StoredMethodology? methodology)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(indicator);
        var row = IndicatorListViewModel.Row(methodology?.Definition, indicator);
        return new IndicatorDetailViewModel(catalogue.Standard, indicator, catalogue.FindTheme(indicator.ThemeCode)!, row.Dimension, row.Element,
            methodology?.Definition.MappingOf(indicator.Key), methodology?.Label);
    }
}
