using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using Survey.Domain.Catalogue;
using Survey.Domain.Methodology;

namespace Survey.Domain.DataFiles;

/// <summary>The rules of a catalogue file.</summary>
public sealed class CatalogueValidator : AbstractValidator<IndicatorCatalogue>
{
    public CatalogueValidator()
    {
        RuleFor(c => c.Code).Matches("^[0-9A-Za-z-]+$").WithMessage("'code' must be a short code such as 37122");
        RuleFor(c => c.Themes).NotEmpty().WithMessage("at least one theme is needed");
        RuleFor(c => c).Custom((catalogue, context) =>
        {
            var seenThemes = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < catalogue.Themes.Count; i++)
            {
                if (!seenThemes.Add(catalogue.Themes[i].Code))
                {
                    context.AddFailure(Failure($"themes[{i}]", $"duplicate theme code '{catalogue.Themes[i].Code}'"));
                }
            }

            var firstIndex = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < catalogue.Indicators.Count; i++)
            {
                var indicator = catalogue.Indicators[i];
                var entry = $"indicators[{i}] ({indicator.Key})";
                if (firstIndex.TryGetValue(indicator.Key, out var first))
                {
                    context.AddFailure(Failure(entry, $"duplicate key '{indicator.Key}' (first at indicators[{first}])"));
                }
                else
                {
                    firstIndex[indicator.Key] = i;
                }

                if (indicator.Key != $"{catalogue.Code}:{indicator.Clause}")
                {
                    context.AddFailure(Failure(entry, $"key must be '{catalogue.Code}:<clause>' (expected '{catalogue.Code}:{indicator.Clause}')"));
                }

                if (!seenThemes.Contains(indicator.ThemeCode))
                {
                    context.AddFailure(Failure(entry, $"unknown theme '{indicator.ThemeCode}'"));
                }
                else if (!indicator.Clause.StartsWith(indicator.ThemeCode + ".", StringComparison.Ordinal))
                {
                    context.AddFailure(Failure(entry, $"clause {indicator.Clause} does not belong to theme {indicator.ThemeCode}"));
                }

                if (indicator.Factor <= 0)
                {
                    context.AddFailure(Failure(entry, "factor must be greater than 0"));
                }

                var expectedFactor = indicator.Kind switch
                {
                    IndicatorKind.Percentage => 100m,
                    IndicatorKind.RatePer100000 => 100_000m,
                    IndicatorKind.RatePer1000 => 1_000m,
                    _ => (decimal?)null,
                };
                if (expectedFactor is { } factor && indicator.Factor != factor)
                {
                    context.AddFailure(Failure(entry, $"kind {IndicatorKinds.NameOf(indicator.Kind)} needs factor {factor.ToString(CultureInfo.InvariantCulture)}"));
                }
            }
        });
    }

    internal static ValidationFailure Failure(string entry, string message) => new(entry, message) { CustomState = entry };
}

