using System.Globalization;
using FluentValidation;
using Survey.Domain.Catalogue;
using Survey.Domain.Common;

namespace Survey.Domain.Submissions;

/// <summary>
/// What a coordinator reports for one indicator in one period: a value, or a numerator and denominator
/// (the value is then computed with the indicator's factor), or "not available" with a reason — which is
/// different from blank. A reported value carries its source.
/// </summary>
public sealed record IndicatorEntry(
    string Key,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    string? NotAvailableReason,
    string? SourceAgency,
    string? SourceDocument,
    int? SourceYear,
    string? Note,
    string? Justification)
{
    /// <summary>True when nothing at all was entered.</summary>
    public bool IsBlank => Value is null && Numerator is null && Denominator is null && string.IsNullOrWhiteSpace(NotAvailableReason);

    /// <summary>True when marked not available (with a reason).</summary>
    public bool IsNotAvailable => !string.IsNullOrWhiteSpace(NotAvailableReason);

    /// <summary>
    /// The value that counts: computed from numerator and denominator when both are given, else the value typed.
    /// <c>null</c> when blank or not available.
    /// </summary>
    public decimal? EffectiveValue(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (IsNotAvailable)
        {
            return null;
        }

        return Numerator is { } n && Denominator is { } d && d != 0 ? indicator.Compute(n, d) : Value;
    }

    /// <summary>This entry with its value computed and texts trimmed, as it is stored.</summary>
    public IndicatorEntry Normalized(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return this with
        {
            Value = EffectiveValue(indicator) is { } v ? decimal.Round(v, 6) : null,
            NotAvailableReason = Clean(NotAvailableReason),
            SourceAgency = Clean(SourceAgency),
            SourceDocument = Clean(SourceDocument),
            Note = Clean(Note),
            Justification = Clean(Justification),
        };
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// The rules of one indicator entry, in the current UI language: percentages 0-100, no negative values,
/// denominator above 0, numerator at most the denominator for shares, a source for a reported value,
/// bounded texts. A draft may be incomplete: with <c>draft</c> the rules of completeness (a source for a
/// reported value) are left to the submission checklist, so a value typed before its source is saved.
/// </summary>
public sealed class IndicatorEntryValidator : AbstractValidator<IndicatorEntry>
{
    public const int ReasonMax = 500;
    public const int AgencyMax = 200;
    public const int DocumentMax = 300;
    public const int NoteMax = 2000;
    public const int JustificationMax = 1000;
    private const decimal Largest = 1_000_000_000_000m;

    public IndicatorEntryValidator(Indicator indicator, int currentYear, bool draft = false)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        RuleFor(e => e).Custom((entry, context) =>
        {
            void Fail(string field, string message) => context.AddFailure(field, message);

            if (entry.IsNotAvailable && (entry.Value is not null || entry.Numerator is not null || entry.Denominator is not null))
            {
                Fail("value", Messages.Get("NotAvailableAndValue"));
                return;
            }

            if ((entry.Numerator is null) != (entry.Denominator is null))
            {
                Fail(entry.Numerator is null ? "numerator" : "denominator", Messages.Get("BothNumeratorAndDenominator"));
            }

            if (entry.Denominator is { } d && d <= 0)
            {
                Fail("denominator", Messages.Get("DenominatorPositive"));
            }

            if (entry.Numerator is { } n && n < 0)
            {
                Fail("numerator", Messages.Get("NumeratorNotNegative"));
            }

            if (indicator.IsShare && entry.Numerator is { } sn && entry.Denominator is { } sd && sd > 0 && sn > sd)
            {
                Fail("numerator", Messages.Get("NumeratorAtMostDenominator"));
            }

            foreach (var (field, number) in new[] { ("value", entry.Value), ("numerator", entry.Numerator), ("denominator", entry.Denominator) })
            {
                if (number is { } x && Math.Abs(x) > Largest)
                {
                    Fail(field, Messages.Get("TooLarge"));
                }
            }

            var value = entry.Numerator is not null && entry.Denominator is > 0 ? entry.EffectiveValue(indicator) : entry.Value;
            if (value is { } v && Math.Abs(v) <= Largest)
            {
                if (indicator.IsShare && (v < 0 || v > 100))
                {
                    Fail("value", Messages.Get("PercentageRange", v.ToString("#,0.##", CultureInfo.GetCultureInfo("id-ID"))));
                }
                else if (v < 0)
                {
                    Fail("value", Messages.Get("NotNegative"));
                }
            }

            if (value is not null || entry.Numerator is not null)
            {
                if (!draft && string.IsNullOrWhiteSpace(entry.SourceAgency))
                {
                    Fail("source", Messages.Get("SourceRequired"));
                }

                if (entry.SourceYear is { } year && (year < 1990 || year > currentYear + 1))
                {
                    Fail("source_year", Messages.Get("SourceYearRange", 1990, currentYear + 1));
                }
            }

            Text(entry.NotAvailableReason, "not_available_reason", ReasonMax, allowNewlines: true);
            Text(entry.SourceAgency, "source", AgencyMax, allowNewlines: false);
            Text(entry.SourceDocument, "source_document", DocumentMax, allowNewlines: false);
            Text(entry.Note, "note", NoteMax, allowNewlines: true);
            Text(entry.Justification, "justification", JustificationMax, allowNewlines: true);

            void Text(string? text, string field, int max, bool allowNewlines)
            {
                if (text is null)
                {
                    return;
                }

                if (text.Length > max)
                {
                    Fail(field, Messages.Get("TooLong", Messages.Field(field), max));
                }

                if (text.Any(c => char.IsControl(c) && !(allowNewlines && c is '\n' or '\r' or '\t')))
                {
                    Fail(field, Messages.Get("ControlCharacters", Messages.Field(field)));
                }
            }
        });
    }
}
