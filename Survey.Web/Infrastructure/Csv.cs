namespace Survey.Web.Infrastructure;

/// <summary>CSV cells (RFC 4180) that are safe to open in Excel.</summary>
public static class Csv
{
    /// <summary>
    /// Quotes a cell when it holds a comma, quote or line break, and neutralises a leading <c>= + - @</c>
    /// (or tab/CR) with an apostrophe so that a spreadsheet never runs it as a formula.
    /// </summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        if (text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
