using System.Globalization;
using System.IO.Compression;
using System.Xml;

namespace Survey.Web.Features.Exports;

/// <summary>A workbook that is refused before or while reading, with a sentence for the user.</summary>
public sealed class WorkbookRefusedException(string message) : Exception(message);

/// <summary>One cell's value as stored: a number, or a text (shared, inline or a formula's cached result).</summary>
public readonly record struct XlsxCell(string? Text, double? Number)
{
    public bool IsEmpty => Number is null && string.IsNullOrEmpty(Text);

    /// <summary>The cell as text: a text as is, a number in invariant form.</summary>
    public string AsText() => Text ?? Number?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;
}

/// <summary>The bounds of an uploaded workbook (the import template's own limits, with room).</summary>
public sealed record XlsxLimits
{
    public int MaxEntries { get; init; } = 100;

    public long MaxUncompressedBytes { get; init; } = 20L * 1024 * 1024;

    /// <summary>Uncompressed to compressed, for parts larger than 1 MB (a zip bomb's ratio is in the thousands).</summary>
    public double MaxRatio { get; init; } = 100;

    public int MaxRow { get; init; } = 2000;

    public int MaxColumn { get; init; } = 50;

    public int MaxCellText { get; init; } = 4000;

    public int MaxSharedStrings { get; init; } = 50_000;

    /// <summary>A number beyond this (either sign) is no indicator's value.</summary>
    public double MaxMagnitude { get; init; } = 1e15;
}

