using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using Survey.Domain.Periods;
using Survey.Web.Infrastructure;
using Survey.Web.Infrastructure.Localization;

namespace Survey.Web.Features.Reports;

/// <summary>
/// The evaluation report as an A4 PDF (PDFsharp with DejaVu Sans): the cover with the region, period, content hash
/// and the QR code of its verification page, then the index, the dimensions with their findings, the programmes,
/// the risk map and highest risks, the obstacles, the recommendations, the follow-up and the signature block.
/// </summary>
public static class EvaluationReportPdf
{
    private const string Family = "DejaVu Sans";
    private const double Margin = 50;
    private static readonly object FontLock = new();

    public static byte[] Write(EvaluationReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        EnsureFonts();
        var c = document.Content;
        using var pdf = new PdfDocument();
        pdf.Info.Title = UiText.Get("EvalReport.Title") + " · " + c.RegionName + " · " + PeriodCodes.DisplayName(c.Period);
        pdf.Info.Subject = c.Hash;
        var flow = new Flow(pdf, c.Published ? null : UiText.Get("EvalReport.DraftMark"));

        // Cover.
        flow.Space(80);
        flow.Text(UiText.Get("EvalReport.Title"), 22, bold: true);
        flow.Text(UiText.Get("EvalReport.Programme"), 12);
        flow.Space(30);
        flow.Text(c.RegionName + (c.IsDemo ? " (DEMO)" : string.Empty), 20, bold: true);
        flow.Text(c.Province, 12);
        flow.Text(PeriodCodes.DisplayName(c.Period), 14);
        flow.Space(30);
        if (c.Published)
        {
            flow.Text(UiText.Get("EvalReport.Snapshot", c.SnapshotVersion ?? 1), 10);
            flow.Text(UiText.Get("EvalReport.Hash"), 10, bold: true);
            flow.Text(c.Hash, 9);
            flow.Qr(document.VerifyUrl, 110);
            flow.Text(UiText.Get("EvalReport.VerifyAt", document.VerifyUrl), 9);
        }
        else
        {
            flow.Text(UiText.Get("EvalReport.Provisional"), 11, bold: true);
        }

        if (c.IsDemo)
        {
            flow.Text(UiText.Get("EvalReport.DemoNote"), 10, bold: true);
        }

        flow.Text(UiText.Get("EvalReport.Date", Format.Date(c.Date)), 10);

        // Result.
        flow.NewPage();
        flow.Heading(UiText.Get("EvalReport.Result"));
        flow.Text(UiText.Get("EvalReport.Index", c.Index100 is { } i100 ? Format.Number(i100, 2) : "–", c.Index is { } i5 ? Format.Number(i5, 2) : "–"), 12, bold: true);
        flow.Text(UiText.Get("EvalReport.Predicate", c.Predicate ?? "–"), 11);
        flow.Text(c.Rank is { } rank ? UiText.Get("EvalReport.Rank", rank, c.Ranked) : UiText.Get("EvalReport.NoRank"), 11);
        flow.Space(8);
        flow.Table([UiText.Get("Scores.Dimension"), UiText.Get("EvalReport.Score"), UiText.Get("EvalReport.IndicatorsShort"), UiText.Get("EvalReport.ProgrammesShort"), UiText.Get("EvalReport.PerceptionShort")],
            [0.4, 0.15, 0.15, 0.15, 0.15],
            c.Dimensions.Select(d => new[] { d.Name, N(d.Score), N(d.Indicators), N(d.Programmes), N(d.Perception) }).ToList());
        flow.Heading(UiText.Get("EvalReport.Findings"));
        foreach (var d in c.Dimensions)
        {
            flow.Text(d.Name, 10, bold: true);
            foreach (var finding in d.Findings)
            {
                flow.Text("• " + finding, 9);
            }
        }

        flow.Heading(UiText.Get("EvalReport.Programmes"));
        flow.Table([UiText.Get("Scores.Programme"), UiText.Get("Scores.Dimension"), UiText.Get("Scores.SelfLevel"), UiText.Get("Scores.VerifiedLevel")], [0.42, 0.3, 0.14, 0.14],
            c.Programmes.Select(p => new[] { p.Name, p.Dimension, p.SelfLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), p.VerifiedLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–" }).ToList());

        flow.Heading(UiText.Get("EvalReport.Risks"));
        if (document.RiskMap is { } map)
        {
            flow.Image(map, 340);
        }

        flow.Table([UiText.Get("Report.Risk"), UiText.Get("Scores.Programme"), UiText.Get("RiskCriteria.Magnitude"), UiText.Get("RiskCriteria.Level")], [0.4, 0.32, 0.13, 0.15],
            c.HighestRisks.Select(r => new[] { r.Title, r.Programme, r.Magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Level }).ToList());

        flow.Heading(UiText.Get("EvalReport.Obstacles"));
        flow.Table([UiText.Get("Obstacles.Description"), UiText.Get("Obstacles.Status"), UiText.Get("Obstacles.SupportFrom")], [0.55, 0.18, 0.27],
            c.Obstacles.Select(o => new[] { o.Description, o.Status, o.Support }).ToList());

        flow.Heading(UiText.Get("EvalReport.NewRecommendations"));
        flow.Table([UiText.Get("Recommendations.Recommendation"), UiText.Get("Recommendations.AddressedTo"), UiText.Get("Recommendations.PriorityField"), UiText.Get("Recommendations.DuePeriod")], [0.46, 0.2, 0.16, 0.18],
            c.NewRecommendations.Select(r => new[] { r.Text, r.AddressedTo, r.Priority, r.DuePeriod }).ToList());

        flow.Heading(UiText.Get("EvalReport.FollowUps"));
        flow.Table([UiText.Get("Recommendations.Recommendation"), UiText.Get("Recommendations.DuePeriod"), UiText.Get("NationalObstacles.FollowUpStatus"), UiText.Get("Recommendations.VerdictField")], [0.46, 0.16, 0.2, 0.18],
            c.FollowUps.Select(f => new[] { f.Text, f.DuePeriod, f.Status, f.Verdict ?? "–" }).ToList());

        flow.Heading(UiText.Get("EvalReport.Signatures"));
        flow.Text(UiText.Get("EvalReport.SignatureLead", Format.Date(c.Date)), 10);
        flow.Space(50);
        flow.Text(UiText.Get("EvalReport.SignatureLine"), 10);
        flow.Text(UiText.Get("EvalReport.SignatureTeam"), 10);

        using var stream = new MemoryStream();
        pdf.Save(stream, false);
        return stream.ToArray();
    }

    private static string N(decimal? value) => value is { } v ? Format.Number(v, 1) : "–";

    /// <summary>The QR code of a link as PNG (QRCoder, pure managed).</summary>
    public static byte[] Qr(string url)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.PngByteQRCode(data).GetGraphic(8);
    }

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DejaVuResolver();
            }
        }
    }

    /// <summary>DejaVu Sans from Debian's fonts-dejavu-core (installed by run.sh and test.sh for the charts).</summary>
    private sealed class DejaVuResolver : IFontResolver
    {
        private const string Folder = "/usr/share/fonts/truetype/dejavu";

        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

        public byte[]? GetFont(string faceName) => File.ReadAllBytes(Path.Combine(Folder, faceName + ".ttf"));
    }

    /// <summary>Text laid out top to bottom over A4 pages, with wrapping, tables and images.</summary>
    private sealed class Flow
    {
        private readonly PdfDocument _pdf;
        private readonly string? _watermark;
        private XGraphics _gfx = null!;
        private PdfPage _page = null!;
        private double _y;

        public Flow(PdfDocument pdf, string? watermark)
        {
            _pdf = pdf;
            _watermark = watermark;
            NewPage();
        }

        private double Width => _page.Width.Point - (2 * Margin);

        private double Bottom => _page.Height.Point - Margin;

        public void NewPage()
        {
            _gfx?.Dispose();
            _page = _pdf.AddPage();
            _page.Size = PdfSharp.PageSize.A4;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
            if (_watermark is not null)
            {
                _gfx.DrawString(_watermark, new XFont(Family, 10, XFontStyleEx.Bold), XBrushes.DarkRed, new XPoint(Margin, Margin - 20));
            }

            _gfx.DrawString(_pdf.PageCount.ToString(System.Globalization.CultureInfo.InvariantCulture), new XFont(Family, 8), XBrushes.Gray, new XPoint(_page.Width.Point - Margin, _page.Height.Point - 25));
        }

        public void Space(double points) => _y += points;

        public void Heading(string text)
        {
            Ensure(40);
            _y += 10;
            Text(text, 14, bold: true);
            _y += 2;
        }

        public void Text(string text, double size, bool bold = false)
        {
            var font = new XFont(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            foreach (var line in Wrap(text, font, Width))
            {
                Ensure(size * 1.4);
                _gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, _y, Width, size * 1.4), XStringFormats.TopLeft);
                _y += size * 1.4;
            }
        }

        public void Image(byte[] png, double width)
        {
            using var image = XImage.FromStream(new MemoryStream(png));
            var height = width * image.PixelHeight / image.PixelWidth;
            Ensure(height + 6);
            _gfx.DrawImage(image, Margin, _y, width, height);
            _y += height + 6;
        }

        /// <summary>The QR code of a link drawn as squares (sharp at any zoom, no image decoder needed).</summary>
        public void Qr(string url, double size)
        {
            using var generator = new QRCoder.QRCodeGenerator();
            using var data = generator.CreateQrCode(url, QRCoder.QRCodeGenerator.ECCLevel.M);
            var modules = data.ModuleMatrix;
            var cell = size / modules.Count;
            Ensure(size + 6);
            for (var row = 0; row < modules.Count; row++)
            {
                for (var col = 0; col < modules[row].Count; col++)
                {
                    if (modules[row][col])
                    {
                        _gfx.DrawRectangle(XBrushes.Black, Margin + (col * cell), _y + (row * cell), cell + 0.05, cell + 0.05);
                    }
                }
            }

            _y += size + 6;
        }

        public void Table(string[] header, double[] shares, List<string[]> rows)
        {
            var font = new XFont(Family, 8.5);
            var bold = new XFont(Family, 8.5, XFontStyleEx.Bold);
            if (rows.Count == 0)
            {
                Text(UiText.Get("EvalReport.Nothing"), 9);
                return;
            }

            void Row(string[] cells, XFont f, bool shaded)
            {
                var wrapped = cells.Select((cell, i) => Wrap(cell, f, (Width * shares[i]) - 6)).ToList();
                var height = (wrapped.Max(w => w.Count) * 11) + 6;
                if (_y + height > Bottom)
                {
                    NewPage();
                }

                if (shaded)
                {
                    _gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(0x0B, 0x4F, 0x8A)), Margin, _y, Width, height);
                }

                var x = Margin;
                for (var i = 0; i < cells.Length; i++)
                {
                    var ty = _y + 3;
                    foreach (var line in wrapped[i])
                    {
                        _gfx.DrawString(line, f, shaded ? XBrushes.White : XBrushes.Black, new XRect(x + 3, ty, (Width * shares[i]) - 6, 11), XStringFormats.TopLeft);
                        ty += 11;
                    }

                    x += Width * shares[i];
                }

                _y += height;
                _gfx.DrawLine(XPens.LightGray, Margin, _y, Margin + Width, _y);
            }

            Row(header, bold, shaded: true);
            foreach (var row in rows)
            {
                Row(row, font, shaded: false);
            }

            _y += 6;
        }

        private void Ensure(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                var line = string.Empty;
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
                    {
                        lines.Add(line);
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }

                    // A word longer than the column (a hash) is cut where it overflows.
                    while (_gfx.MeasureString(line, font).Width > width && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && _gfx.MeasureString(line[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                lines.Add(line);
            }

            return lines;
        }
    }
}
