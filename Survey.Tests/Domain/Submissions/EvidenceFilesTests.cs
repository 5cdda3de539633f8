using System.IO.Compression;
using System.Text;
using Survey.Domain.Submissions;

namespace Survey.Tests.Domain.Submissions;

public sealed class EvidenceFilesTests
{
    private const long Max = 10 * 1024 * 1024;

    internal static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n");

    internal static byte[] Executable => [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write("<w:document/>");
        }

        return buffer.ToArray();
    }

    [Test]
    public void Inspect_RealPdfPngAndDocx_AreAccepted()
    {
        Assert.That(EvidenceFiles.Inspect("laporan.pdf", Pdf, Max).File?.ContentType, Is.EqualTo("application/pdf"));
        Assert.That(EvidenceFiles.Inspect("foto.PNG", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0 }, Max).File?.ContentType, Is.EqualTo("image/png"));
        Assert.That(EvidenceFiles.Inspect("sk.docx", Docx(), Max).File, Is.Not.Null);
    }

    [Test]
    public void Inspect_ExecutableRenamedToPdf_IsRefused() =>
        Assert.That(EvidenceFiles.Inspect("laporan.pdf", Executable, Max).Error, Is.EqualTo("EvidenceMismatch"));

    [Test]
    public void Inspect_ZipRenamedToXlsx_IsRefused() =>
        Assert.That(EvidenceFiles.Inspect("data.xlsx", Docx(), Max).Error, Is.EqualTo("EvidenceMismatch"));

    [Test]
    public void Inspect_OverTheLimitOrUnknownType_IsRefused()
    {
        Assert.That(EvidenceFiles.Inspect("besar.pdf", Pdf, 10).Error, Is.EqualTo("EvidenceTooLarge"));
        Assert.That(EvidenceFiles.Inspect("skrip.sh", Pdf, Max).Error, Is.EqualTo("EvidenceType"));
        Assert.That(EvidenceFiles.Inspect("kosong.pdf", [], Max).Error, Is.EqualTo("EvidenceEmpty"));
    }

    [TestCase("../../etc/passwd.pdf", "passwd.pdf")]
    [TestCase("..\\..\\windows\\win.ini.pdf", "win.ini.pdf")]
    [TestCase("lap<script>.pdf", "lap_script_.pdf")]
    [TestCase(".hidden.pdf", "hidden.pdf")]
    [TestCase("", "bukti")]
    public void SafeName_StripsFoldersAndDangerousCharacters(string name, string expected) =>
        Assert.That(EvidenceFiles.SafeName(name), Is.EqualTo(expected));

    [TestCase("https://tubankab.go.id/laporan", true)]
    [TestCase("http://example.org/x", true)]
    [TestCase("javascript:alert(1)", false)]
    [TestCase("ftp://example.org/x", false)]
    [TestCase("/relative/path", false)]
    public void IsValidLink_OnlyAbsoluteHttp(string url, bool valid) => Assert.That(EvidenceFiles.IsValidLink(url), Is.EqualTo(valid));
}
