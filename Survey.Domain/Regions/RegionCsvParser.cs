using System.Text;
using Survey.Domain.Common;

namespace Survey.Domain.Regions;

/// <summary>
/// Reads a regions CSV (header <c>code,name,kind,province</c>, comma or semicolon separated, quotes allowed).
/// Every bad row is reported with its line number; a file with any bad row yields no regions.
/// </summary>
public static class RegionCsvParser
{
    private static readonly string[] Header = ["code", "name", "kind", "province"];

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <returns>All regions and no errors, or no regions and every error found.</returns>
    public static (IReadOnlyList<Region> Regions, IReadOnlyList<string> Errors) Parse(string text, bool isDemo = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<string>();
        var regions = new List<Region>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            return ([], [Messages.Get("CsvHeaderMissing", string.Join(',', Header))]);
        }

        var separator = lines[0].Contains(';', StringComparison.Ordinal) && !lines[0].Contains(',', StringComparison.Ordinal) ? ';' : ',';
        var header = SplitLine(lines[0].TrimStart('\uFEFF'), separator).Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Header))
        {
            return ([], [Messages.Get("CsvHeader", string.Join(',', Header), string.Join(',', header))]);
        }

        var validator = new RegionInputValidator();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var fields = SplitLine(lines[i], separator);
            if (fields.Count != Header.Length)
            {
                errors.Add(Messages.Get("CsvFieldCount", lineNumber, Header.Length, string.Join(',', Header), fields.Count));
                continue;
            }

            var input = new RegionInput(fields[0], fields[1], fields[2], fields[3]);
            var result = validator.Validate(input);
            if (!result.IsValid)
            {
                errors.Add(Messages.Get("CsvLine", lineNumber, string.Join(" ", result.Errors.Select(e => e.ErrorMessage))));
                continue;
            }

            var region = input.ToRegion(isDemo);
            if (seen.TryGetValue(region.Code, out var firstLine))
            {
                errors.Add(Messages.Get("CsvDuplicateCode", lineNumber, region.Code, firstLine));
                continue;
            }

            seen[region.Code] = lineNumber;
            regions.Add(region);
        }

        if (errors.Count == 0 && regions.Count == 0)
        {
            errors.Add(Messages.Get("CsvNoRegions"));
        }

        return errors.Count > 0 ? ([], errors) : (regions, []);
    }

    internal static List<string> SplitLine(string line, char separator)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
