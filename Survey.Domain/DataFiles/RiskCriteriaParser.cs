using System.Text.Json;
using System.Text.RegularExpressions;
using Survey.Domain.Common;
using Survey.Domain.Risks;

namespace Survey.Domain.DataFiles;

/// <summary>
/// Parses and validates <c>risk/*.json</c> like the methodology: every problem named by file, entry and rule. A
/// valid file has five likelihood and five impact levels in order, a criterion per impact area at every impact
/// level, a 5x5 matrix whose magnitudes are 1-25 each once and grow with likelihood and impact, bands from 1 to 25
/// without gaps or overlaps, an appetite inside 1-25, and unique codes.
/// </summary>
public static partial class RiskCriteriaParser
{
    public const string Folder = "risk/";

    private const int Cells = RiskCriteria.Levels * RiskCriteria.Levels;

    /// <summary>Parses <paramref name="file"/>; returns <c>null</c> and adds to <paramref name="errors"/> when it breaks a rule.</summary>
    public static RiskCriteria? Parse(DataFile file, List<DataFileError> errors)
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
            var likelihood = json.Array(root, "likelihood_levels", "likelihood_levels")
                .Select(l => new LikelihoodLevel(json.Int(l.Item, "level", $"likelihood_levels[{l.Index}]"), json.Text(l.Item, "name", $"likelihood_levels[{l.Index}]"), json.Text(l.Item, "criteria", $"likelihood_levels[{l.Index}]")))
                .ToList();
            var areas = CodeNames(json, root, "impact_areas");
            var impact = new List<ImpactLevel>();
            foreach (var (item, index) in json.Array(root, "impact_levels", "impact_levels"))
            {
                var entry = $"impact_levels[{index}]";
                var criteria = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
                var byArea = json.Object(item, "criteria", entry);
                if (byArea.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in byArea.EnumerateObject())
                    {
                        criteria[property.Name] = json.Text(byArea, property.Name, $"{entry} criteria");
                    }
                }