/// <summary>
/// Reads one worksheet of an .xlsx upload without trusting it: the archive's entries, sizes and compression
/// ratios are bounded before anything is unpacked, and every part is read through a stream that stops at its
/// declared size and the total; XML is read without DTDs or external entities (XXE and entity expansion are
/// refused); rows, columns and text lengths are bounded while reading; a formula is refused (never evaluated, its
/// cached result not trusted); a number that is not finite or beyond any indicator's range refuses the workbook.
/// Every refusal is a <see cref="WorkbookRefusedException"/> with a message for the user.
/// </summary>
public static class BoundedXlsxReader
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelNs = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>The cells of sheet <paramref name="sheetName"/> by (row, column), 1-based; <c>null</c> when there is no such sheet.</summary>
    public static Dictionary<(int Row, int Column), XlsxCell>? ReadSheet(Stream file, string sheetName, XlsxLimits limits)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(limits);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            throw new WorkbookRefusedException(Text.Get("Import.NotAWorkbook"));
        }

        using (zip)
        {
            try
            {
                CheckArchive(zip, limits);
                var budget = new long[] { limits.MaxUncompressedBytes };
                var target = FindSheetPart(zip, sheetName, budget);
                if (target is null)
                {
                    return null;
                }

                var shared = ReadSharedStrings(zip, limits, budget);
                return ReadCells(Open(zip, target, budget), shared, limits);
            }
            catch (XmlException)
            {
                throw new WorkbookRefusedException(Text.Get("Import.NotAWorkbook"));
            }
            catch (InvalidDataException)
            {
                throw new WorkbookRefusedException(Text.Get("Import.NotAWorkbook"));
            }
        }
    }

    private static void CheckArchive(ZipArchive zip, XlsxLimits limits)
    {
        if (zip.Entries.Count > limits.MaxEntries)
        {
            throw new WorkbookRefusedException(Text.Get("Import.TooLarge"));
        }

        long total = 0;
        foreach (var entry in zip.Entries)
        {
            total += entry.Length;
            if (total > limits.MaxUncompressedBytes
                || (entry.Length > 1024 * 1024 && (entry.CompressedLength == 0 || (double)entry.Length / entry.CompressedLength > limits.MaxRatio)))
            {
                throw new WorkbookRefusedException(Text.Get("Import.TooLarge"));
            }
        }
    }

    private static XmlReader Open(ZipArchive zip, string path, long[] budget)
    {
        var entry = zip.GetEntry(path) ?? throw new WorkbookRefusedException(Text.Get("Import.NotAWorkbook"));
        var stream = new BoundedStream(entry.Open(), Math.Min(entry.Length, budget[0]), budget);
        return XmlReader.Create(stream, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            MaxCharactersInDocument = 16L * 1024 * 1024,
            CloseInput = true,
        });
    }

    private static string? FindSheetPart(ZipArchive zip, string sheetName, long[] budget)
    {
        string? relationId = null;
        using (var workbook = Open(zip, "xl/workbook.xml", budget))
        {
            while (workbook.Read())
            {
                if (workbook.NodeType == XmlNodeType.Element && workbook.LocalName == "sheet" && workbook.NamespaceURI == MainNs
                    && workbook.GetAttribute("name") == sheetName)
                {
                    relationId = workbook.GetAttribute("id", RelNs);
                    break;
                }
            }
        }

        if (relationId is null)
        {
            return null;
        }

        using var relations = Open(zip, "xl/_rels/workbook.xml.rels", budget);
        while (relations.Read())
        {
            if (relations.NodeType == XmlNodeType.Element && relations.LocalName == "Relationship" && relations.NamespaceURI == PackageRelNs
                && relations.GetAttribute("Id") == relationId && relations.GetAttribute("Target") is { } target)
            {
                var path = target.StartsWith('/') ? target[1..] : "xl/" + target;
                return path.Contains("..", StringComparison.Ordinal) ? null : path;
            }
        }

        return null;
    }

    private static List<string> ReadSharedStrings(ZipArchive zip, XlsxLimits limits, long[] budget)
    {
        var strings = new List<string>();
        if (zip.GetEntry("xl/sharedStrings.xml") is null)
        {
            return strings;
        }

        using var reader = Open(zip, "xl/sharedStrings.xml", budget);
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "si" && reader.NamespaceURI == MainNs)
            {
                using var item = reader.ReadSubtree();
                Add(strings, TextOf(item, limits), limits);
            }
        }

        return strings;
    }

    // The text runs of one <si> or <is>, without phonetic runs (<rPh>).
    private static string TextOf(XmlReader item, XlsxLimits limits)
    {
        var text = new System.Text.StringBuilder();
        item.Read();
        item.Read();
        while (!item.EOF)
        {
            if (item.NodeType == XmlNodeType.Element && item.LocalName == "rPh")
            {
                item.Skip();
                continue;
            }

            if (item.NodeType == XmlNodeType.Element && item.LocalName == "t")
            {
                text.Append(item.ReadElementContentAsString());
                if (text.Length > limits.MaxCellText)
                {
                    throw new WorkbookRefusedException(Text.Get("Import.TextTooLong", limits.MaxCellText));
                }

                continue;
            }

            item.Read();
        }

        return text.ToString();
    }

    private static void Add(List<string> strings, string value, XlsxLimits limits)
    {
        if (strings.Count >= limits.MaxSharedStrings)
        {
            throw new WorkbookRefusedException(Text.Get("Import.TooLarge"));
        }

        strings.Add(value);
    }

    private static Dictionary<(int Row, int Column), XlsxCell> ReadCells(XmlReader reader, List<string> shared, XlsxLimits limits)
    {
        using (reader)
        {
            var cells = new Dictionary<(int, int), XlsxCell>();
            var row = 0;
            var column = 0;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI != MainNs)
                {
                    continue;
                }

                if (reader.LocalName == "row")
                {
                    row = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = 0;
                    if (row < 1 || row > limits.MaxRow)
                    {
                        throw new WorkbookRefusedException(Text.Get("Import.TooManyRows", limits.MaxRow));
                    }
                }
                else if (reader.LocalName == "c")
                {
                    var reference = reader.GetAttribute("r");
                    column = reference is null ? column + 1 : ColumnOf(reference);
                    if (column < 1 || column > limits.MaxColumn * 400)
                    {
                        throw new WorkbookRefusedException(Text.Get("Import.NotAWorkbook"));
                    }

                    var type = reader.GetAttribute("t");
                    var cell = ReadCell(reader, type, shared, limits, reference ?? $"R{row}C{column}");
                    if (column <= limits.MaxColumn && !cell.IsEmpty)
                    {
                        cells[(row, column)] = cell;
                    }
                }
            }

            return cells;
        }
    }

    private static XlsxCell ReadCell(XmlReader reader, string? type, List<string> shared, XlsxLimits limits, string reference)
    {
        if (reader.IsEmptyElement)
        {
            return default;
        }

        string? value = null;
        string? inline = null;
        using (var cell = reader.ReadSubtree())
        {
            cell.Read();
            cell.Read();
            while (!cell.EOF)
            {
                if (cell.NodeType != XmlNodeType.Element)
                {
                    cell.Read();
                    continue;
                }

                switch (cell.LocalName)
                {
                    case "f":
                        // Formulas are never evaluated, and their cached results are not trusted either: the template takes values.
                        throw new WorkbookRefusedException(Text.Get("Import.Formula", reference));
                    case "v":
                        value = cell.ReadElementContentAsString();
                        break;
                    case "is":
                        using (var run = cell.ReadSubtree())
                        {
                            inline = TextOf(run, limits);
                        }

                        cell.Read();
                        break;
                    default:
                        cell.Skip();
                        break;
                }

                if ((value?.Length ?? 0) > limits.MaxCellText)
                {
                    throw new WorkbookRefusedException(Text.Get("Import.TextTooLong", limits.MaxCellText));
                }
            }
        }

        switch (type)
        {
            case "s":
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count
                    ? new XlsxCell(shared[index], null)
                    : throw new WorkbookRefusedException(Text.Get("Import.NotAWorkbook"));
            case "inlineStr":
                return new XlsxCell(inline, null);
            case "str" or "e":
                return new XlsxCell(value, null);
            default:
                if (string.IsNullOrEmpty(value))
                {
                    return default;
                }

                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                    || !double.IsFinite(number) || Math.Abs(number) > limits.MaxMagnitude)
                {
                    throw new WorkbookRefusedException(Text.Get("Import.BadNumber", reference, value.Length > 40 ? value[..40] : value));
                }

                return new XlsxCell(null, number);
        }
    }

    /// <summary>The 1-based column of a reference such as <c>F12</c>.</summary>
    public static int ColumnOf(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var column = 0;
        foreach (var c in reference)
        {
            if (c is >= 'A' and <= 'Z')
            {
                column = (column * 26) + (c - 'A' + 1);
                if (column > 16384)
                {
                    return -1;
                }
            }
            else
            {
                break;
            }
        }

        return column;
    }

    private static class Text
    {
        public static string Get(string key, params object[] arguments) => Survey.Web.Infrastructure.Localization.UiText.Get(key, arguments);
    }

    /// <summary>Reads at most the declared size of a part and what is left of the whole workbook's budget.</summary>
    private sealed class BoundedStream(Stream inner, long declared, long[] budget) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            budget[0] -= n;
            if (_read > declared || budget[0] < 0)
            {
                throw new WorkbookRefusedException(Text.Get("Import.TooLarge"));
            }

            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
