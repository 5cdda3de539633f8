using System.Diagnostics;
using System.Text.Json;

namespace Survey.Tests.Support;

/// <summary>
/// Reopens a workbook with openpyxl (Debian's python3-openpyxl, which ./test.sh installs): a reader independent of
/// the writers, so that "dates are dates, numbers are numbers, codes are text" is checked as another program sees it.
/// </summary>
public static class Openpyxl
{
    /// <summary>The sheets of <paramref name="file"/> as <c>Support/inspect_xlsx.py</c> describes them, with the first <paramref name="rows"/> rows.</summary>
    public static JsonElement Inspect(string file, int rows = 6)
    {
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var script = Path.Combine(RepositoryPaths.Root, "Survey.Tests", "Support", "inspect_xlsx.py");
        var info = new ProcessStartInfo(python, [script, file, rows.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, "openpyxl could not open the workbook: " + error);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("sheets").Clone();
    }

    /// <summary>The sheet called <paramref name="name"/>.</summary>
    public static JsonElement Sheet(JsonElement sheets, string name) =>
        sheets.EnumerateArray().FirstOrDefault(s => s.GetProperty("name").GetString() == name) is { ValueKind: JsonValueKind.Object } found
            ? found
            : throw new AssertionException($"no sheet {name} in " + string.Join(", ", sheets.EnumerateArray().Select(s => s.GetProperty("name").GetString())));

    /// <summary>The cell at 1-based <paramref name="row"/> and <paramref name="column"/> of a described sheet.</summary>
    public static JsonElement Cell(JsonElement sheet, int row, int column) => sheet.GetProperty("rows")[row - 1][column - 1];

    /// <summary>Every described cell of a sheet with its 1-based row and column.</summary>
    public static IEnumerable<(int Row, int Column, JsonElement Cell)> Cells(JsonElement sheet) =>
        sheet.GetProperty("rows").EnumerateArray().SelectMany((row, r) => row.EnumerateArray().Select((cell, c) => (r + 1, c + 1, cell)));

    /// <summary>The 1-based column whose header (row 1) is <paramref name="header"/>.</summary>
    public static int Column(JsonElement sheet, string header)
    {
        var headers = sheet.GetProperty("rows")[0].EnumerateArray().Select(c => c.GetProperty("v").ToString()).ToList();
        var index = headers.IndexOf(header);
        Assert.That(index, Is.GreaterThanOrEqualTo(0), $"no column {header} in " + string.Join(", ", headers));
        return index + 1;
    }
}
