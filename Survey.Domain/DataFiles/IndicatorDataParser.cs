using System.Text.Json;
using FluentValidation;
using Survey.Domain.Catalogue;
using Survey.Domain.Methodology;

namespace Survey.Domain.DataFiles;

/// <summary>The catalogue and every methodology version, parsed and validated together.</summary>
/// <param name="Catalogue">The indicator catalogue.</param>
/// <param name="Methodologies">Every methodology version, by version label order.</param>
public sealed record IndicatorData(IndicatorCatalogue Catalogue, IReadOnlyList<ScoringMethodology> Methodologies)
{
    /// <summary>Every questionnaire version.</summary>
    public IReadOnlyList<Surveys.Questionnaire> Questionnaires { get; init; } = [];

    /// <summary>Every version of the risk criteria (<c>risk/*.json</c>).</summary>
    public IReadOnlyList<Risks.RiskCriteria> RiskCriteria { get; init; } = [];

    /// <summary>The questionnaire with <paramref name="version"/>, or <c>null</c>.</summary>
    public Surveys.Questionnaire? Questionnaire(string version) =>
        Questionnaires.FirstOrDefault(q => string.Equals(q.Version, version, StringComparison.OrdinalIgnoreCase));

    /// <summary>The methodology with <paramref name="version"/>, or <c>null</c>.</summary>
    public ScoringMethodology? Methodology(string version) =>
        Methodologies.FirstOrDefault(m => string.Equals(m.Version, version, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The one parser of the <c>indicators/</c> folder: <c>catalogue/*.json</c> (exactly one catalogue) and
/// <c>methodology/*.json</c> (one version per file). Everything is validated before anything is returned:
/// a bad file yields a <see cref="DataFileException"/> naming the file, the entry and the rule broken.
/// </summary>
public static class IndicatorDataParser
{
    public const string CatalogueFolder = "catalogue/";
    public const string MethodologyFolder = "methodology/";

    /// <summary>Parses and validates every catalogue and methodology file among <paramref name="files"/>.</summary>
    /// <exception cref="DataFileException">Any file is malformed or breaks a rule.</exception>
    public static IndicatorData Parse(IEnumerable<DataFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var list = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        var errors = new List<DataFileError>();

        var catalogueFiles = list.Where(f => IsJsonIn(f, CatalogueFolder)).ToList();
        if (catalogueFiles.Count != 1)
        {
            throw new DataFileException([new DataFileError(CatalogueFolder, string.Empty, $"exactly one catalogue file is expected (found {catalogueFiles.Count})")]);
        }

        var catalogue = ParseCatalogue(catalogueFiles[0], errors);
        var methodologies = new List<ScoringMethodology>();
        foreach (var file in list.Where(f => IsJsonIn(f, MethodologyFolder)))
        {
            var methodology = ParseMethodology(file, catalogue, errors);
            if (methodology is not null)
            {
                if (methodologies.Any(m => m.Version == methodology.Version))
                {
                    errors.Add(new DataFileError(file.Name, "version", $"version '{methodology.Version}' is defined by another file too"));
                }

                methodologies.Add(methodology);
            }
        }

        if (methodologies.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DataFileError(MethodologyFolder, string.Empty, "no methodology file found"));
        }

        var dimensions = methodologies.SelectMany(m => m.Dimensions.Select(d => d.Code)).Distinct().ToList();
        var questionnaires = new List<Surveys.Questionnaire>();
        foreach (var file in list.Where(f => IsJsonIn(f, QuestionnaireParser.Folder)))
        {
            if (QuestionnaireParser.Parse(file, dimensions, errors) is { } questionnaire)
            {
                questionnaires.Add(questionnaire);
            }
        }

        var riskCriteria = new List<Risks.RiskCriteria>();
        foreach (var file in list.Where(f => IsJsonIn(f, RiskCriteriaParser.Folder)))
        {
            if (RiskCriteriaParser.Parse(file, errors) is { } criteria)
            {
                if (riskCriteria.Any(r => r.Version == criteria.Version))
                {
                    errors.Add(new DataFileError(file.Name, "version", $"version '{criteria.Version}' is defined by another file too"));
                }

                riskCriteria.Add(criteria);
            }
        }

        if (errors.Count > 0 || catalogue is null)
        {
            throw new DataFileException(errors);
        }

        return new IndicatorData(catalogue, methodologies) { Questionnaires = questionnaires, RiskCriteria = riskCriteria };
    }

    /// <summary>Parses and validates one catalogue file; errors are added to <paramref name="errors"/>.</summary>
    public static IndicatorCatalogue? ParseCatalogue(DataFile file, List<DataFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(errors);
        var json = new JsonFields(file.Name);
        if (!json.TryParse(file.Content, out var document))
        {
            errors.AddRange(json.Errors);
            return null;
        }

        using (document)
        {
            var root = document!.RootElement;
            var themes = json.Array(root, "themes", "themes")
                .Select(t => new Theme(json.Str(t.Item, "code", $"themes[{t.Index}]"), json.Int(t.Item, "clause", $"themes[{t.Index}]"), json.Text(t.Item, "name", $"themes[{t.Index}]")))
                .ToList();
            var indicators = new List<Indicator>();
            foreach (var (item, index) in json.Array(root, "indicators", "indicators"))
            {
                var entry = $"indicators[{index}]";
                var key = json.Str(item, "key", entry);
                if (key.Length > 0)
                {
                    entry += $" ({key})";
                }

                var kindName = json.Str(item, "kind", entry);
                if (!IndicatorKinds.TryParse(kindName, out var kind) && kindName.Length > 0)
                {
                    json.Error(entry, $"unknown kind '{kindName}' (known: {string.Join(", ", IndicatorKinds.Names)})");
                }

                indicators.Add(new Indicator(
                    key,
                    json.Str(item, "clause", entry),
                    json.Str(item, "theme", entry),
                    json.Text(item, "title", entry),
                    json.Text(item, "unit", entry),
                    kind,
                    json.Num(item, "factor", entry),
                    json.Text(item, "numerator", entry),
                    json.Text(item, "denominator", entry),
                    json.Bool(item, "confirmed_by_public_source", entry, fallback: false)));
            }

            var catalogue = new IndicatorCatalogue(
                json.Str(root, "code", "code"),
                json.Str(root, "standard", "standard"),
                json.Str(root, "edition", "edition"),
                json.Text(root, "title", "title"),
                themes,
                indicators);
            errors.AddRange(json.Errors);
            if (json.Errors.Count > 0)
            {
                return null;
            }

            var before = errors.Count;
            AddFailures(errors, file.Name, new CatalogueValidator().Validate(catalogue), i => catalogue.Indicators.ElementAtOrDefault(i)?.Key);
            return errors.Count == before ? catalogue : null;
        }
    }

    /// <summary>Parses and validates one methodology file against <paramref name="catalogue"/>.</summary>
    public static ScoringMethodology? ParseMethodology(DataFile file, IndicatorCatalogue? catalogue, List<DataFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(errors);
        var json = new JsonFields(file.Name);
        if (!json.TryParse(file.Content, out var document))
        {
            errors.AddRange(json.Errors);
            return null;
        }

        using (document)
        {
            var root = document!.RootElement;
            var dimensions = json.Array(root, "dimensions", "dimensions").Select(d => new Dimension(
                json.Str(d.Item, "code", $"dimensions[{d.Index}]"),
                json.Text(d.Item, "name", $"dimensions[{d.Index}]"),
                json.Array(d.Item, "elements", $"dimensions[{d.Index}]").Select(e => new DimensionElement(
                    json.Str(e.Item, "code", $"dimensions[{d.Index}].elements[{e.Index}]"),
                    json.Text(e.Item, "name", $"dimensions[{d.Index}].elements[{e.Index}]"))).ToList())).ToList();
            var weights = json.Object(root, "component_weights", "component_weights");
            var componentWeights = new ComponentWeights(
                json.Num(weights, "indicators", "component_weights"),
                json.Num(weights, "programmes", "component_weights"),
                json.Num(weights, "perception", "component_weights"));
            var bands = json.Array(root, "predicate_bands", "predicate_bands").Select(b => new PredicateBand(
                json.Text(b.Item, "name", $"predicate_bands[{b.Index}]"),
                json.Num(b.Item, "minimum", $"predicate_bands[{b.Index}]"))).ToList();
            var levels = json.Array(root, "maturity_levels", "maturity_levels").Select(l => new MaturityLevel(
                json.Int(l.Item, "level", $"maturity_levels[{l.Index}]"),
                json.Text(l.Item, "name", $"maturity_levels[{l.Index}]"),
                json.Text(l.Item, "description", $"maturity_levels[{l.Index}]"))).ToList();
            var riskBands = json.Array(root, "risk_bands", "risk_bands").Select(r => new RiskBand(
                json.Str(r.Item, "code", $"risk_bands[{r.Index}]"),
                json.Text(r.Item, "name", $"risk_bands[{r.Index}]"),
                json.Int(r.Item, "minimum", $"risk_bands[{r.Index}]"))).ToList();
            var mappings = new List<IndicatorMapping>();
            foreach (var (item, index) in json.Array(root, "indicators", "indicators"))
            {
                var entry = $"indicators[{index}]";
                var key = json.Str(item, "key", entry);
                if (key.Length > 0)
                {
                    entry += $" ({key})";
                }

                mappings.Add(new IndicatorMapping(
                    key,
                    json.Str(item, "dimension", entry),
                    json.Str(item, "element", entry),
                    json.Num(item, "weight", entry, fallback: 1m),
                    json.Num(item, "worst", entry),
                    json.Num(item, "best", entry),
                    json.Str(item, "rationale", entry)));
            }

            var methodology = new ScoringMethodology(
                json.Str(root, "version", "version"),
                json.Text(root, "title", "title"),
                json.Str(root, "catalogue", "catalogue"),
                dimensions,
                componentWeights,
                json.Num(root, "minimum_coverage", "minimum_coverage"),
                json.Int(root, "minimum_respondents", "minimum_respondents"),
                bands,
                levels,
                riskBands,
                mappings);
            errors.AddRange(json.Errors);
            if (json.Errors.Count > 0)
            {
                return null;
            }

            var before = errors.Count;
            AddFailures(errors, file.Name, new MethodologyValidator(catalogue).Validate(methodology), i => methodology.Indicators.ElementAtOrDefault(i)?.Key);
            return errors.Count == before ? methodology : null;
        }
    }

    private static bool IsJsonIn(DataFile file, string folder) =>
        file.Name.Replace('\\', '/').StartsWith(folder, StringComparison.Ordinal)
        && file.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Turns validator failures into data-file errors whose entry reads like the file (<c>indicators[3] (37122:6.1)</c>).</summary>
    private static void AddFailures(List<DataFileError> errors, string file, FluentValidation.Results.ValidationResult result, Func<int, string?> keyAt)
    {
        foreach (var failure in result.Errors)
        {
            var entry = failure.CustomState as string ?? EntryOf(failure.PropertyName, keyAt);
            errors.Add(new DataFileError(file, entry, failure.ErrorMessage));
        }
    }

    private static string EntryOf(string propertyName, Func<int, string?> keyAt)
    {
        var head = propertyName.Split('.')[0];
        var snake = JsonNamingPolicy.SnakeCaseLower.ConvertName(head.Split('[')[0]) + (head.Contains('[', StringComparison.Ordinal) ? head[head.IndexOf('[', StringComparison.Ordinal)..] : string.Empty);
        if (snake.StartsWith("indicators[", StringComparison.Ordinal)
            && int.TryParse(snake.AsSpan(11, snake.Length - 12), System.Globalization.CultureInfo.InvariantCulture, out var index)
            && keyAt(index) is { Length: > 0 } key)
        {
            return $"{snake} ({key})";
        }

        return snake;
    }
}
