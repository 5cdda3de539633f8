using Survey.Domain.Common;
using Survey.Domain.Submissions;

namespace Survey.Web.Features.Entry;

/// <summary>One indicator's fields as typed in the form: text, so that what the user typed comes back on an error.</summary>
public sealed record EntryFormItem
{
    public string? Key { get; init; }

    public string? Value { get; init; }

    public string? Numerator { get; init; }

    public string? Denominator { get; init; }

    public bool NotAvailable { get; init; }

    public string? NotAvailableReason { get; init; }

    public string? Source { get; init; }

    public string? SourceDocument { get; init; }

    public string? SourceYear { get; init; }

    public string? Note { get; init; }

    public string? Justification { get; init; }

    public int Version { get; init; }

    /// <summary>An evidence file uploaded with the form (optional).</summary>
    public Microsoft.AspNetCore.Http.IFormFile? File { get; init; }

    /// <summary>An evidence link typed with the form (optional).</summary>
    public string? Link { get; init; }

    /// <summary>Reads the typed text into an entry; unreadable numbers become field errors.</summary>
    public (IndicatorEntry Entry, Dictionary<string, string[]> Errors) ToEntry()
    {
        var errors = new Dictionary<string, string[]>();
        decimal? Number(string? text, string field)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DecimalInput.TryParse(text, out var value))
            {
                return value;
            }

            errors[field] = [Messages.Get("NotANumber", Messages.Field(field))];
            return null;
        }

        int? year = null;
        if (!string.IsNullOrWhiteSpace(SourceYear))
        {
            if (int.TryParse(SourceYear.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y))
            {
                year = y;
            }
            else
            {
                errors["source_year"] = [Messages.Get("NotANumber", Messages.Field("source_year"))];
            }
        }

        if (NotAvailable && string.IsNullOrWhiteSpace(NotAvailableReason))
        {
            errors["not_available_reason"] = [Messages.Get("NotAvailableNeedsReason")];
        }

        var entry = new IndicatorEntry(
            Key ?? string.Empty,
            Number(Value, "value"),
            Number(Numerator, "numerator"),
            Number(Denominator, "denominator"),
            NotAvailable ? NotAvailableReason : null,
            Source,
            SourceDocument,
            year,
            Note,
            Justification);
        return (entry, errors);
    }

    /// <summary>The form fields of a stored entry, numbers in id-ID.</summary>
    public static EntryFormItem From(string key, StoredIndicatorValue? stored)
    {
        var e = stored?.Entry;
        static string? Show(decimal? x) => x?.ToString("#,0.######", Survey.Web.Infrastructure.ServiceRegistration.FormatCulture);
        return new EntryFormItem
        {
            Key = key,
            Value = e?.Numerator is not null ? null : Show(e?.Value),
            Numerator = Show(e?.Numerator),
            Denominator = Show(e?.Denominator),
            NotAvailable = e?.IsNotAvailable == true,
            NotAvailableReason = e?.NotAvailableReason,
            Source = e?.SourceAgency,
            SourceDocument = e?.SourceDocument,
            SourceYear = e?.SourceYear?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Note = e?.Note,
            Justification = e?.Justification,
            Version = stored?.Version ?? 0,
        };
    }
}
