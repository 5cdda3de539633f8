using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Survey.Domain.Periods;
using Survey.Web.Infrastructure.Localization;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using Format = Survey.Web.Infrastructure.Format;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Survey.Web.Features.Reports;

/// <summary>
/// The evaluation report as an editable Word document (Open XML SDK): the same content as the PDF, as headings,
/// paragraphs and tables the evaluation team can adjust before signing, with the QR code and the risk map as pictures.
/// </summary>
public static class EvaluationReportWord
{
    public static byte[] Write(EvaluationReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var c = document.Content;
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            main.Document = new Document(new Body());
            var body = main.Document.Body!;
            word.PackageProperties.Title = UiText.Get("EvalReport.Title") + " · " + c.RegionName + " · " + PeriodCodes.DisplayName(c.Period);
            word.PackageProperties.Subject = c.Hash;
            var images = 0;

            void Para(string text, int halfPoints = 22, bool bold = false)
            {
                var run = new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
                run.RunProperties = new RunProperties(new RunFonts { Ascii = "DejaVu Sans", HighAnsi = "DejaVu Sans" }, new FontSize { Val = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                if (bold)
                {
                    run.RunProperties.Append(new Bold());
                }

                body.Append(new Paragraph(run));
            }

            void Heading(string text) => Para(text, 28, bold: true);

            void Picture(byte[] png, long widthPx, long heightPx, double widthCm)
            {
                var part = main.AddImagePart(ImagePartType.Png);
                using (var image = new MemoryStream(png))
                {
                    part.FeedData(image);
                }

                images++;
                var cx = (long)(widthCm * 360000);
                var cy = cx * heightPx / widthPx;
                var inline = new DW.Inline(
                    new DW.Extent { Cx = cx, Cy = cy },
                    new DW.DocProperties { Id = (UInt32Value)(uint)images, Name = "Gambar " + images },
                    new A.Graphic(new A.GraphicData(
                        new PIC.Picture(
                            new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = $"image{images}.png" }, new PIC.NonVisualPictureDrawingProperties()),
                            new PIC.BlipFill(new A.Blip { Embed = main.GetIdOfPart(part) }, new A.Stretch(new A.FillRectangle())),
                            new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0L, Y = 0L }, new A.Extents { Cx = cx, Cy = cy }), new A.PresetGeometry { Preset = A.ShapeTypeValues.Rectangle })))
                    { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
                { DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U };
                body.Append(new Paragraph(new Run(new Drawing(inline))));
            }

            void Table(string[] header, List<string[]> rows)
            {
                if (rows.Count == 0)
                {
                    Para(UiText.Get("EvalReport.Nothing"), 18);
                    return;
                }

                var table = new Table(new TableProperties(
                    new TableBorders(
                        new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
                        new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 },
                        new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 }),
                    new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
                TableRow Row(string[] cells, bool bold) => new(cells.Select(cell =>
                {
                    var run = new Run(new Text(cell) { Space = SpaceProcessingModeValues.Preserve }) { RunProperties = new RunProperties(new FontSize { Val = "18" }) };
                    if (bold)
                    {
                        run.RunProperties.Append(new Bold());
                    }

                    return new TableCell(new Paragraph(run));
                }));
                table.Append(Row(header, bold: true));
                foreach (var row in rows)
                {
                    table.Append(Row(row, bold: false));
                }

                body.Append(table);
                Para(string.Empty, 10);
            }

            Para(UiText.Get("EvalReport.Title"), 40, bold: true);
            Para(UiText.Get("EvalReport.Programme"));
            Para(c.RegionName + (c.IsDemo ? " (DEMO)" : string.Empty), 36, bold: true);
            Para(c.Province);
            Para(PeriodCodes.DisplayName(c.Period), 28);
            if (c.Published)
            {
                Para(UiText.Get("EvalReport.Snapshot", c.SnapshotVersion ?? 1), 20);
                Para(UiText.Get("EvalReport.Hash") + " " + c.Hash, 18);
                var qr = EvaluationReportPdf.Qr(document.VerifyUrl);
                Picture(qr, 1, 1, 3.5);
                Para(UiText.Get("EvalReport.VerifyAt", document.VerifyUrl), 18);
            }
            else
            {
                Para(UiText.Get("EvalReport.Provisional"), 22, bold: true);
            }

            if (c.IsDemo)
            {
                Para(UiText.Get("EvalReport.DemoNote"), 20, bold: true);
            }

            Para(UiText.Get("EvalReport.Date", Format.Date(c.Date)), 20);

            Heading(UiText.Get("EvalReport.Result"));
            Para(UiText.Get("EvalReport.Index", c.Index100 is { } i100 ? Format.Number(i100, 2) : "–", c.Index is { } i5 ? Format.Number(i5, 2) : "–"), 24, bold: true);
            Para(UiText.Get("EvalReport.Predicate", c.Predicate ?? "–"));
            Para(c.Rank is { } rank ? UiText.Get("EvalReport.Rank", rank, c.Ranked) : UiText.Get("EvalReport.NoRank"));
            static string N(decimal? value) => value is { } v ? Format.Number(v, 1) : "–";
            Table([UiText.Get("Scores.Dimension"), UiText.Get("EvalReport.Score"), UiText.Get("EvalReport.IndicatorsShort"), UiText.Get("EvalReport.ProgrammesShort"), UiText.Get("EvalReport.PerceptionShort")],
                c.Dimensions.Select(d => new[] { d.Name, N(d.Score), N(d.Indicators), N(d.Programmes), N(d.Perception) }).ToList());
            Heading(UiText.Get("EvalReport.Findings"));
            foreach (var d in c.Dimensions)
            {
                Para(d.Name, 20, bold: true);
                foreach (var finding in d.Findings)
                {
                    Para("• " + finding, 20);
                }
            }

            Heading(UiText.Get("EvalReport.Programmes"));
            Table([UiText.Get("Scores.Programme"), UiText.Get("Scores.Dimension"), UiText.Get("Scores.SelfLevel"), UiText.Get("Scores.VerifiedLevel")],
                c.Programmes.Select(p => new[] { p.Name, p.Dimension, p.SelfLevel.ToString(System.Globalization.CultureInfo.InvariantCulture), p.VerifiedLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "–" }).ToList());
            Heading(UiText.Get("EvalReport.Risks"));
            if (document.RiskMap is { } map)
            {
                Picture(map, 800, 640, 12);
            }

            Table([UiText.Get("Report.Risk"), UiText.Get("Scores.Programme"), UiText.Get("RiskCriteria.Magnitude"), UiText.Get("RiskCriteria.Level")],
                c.HighestRisks.Select(r => new[] { r.Title, r.Programme, r.Magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Level }).ToList());
            Heading(UiText.Get("EvalReport.Obstacles"));
            Table([UiText.Get("Obstacles.Description"), UiText.Get("Obstacles.Status"), UiText.Get("Obstacles.SupportFrom")], c.Obstacles.Select(o => new[] { o.Description, o.Status, o.Support }).ToList());
            Heading(UiText.Get("EvalReport.NewRecommendations"));
            Table([UiText.Get("Recommendations.Recommendation"), UiText.Get("Recommendations.AddressedTo"), UiText.Get("Recommendations.PriorityField"), UiText.Get("Recommendations.DuePeriod")],
                c.NewRecommendations.Select(r => new[] { r.Text, r.AddressedTo, r.Priority, r.DuePeriod }).ToList());
            Heading(UiText.Get("EvalReport.FollowUps"));
            Table([UiText.Get("Recommendations.Recommendation"), UiText.Get("Recommendations.DuePeriod"), UiText.Get("NationalObstacles.FollowUpStatus"), UiText.Get("Recommendations.VerdictField")],
                c.FollowUps.Select(f => new[] { f.Text, f.DuePeriod, f.Status, f.Verdict ?? "–" }).ToList());
            Heading(UiText.Get("EvalReport.Signatures"));
            Para(UiText.Get("EvalReport.SignatureLead", Format.Date(c.Date)));
            Para(string.Empty);
            Para(string.Empty);
            Para(UiText.Get("EvalReport.SignatureLine"));
            Para(UiText.Get("EvalReport.SignatureTeam"));
            main.Document.Save();
        }

        return stream.ToArray();
    }
}
