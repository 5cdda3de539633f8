using System.Globalization;
using Survey.Domain.Common;

namespace Survey.Domain.Surveys;

/// <summary>The respondent questionnaire as versioned data: short pages of items, a consent statement, Likert labels.</summary>
public sealed record Questionnaire(string Version, LocalizedText Title, LocalizedText Consent, IReadOnlyList<LocalizedText> LikertLabels, LocalizedText DontKnowLabel, IReadOnlyList<QuestionPage> Pages)
{
    /// <summary>Every item, in page order.</summary>
    public IEnumerable<QuestionItem> Items => Pages.SelectMany(p => p.Items);

    /// <summary>The item with <paramref name="code"/>, or <c>null</c>.</summary>
    public QuestionItem? Find(string code) => Items.FirstOrDefault(i => i.Code == code);
}

/// <summary>One page of the form.</summary>
public sealed record QuestionPage(string Code, LocalizedText Title, IReadOnlyList<QuestionItem> Items);

/// <summary>The kinds of items.</summary>
public static class ItemTypes
{
    public const string Likert = "likert";
    public const string SingleChoice = "single";
    public const string Number = "number";
    public const string Text = "text";

    public static readonly IReadOnlyList<string> All = [Likert, SingleChoice, Number, Text];
}

/// <summary>
/// One item: a Likert 1-5 statement about a dimension (with an optional "don't know" that counts as no
/// answer), a single choice, a number or a short text, optionally shown only when another item has a value.
/// A Likert item is always required (see <see cref="Answers.IsRequired"/>): "Tidak tahu" is its answer for a
/// respondent who cannot judge, so that a response of empty pages never counts as complete.
/// </summary>
public sealed record QuestionItem(
    string Code,
    string Type,
    LocalizedText Text,
    string? Dimension,
    string? Element,
    bool Required,
    bool AllowDontKnow,
    IReadOnlyList<QuestionOption> Options,
    decimal? Min,
    decimal? Max,
    int? MaxLength,
    Relevance? RelevantIf);

/// <summary>An option of a single-choice item.</summary>
public sealed record QuestionOption(string Code, LocalizedText Label);

/// <summary>Show the item only when <paramref name="Item"/> has the answer <paramref name="EqualsValue"/>.</summary>
public sealed record Relevance(string Item, string EqualsValue);

/// <summary>One stored answer: a Likert level, a choice, a number or a text; <c>DontKnow</c> is no answer.</summary>
public sealed record Answer(string Item, int? Likert, string? Choice, decimal? Number, string? Text, bool DontKnow = false)
{
    public bool IsEmpty => Likert is null && Choice is null && Number is null && string.IsNullOrWhiteSpace(Text) && !DontKnow;
}

/// <summary>Checking raw answers (form fields or JSON values as text) against the questionnaire.</summary>
public static class Answers
{
    public const string DontKnow = "dont_know";

    /// <summary>Whether <paramref name="item"/> is shown given the other answers.</summary>
    public static bool IsRelevant(QuestionItem item, IReadOnlyDictionary<string, Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(answers);
        if (item.RelevantIf is not { } condition)
        {
            return true;
        }

        return answers.TryGetValue(condition.Item, out var other) && (other.Choice ?? other.Likert?.ToString(CultureInfo.InvariantCulture)) == condition.EqualsValue;
    }

    /// <summary>Whether a relevant item must be answered: a Likert item always, another item when its data says so.</summary>
    public static bool IsRequired(QuestionItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Required || item.Type == ItemTypes.Likert;
    }

    /// <summary>
    /// Reads the raw values of <paramref name="items"/>; returns the answers and per-item errors (current UI
    /// language). Items that are not relevant are cleared.
    /// </summary>
    public static (Dictionary<string, Answer> Answers, Dictionary<string, string> Errors) Read(
        IEnumerable<QuestionItem> items, IReadOnlyDictionary<string, string?> raw, IReadOnlyDictionary<string, Answer> earlier, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(earlier);
        var answers = new Dictionary<string, Answer>(earlier, StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            raw.TryGetValue(item.Code, out var text);
            text = text?.Trim();
            if (!IsRelevant(item, answers))
            {
                answers.Remove(item.Code);
                continue;
            }

            if (string.IsNullOrEmpty(text))
            {
                answers.Remove(item.Code);
                if (requireAll && IsRequired(item))
                {
                    errors[item.Code] = Messages.Get("AnswerRequired");
                }

                continue;
            }

            switch (item.Type)
            {
                case ItemTypes.Likert when text == DontKnow && item.AllowDontKnow:
                    answers[item.Code] = new Answer(item.Code, null, null, null, null, DontKnow: true);
                    break;
                case ItemTypes.Likert when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 5:
                    answers[item.Code] = new Answer(item.Code, level, null, null, null);
                    break;
                case ItemTypes.Likert:
                    errors[item.Code] = Messages.Get("AnswerLikert");
                    break;
                case ItemTypes.SingleChoice when item.Options.Any(o => o.Code == text):
                    answers[item.Code] = new Answer(item.Code, null, text, null, null);
                    break;
                case ItemTypes.SingleChoice:
                    errors[item.Code] = Messages.Get("AnswerOption");
                    break;
                case ItemTypes.Number when DecimalInput.TryParse(text, out var number) && (item.Min is null || number >= item.Min) && (item.Max is null || number <= item.Max):
                    answers[item.Code] = new Answer(item.Code, null, null, number, null);
                    break;
                case ItemTypes.Number:
                    errors[item.Code] = Messages.Get("AnswerNumber", item.Min ?? 0, item.Max ?? 0);
                    break;
                case ItemTypes.Text when text.Length <= (item.MaxLength ?? 200) && !text.Any(char.IsControl):
                    answers[item.Code] = new Answer(item.Code, null, null, null, text);
                    break;
                default:
                    errors[item.Code] = Messages.Get("TooLong", Messages.Field("answer"), item.MaxLength ?? 200);
                    break;
            }
        }

        return (answers, errors);
    }
}
