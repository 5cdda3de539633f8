using System.IO.Compression;
using System.Text;

namespace Survey.Tests.Support;

/// <summary>Hand-made .xlsx files: the import template's sheet name with whatever cells, parts and tricks a test needs.</summary>
public static class HostileWorkbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook whose sheet "Indikator" holds <paramref name="sheetData"/> (the inside of &lt;sheetData&gt;).</summary>
    public static byte[] Build(string sheetData, string? sharedStrings = null, string? workbookPrefix = null, string? extraPart = null, long extraPartBytes = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Write(zip, "_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Write(zip, "xl/workbook.xml", (workbookPrefix ?? "<?xml version=\"1.0\" encoding=\"UTF-8\"?>") + $"""
                <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Indikator" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Write(zip, "xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            Write(zip, "xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData></worksheet>""");
            if (sharedStrings is not null)
            {
                Write(zip, "xl/sharedStrings.xml", sharedStrings);
            }

            if (extraPart is not null)
            {
                var entry = zip.CreateEntry(extraPart, CompressionLevel.SmallestSize);
                using var stream = entry.Open();
                var block = new byte[1024 * 1024];
                for (long written = 0; written < extraPartBytes; written += block.Length)
                {
                    stream.Write(block);
                }
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A row with the code of an indicator in column A and <paramref name="valueCell"/> as column F.</summary>
    public static string Row(int row, string key, string valueCell) =>
        $"""<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>{key}</t></is></c>{valueCell}</row>""";

    /// <summary>One shared string of <paramref name="length"/> characters (it compresses to a few hundred KB).</summary>
    public static string HugeSharedString(int length)
    {
        var text = new StringBuilder(length + 200);
        text.Append($"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="1" uniqueCount="1"><si><t>""");
        text.Append('B', length);
        text.Append("</t></si></sst>");
        return text.ToString();
    }

    private static void Write(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content.Trim()));
    }
}