/// <summary>The rules of a methodology file, checked against the catalogue it maps.</summary>
public sealed class MethodologyValidator : AbstractValidator<ScoringMethodology>
{
    public MethodologyValidator(IndicatorCatalogue? catalogue)
    {
        RuleFor(m => m.Version).Matches("^v[0-9]+$").WithMessage("'version' must look like v1, v2, ...");
        RuleFor(m => m.Dimensions).NotEmpty().WithMessage("at least one dimension is needed");
        RuleFor(m => m.ComponentWeights).Must(w => w.Indicators >= 0 && w.Programmes >= 0 && w.Perception >= 0 && w.Indicators + w.Programmes + w.Perception > 0)
            .WithMessage("component weights must not be negative and must not all be 0");
        RuleFor(m => m.MinimumCoverage).GreaterThan(0).LessThanOrEqualTo(1).WithMessage("minimum_coverage must be above 0 and at most 1");
        RuleFor(m => m.MinimumRespondents).GreaterThanOrEqualTo(1).WithMessage("minimum_respondents must be at least 1");
        RuleFor(m => m.PredicateBands).NotEmpty().WithMessage("at least one predicate band is needed")
            .Must(bands => bands.Zip(bands.Skip(1)).All(pair => pair.First.Minimum > pair.Second.Minimum))
            .WithMessage("bands must be ordered from the highest minimum down, each lower than the one before")
            .Must(bands => bands.Count == 0 || bands[^1].Minimum <= 1)
            .WithMessage("the lowest band must start at 1 or below, so that every index has a predicate");
        RuleFor(m => m.MaturityLevels).Must(levels => levels.Select(l => l.Level).SequenceEqual([1, 2, 3, 4, 5]))
            .WithMessage("maturity_levels must be the levels 1, 2, 3, 4 and 5 in order");
        RuleFor(m => m.RiskBands).NotEmpty().WithMessage("at least one risk band is needed")
            .Must(bands => bands.Count > 0 && bands[0].Minimum == 1 && bands.Zip(bands.Skip(1)).All(p => p.First.Minimum < p.Second.Minimum) && bands[^1].Minimum <= 25)
            .WithMessage("risk bands must start at 1 and rise, each higher than the one before, up to at most 25");

        RuleFor(m => m).Custom((methodology, context) =>
        {
            var dimensions = new Dictionary<string, Dimension>(StringComparer.Ordinal);
            for (var i = 0; i < methodology.Dimensions.Count; i++)
            {
                var dimension = methodology.Dimensions[i];
                if (!dimensions.TryAdd(dimension.Code, dimension))
                {
                    context.AddFailure(CatalogueValidator.Failure($"dimensions[{i}]", $"duplicate dimension '{dimension.Code}'"));
                }

                if (dimension.Elements.Count == 0 || dimension.Elements.Select(e => e.Code).Distinct(StringComparer.Ordinal).Count() != dimension.Elements.Count)
                {
                    context.AddFailure(CatalogueValidator.Failure($"dimensions[{i}]", $"dimension '{dimension.Code}' needs elements with distinct codes"));
                }
            }

            if (catalogue is not null && methodology.CatalogueCode != catalogue.Code)
            {
                context.AddFailure(CatalogueValidator.Failure("catalogue", $"maps catalogue '{methodology.CatalogueCode}' but the catalogue is '{catalogue.Code}'"));
            }

            var mapped = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < methodology.Indicators.Count; i++)
            {
                var mapping = methodology.Indicators[i];
                var entry = $"indicators[{i}] ({mapping.Key})";
                if (mapped.TryGetValue(mapping.Key, out var first))
                {
                    context.AddFailure(CatalogueValidator.Failure(entry, $"indicator {mapping.Key} is mapped more than once (first at indicators[{first}])"));
                }
                else
                {
                    mapped[mapping.Key] = i;
                }

                if (catalogue is not null && catalogue.Find(mapping.Key) is null)
                {
                    context.AddFailure(CatalogueValidator.Failure(entry, $"indicator {mapping.Key} is not in catalogue {catalogue.Code}"));
                }

                if (!dimensions.TryGetValue(mapping.Dimension, out var dimension))
                {
                    context.AddFailure(CatalogueValidator.Failure(entry, $"unknown dimension '{mapping.Dimension}' (known: {string.Join(", ", dimensions.Keys)})"));
                }
                else if (dimension.Elements.All(e => e.Code != mapping.Element))
                {
                    context.AddFailure(CatalogueValidator.Failure(entry, $"unknown element '{mapping.Element}' of dimension '{mapping.Dimension}' (known: {string.Join(", ", dimension.Elements.Select(e => e.Code))})"));
                }

                if (mapping.Weight <= 0)
                {
                    context.AddFailure(CatalogueValidator.Failure(entry, $"weight must be greater than 0 (found {mapping.Weight.ToString(CultureInfo.InvariantCulture)})"));
                }

                if (mapping.Worst == mapping.Best)
                {
                    context.AddFailure(CatalogueValidator.Failure(entry, $"worst and best must differ (both {mapping.Worst.ToString(CultureInfo.InvariantCulture)})"));
                }
            }

            if (catalogue is not null)
            {
                foreach (var indicator in catalogue.Indicators.Where(ind => !mapped.ContainsKey(ind.Key)))
                {
                    context.AddFailure(CatalogueValidator.Failure("indicators", $"indicator {indicator.Key} of the catalogue is not mapped"));
                }
            }
        });
    }
}
