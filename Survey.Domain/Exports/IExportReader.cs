namespace Survey.Domain.Exports;

/// <summary>One stored indicator entry of a region, for the raw export, with the unit it is assigned to (its data producer), if any.</summary>
public sealed record IndicatorValueRow(
    string Region, string RegionName, string Province, string Kind, bool IsDemo, string Status, string Key, string Clause,
    decimal? Value, decimal? Numerator, decimal? Denominator, string? NotAvailableReason, string? SourceAgency, string? SourceDocument, int? SourceYear,
    DateTimeOffset UpdatedAt, string? UnitCode = null, string? UnitName = null);

/// <summary>One answer of a response; the answers of a response arrive together, in item order.</summary>
public readonly record struct AnswerRow(Guid Response, string Region, DateOnly CompletedOn, string Item, short? Likert, string? Choice, decimal? Number, string? Text, bool DontKnow);

/// <summary>
/// The rows of the raw exports, streamed one at a time: nothing is held in memory but the current row, whatever
/// the size of the period.
/// </summary>
public interface IExportReader
{
    /// <summary>Every indicator entry of the period (or of one region), by region and indicator.</summary>
    IAsyncEnumerable<IndicatorValueRow> IndicatorValuesAsync(string period, string? region, CancellationToken cancellationToken);

    /// <summary>Every answer of the period's completed responses (or of one region's), a response's answers together.</summary>
    IAsyncEnumerable<AnswerRow> AnswersAsync(string period, string? region, CancellationToken cancellationToken);
}
