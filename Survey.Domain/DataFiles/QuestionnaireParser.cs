using System.Text.Json;
using Survey.Domain.Surveys;

namespace Survey.Domain.DataFiles;

/// <summary>Parses and validates <c>questionnaire/*.json</c> like the catalogue: every problem named by file, entry and rule.</summary>
public static class QuestionnaireParser
{
    public const string Folder = "questionnaire/";

    public static Questionnaire? Parse(DataFile file, IReadOnlyCollection<string> dimensions, List<DataFileError> errors)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(dimensions);
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
            var pages = new List<QuestionPage>();
            foreach (var (page, p) in json.Array(root, "pages", "pages"))
            {
                var items = new List<QuestionItem>();
                foreach (var (item, i) in json.Array(page, "items", $"pages[{p}]"))
                {
                    var entry = $"pages[{p}].items[{i}]";
                    var code = json.Str(item, "code", entry);
                    entry += code.Length > 0 ? $" ({code})" : string.Empty;
                    Relevance? relevance = null;
                    if (item.TryGetProperty("relevant_if", out var r) && r.ValueKind == JsonValueKind.Object)
                    {
                        relevance = new Relevance(json.Str(r, "item", entry), json.Str(r, "equals", entry));
                    }

                    items.Add(new QuestionItem(
                        code,
                        json.Str(item, "type", entry),
                        json.Text(item, "text", entry),
                        item.TryGetProperty("dimension", out _) ? json.Str(item, "dimension", entry) : null,
                        item.TryGetProperty("element", out _) ? json.Str(item, "element", entry) : null,
                        json.Bool(item, "required", entry, fallback: false),
                        json.Bool(item, "allow_dont_know", entry, fallback: false),
                        item.TryGetProperty("options", out _)
                            ? json.Array(item, "options", entry).Select(o => new QuestionOption(json.Str(o.Item, "code", entry), json.Text(o.Item, "label", entry))).ToList()
                            : [],
                        item.TryGetProperty("min", out _) ? json.Num(item, "min", entry) : null,
                        item.TryGetProperty("max", out _) ? json.Num(item, "max", entry) : null,
                        item.TryGetProperty("max_length", out _) ? json.Int(item, "max_length", entry) : null,
                        relevance));
                }

                pages.Add(new QuestionPage(json.Str(page, "code", $"pages[{p}]"), json.Text(page, "title", $"pages[{p}]"), items));
            }

            var questionnaire = new Questionnaire(
                json.Str(root, "version", "version"),
                json.Text(root, "title", "title"),
                json.Text(root, "consent", "consent"),
                json.Array(root, "likert_labels", "likert_labels").Select(l => new Common.LocalizedText(json.Str(l.Item, "id", "likert_labels"), json.Str(l.Item, "en", "likert_labels"))).ToList(),
                json.Text(root, "dont_know_label", "dont_know_label"),
                pages);
            errors.AddRange(json.Errors);
            if (json.Errors.Count > 0)
            {
                return null;
            }

            var before = errors.Count;
            Validate(file.Name, questionnaire, dimensions, errors);
            return errors.Count == before ? questionnaire : null;
        }
    }

    private static void Validate(string file, Questionnaire q, IReadOnlyCollection<string> dimensions, List<DataFileError> errors)
    {
        void Fail(string entry, string message) => errors.Add(new DataFileError(file, entry, message));
        if (q.LikertLabels.Count != 5)
        {
            Fail("likert_labels", "exactly five Likert labels (1 to 5) are needed");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in q.Items)
        {
            var entry = $"item {item.Code}";
            if (!seen.Add(item.Code))
            {
                Fail(entry, $"duplicate item code '{item.Code}'");
            }

            if (!ItemTypes.All.Contains(item.Type))
            {
                Fail(entry, $"unknown type '{item.Type}' (known: {string.Join(", ", ItemTypes.All)})");
            }

            // Without a valid methodology the dimensions are unknown; its own errors are reported instead.
            if (dimensions.Count > 0 && item.Type == ItemTypes.Likert && (item.Dimension is null || !dimensions.Contains(item.Dimension)))
            {
                Fail(entry, $"a Likert item needs a known dimension (known: {string.Join(", ", dimensions)})");
            }

            if (item.Type == ItemTypes.SingleChoice && item.Options.Count < 2)
            {
                Fail(entry, "a single-choice item needs at least two options");
            }

            if (item.RelevantIf is { } relevance)
            {
                var target = q.Items.TakeWhile(i => i != item).FirstOrDefault(i => i.Code == relevance.Item);
                if (target is null)
                {
                    Fail(entry, $"relevant_if refers to '{relevance.Item}', which is not an earlier item");
                }
                else if (target.Type == ItemTypes.SingleChoice && target.Options.All(o => o.Code != relevance.EqualsValue))
                {
                    Fail(entry, $"relevant_if expects '{relevance.EqualsValue}', which is not an option of {relevance.Item}");
                }
            }
        }

        foreach (var dimension in dimensions)
        {
            var count = q.Items.Count(i => i.Type == ItemTypes.Likert && i.Dimension == dimension);
            if (count < 4)
            {
                Fail("pages", $"dimension '{dimension}' needs at least four Likert items (found {count})");
            }
        }
    }
}