                impact.Add(new ImpactLevel(json.Int(item, "level", entry), json.Text(item, "name", entry), criteria));
            }

            var matrix = Matrix(json, root);
            var bands = json.Array(root, "bands", "bands")
                .Select(b => new RiskBand(
                    json.Str(b.Item, "code", $"bands[{b.Index}]"),
                    json.Text(b.Item, "name", $"bands[{b.Index}]"),
                    json.Int(b.Item, "min", $"bands[{b.Index}]"),
                    json.Int(b.Item, "max", $"bands[{b.Index}]"),
                    json.Str(b.Item, "colour", $"bands[{b.Index}]")))
                .ToList();
            var appetite = json.Int(root, "appetite", "appetite");
            var categories = CodeNames(json, root, "categories");
            var options = json.Object(root, "treatment_options", "treatment_options");
            var negative = options.ValueKind == JsonValueKind.Object ? CodeNames(json, options, "negative", "treatment_options.negative") : [];
            var positive = options.ValueKind == JsonValueKind.Object ? CodeNames(json, options, "positive", "treatment_options.positive") : [];
            var criteriaSet = new RiskCriteria(
                json.Str(root, "version", "version"),
                json.Text(root, "title", "title"),
                json.Text(root, "source", "source"),
                likelihood,
                areas,
                impact,
                matrix,
                bands,
                appetite,
                categories,
                new TreatmentOptions(negative, positive));
            errors.AddRange(json.Errors);
            if (json.Errors.Count > 0)
            {
                return null;
            }

            var before = errors.Count;
            Validate(file.Name, criteriaSet, errors);
            return errors.Count == before ? criteriaSet : null;
        }
    }

    /// <summary>The rules a parsed set of criteria must keep; each broken rule is added to <paramref name="errors"/>.</summary>
    public static void Validate(string file, RiskCriteria c, List<DataFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(errors);
        void Fail(string entry, string message) => errors.Add(new DataFileError(file, entry, message));

        if (!VersionPattern().IsMatch(c.Version))
        {
            Fail("version", $"'{c.Version}' is not a version label such as v1");
        }

        Levels("likelihood_levels", c.LikelihoodLevels.Select(l => l.Level).ToList(), Fail);
        Levels("impact_levels", c.ImpactLevels.Select(l => l.Level).ToList(), Fail);
        Codes("impact_areas", c.ImpactAreas, Fail);
        Codes("categories", c.Categories, Fail);
        Codes("treatment_options.negative", c.TreatmentOptions.Negative, Fail);
        Codes("treatment_options.positive", c.TreatmentOptions.Positive, Fail);
        foreach (var level in c.ImpactLevels)
        {
            var missing = c.ImpactAreas.Select(a => a.Code).Where(a => !level.Criteria.ContainsKey(a)).ToList();
            if (missing.Count > 0)
            {
                Fail($"impact_levels (level {level.Level})", $"a criterion is missing for the impact area(s) {string.Join(", ", missing)}");
            }

            var unknown = level.Criteria.Keys.Where(k => c.ImpactAreas.All(a => a.Code != k)).ToList();
            if (unknown.Count > 0)
            {
                Fail($"impact_levels (level {level.Level})", $"criteria for unknown impact area(s) {string.Join(", ", unknown)}");
            }
        }

        var matrixOk = c.Matrix.Count == RiskCriteria.Levels && c.Matrix.All(r => r.Count == RiskCriteria.Levels);
        if (!matrixOk)
        {
            Fail("matrix", $"the matrix must be 5 rows (likelihood 1..5) of 5 magnitudes (impact 1..5); found {c.Matrix.Count} row(s) of {string.Join("/", c.Matrix.Select(r => r.Count))}");
        }
        else
        {
            var values = c.Matrix.SelectMany(r => r).ToList();
            var absent = Enumerable.Range(1, Cells).Except(values).ToList();
            var twice = values.GroupBy(v => v).Where(g => g.Count() > 1).Select(g => g.Key).Order().ToList();
            if (absent.Count > 0 || twice.Count > 0 || values.Any(v => v is < 1 or > Cells))
            {
                Fail("matrix", "the magnitudes must be 1 to 25, each once"
                    + (absent.Count > 0 ? $"; missing: {string.Join(", ", absent)}" : string.Empty)
                    + (twice.Count > 0 ? $"; more than once: {string.Join(", ", twice)}" : string.Empty));
            }

            for (var l = 0; l < RiskCriteria.Levels; l++)
            {
                for (var i = 0; i < RiskCriteria.Levels; i++)
                {
                    if (i > 0 && c.Matrix[l][i] <= c.Matrix[l][i - 1])
                    {
                        Fail("matrix", $"the magnitude must grow with the impact (likelihood {l + 1}, impact {i} to {i + 1})");
                    }

                    if (l > 0 && c.Matrix[l][i] <= c.Matrix[l - 1][i])
                    {
                        Fail("matrix", $"the magnitude must grow with the likelihood (impact {i + 1}, likelihood {l} to {l + 1})");
                    }
                }
            }
        }

        Bands(c.Bands, Fail);
        Codes("bands", c.Bands.Select(b => new CodeName(b.Code, b.Name)).ToList(), Fail);
        if (c.Appetite is < 1 or > Cells)
        {
            Fail("appetite", $"the appetite must be a magnitude from 1 to 25 (found {c.Appetite})");
        }
    }

    private static void Levels(string entry, IReadOnlyList<int> levels, Action<string, string> fail)
    {
        if (!levels.SequenceEqual(Enumerable.Range(1, RiskCriteria.Levels)))
        {
            fail(entry, $"exactly five levels 1 to 5 in order are needed (found {string.Join(", ", levels)})");
        }
    }

    private static void Codes(string entry, IReadOnlyList<CodeName> items, Action<string, string> fail)
    {
        if (items.Count == 0)
        {
            fail(entry, "at least one entry is needed");
        }

        foreach (var duplicate in items.GroupBy(i => i.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            fail(entry, $"duplicate code '{duplicate.Key}'");
        }

        foreach (var bad in items.Where(i => !CodePattern().IsMatch(i.Code)))
        {
            fail(entry, $"'{bad.Code}' is not a code (lower-case letters, digits and _)");
        }
    }

    private static void Bands(IReadOnlyList<RiskBand> bands, Action<string, string> fail)
    {
        if (bands.Count == 0)
        {
            fail("bands", "at least one band is needed");
            return;
        }

        var expected = 1;
        foreach (var band in bands.OrderBy(b => b.Min))
        {
            var entry = $"bands ({band.Code})";
            if (band.Max < band.Min)
            {
                fail(entry, $"max {band.Max} is below min {band.Min}");
            }

            if (band.Min > expected)
            {
                fail(entry, $"a gap: no band covers {expected}-{band.Min - 1}");
            }
            else if (band.Min < expected)
            {
                fail(entry, $"overlaps the band below it ({band.Min}-{expected - 1} is covered twice)");
            }

            if (!ColourPattern().IsMatch(band.Colour))
            {
                fail(entry, $"'{band.Colour}' is not a colour such as #ffd966");
            }

            expected = Math.Max(expected, band.Max + 1);
        }

        if (expected <= Cells)
        {
            fail("bands", $"a gap: no band covers {expected}-{Cells}");
        }
        else if (expected > Cells + 1)
        {
            fail("bands", $"the bands go beyond 25 (to {expected - 1})");
        }
    }

    private static List<CodeName> CodeNames(JsonFields json, JsonElement obj, string name, string? entry = null) =>
        json.Array(obj, name, entry ?? name).Select(i => new CodeName(json.Str(i.Item, "code", $"{entry ?? name}[{i.Index}]"), json.Text(i.Item, "name", $"{entry ?? name}[{i.Index}]"))).ToList();

    private static List<IReadOnlyList<int>> Matrix(JsonFields json, JsonElement root)
    {
        var rows = new List<IReadOnlyList<int>>();
        foreach (var (row, index) in json.Array(root, "matrix", "matrix"))
        {
            if (row.ValueKind != JsonValueKind.Array)
            {
                json.Error($"matrix[{index}]", "each row must be a list of five magnitudes");
                continue;
            }

            var cells = new List<int>();
            foreach (var cell in row.EnumerateArray())
            {
                if (cell.ValueKind == JsonValueKind.Number && cell.TryGetInt32(out var value))
                {
                    cells.Add(value);
                }
                else
                {
                    json.Error($"matrix[{index}]", "a magnitude must be a whole number");
                }
            }

            rows.Add(cells);
        }

        return rows;
    }

    [GeneratedRegex("^v[0-9]+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex ColourPattern();
}
