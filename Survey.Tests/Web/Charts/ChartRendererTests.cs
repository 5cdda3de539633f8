using SkiaSharp;
using Survey.Web.Features.Charts;

namespace Survey.Tests.Web.Charts;

/// <summary>Every chart type drawn to PNG (decodes, requested size, not blank, text drawn) and to SVG (labels present).</summary>
public sealed class ChartRendererTests
{
    private static readonly string[] Dimensions = ["Smart Governance", "Smart Branding", "Smart Economy", "Smart Living", "Smart Society", "Smart Environment"];

    private static IEnumerable<TestCaseData> Charts()
    {
        yield return new TestCaseData(new ChartData("radar", "Enam dimensi Kabupaten Tuban", Dimensions,
            [new("Kabupaten Tuban", [78.1, 41.0, 55.5, 60.2, null, 70.0]), new("Median nasional", [50, 50, 50, 50, 50, 50])], [], 0, 100, "Skor")).SetName("Radar");
        yield return new TestCaseData(new ChartData("components", "Komponen skor per dimensi", Dimensions,
            [new("Indikator", [30, 20, 25, 28, 10, 33]), new("Program unggulan", [20, 10, 15, 12, null, 9]), new("Persepsi warga", [10, 11, 12, 13, 14, 15])], [], 0, 100, "Skor")).SetName("Components");
        yield return new TestCaseData(new ChartData("ranking", "Peringkat indeks", ["1. Kota Surabaya", "2. Kabupaten Tuban", "* Kota Bandung"],
            [new("Indeks", [4.1, 3.42, 2.0])], [new("Memuaskan", 4.2, 5), new("Sangat Baik", 3.5, 4.2), new("Baik", 2.6, 3.5), new("Cukup", 1.8, 2.6), new("Kurang", 1, 1.8)], 1, 5, "Indeks (1–5)")).SetName("Ranking");
        yield return new TestCaseData(new ChartData("trend", "Perkembangan Kabupaten Tuban", ["Semester I 2025", "Semester II 2025", "Semester I 2026"],
            [new("Indeks (0–100)", [40, 45.5, 52]), new("Smart Governance", [50, null, 60])], [], 0, 100, "Skor")).SetName("Trend");
        yield return new TestCaseData(new ChartData("distribution", "Sebaran jawaban per butir", ["R-GOV-01", "R-GOV-02"],
            [new("1", [10, 5]), new("2", [20, 10]), new("3", [30, 25]), new("4", [25, 40]), new("5", [15, 20])], [], 0, 100, "Persen")).SetName("Distribution");
        yield return new TestCaseData(new ChartData("risks", "Peta risiko program unggulan", ["1", "2", "3", "4", "5"],
            [.. Enumerable.Range(1, 5).Reverse().Select(i => new ChartSeries("Dampak " + i, [i == 5 ? 2 : 0, 0, i == 3 ? 1 : 0, 0, 0]))], [], 0, 5, "Kemungkinan")).SetName("Risks");
        yield return new TestCaseData(new ChartData("completeness", "Kelengkapan indikator", Dimensions,
            [new("Terisi", [100, 80, 66.7, 50, 20, 0])], [], 0, 100, "Persen")).SetName("Completeness");
    }

    [Test]
    public void TheChartFont_IsInstalled_SoThatChartsHaveText()
    {
        using var typeface = SKFontManager.Default.MatchFamily(ChartRenderer.FontName);
        Assert.That(typeface?.FamilyName, Is.EqualTo(ChartRenderer.FontName), "install fonts-dejavu-core: without it charts are drawn without any text");
    }

    [TestCaseSource(nameof(Charts))]
    public void Png_DecodesAtTheRequestedSize_IsNotBlank_AndHasTextInTheTitleArea(ChartData data)
    {
        var png = ChartRenderer.Png(data, 640, 480);
        using var bitmap = SKBitmap.Decode(png);
        Assert.That(bitmap, Is.Not.Null, "a valid PNG");
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((640, 480)));

        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        Assert.That(colours, Has.Count.GreaterThan(8), "more than a blank background");

        // The title sits in the top band: text shows as dark pixels there.
        var dark = 0;
        for (var y = 0; y < 40; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = bitmap.GetPixel(x, y);
                if (p.Red < 90 && p.Green < 90 && p.Blue < 90)
                {
                    dark++;
                }
            }
        }

        Assert.That(dark, Is.GreaterThan(30), "text (the title or spoke labels) is drawn");
    }

    [TestCaseSource(nameof(Charts))]
    public void Svg_ContainsTheLabels(ChartData data)
    {
        var svg = ChartRenderer.Svg(data, 640, 480);
        Assert.That(svg, Does.StartWith("<svg").Or.StartWith("<?xml"));
        Assert.That(svg, Does.Contain(data.Categories[0].Replace("&", "&amp;", StringComparison.Ordinal)));
        Assert.That(svg, Does.Contain(data.Title), "every chart, the radar too, carries its title");
    }

    [Test]
    public void Numbers_AreWrittenTheIndonesianWay()
    {
        var svg = ChartRenderer.Svg(new ChartData("ranking", "Peringkat", ["Kabupaten Tuban"], [new("Indeks", [3.42])], [], 1, 5, "Indeks"), 640, 300);
        Assert.That(svg, Does.Contain("3,4"));
    }

    [Test]
    public void Size_IsBounded() =>
        Assert.That(ChartRenderer.Size(99_999, 1), Is.EqualTo((2000, 200)));

    [Test]
    public void RankingLabels_ReadTheIndexToTwoDecimals_LikeEveryOtherPlace()
    {
        var ranking = (ChartData)Charts().Single(c => c.TestName == "Ranking").Arguments[0]!;

        Assert.That(ChartRenderer.BarLabel(ranking, 4.23), Is.EqualTo("4,23"));
        Assert.That(ChartRenderer.BarLabel(ranking, 4.15), Is.EqualTo("4,15"));
        Assert.That(ChartRenderer.Svg(ranking, 640, 480), Does.Contain("3,42"));
    }

    [Test]
    public void Trend_PlotsTheIndexAndTheDimensionsOnTheIndexsOneToFiveScale()
    {
        var methodology = Survey.Data.Catalogue.IndicatorFiles.Load(Survey.Tests.Support.RepositoryPaths.Indicators).Methodology("v1")!;
        var dimensions = methodology.Dimensions.Select((d, i) => new Survey.Domain.Scoring.DimensionScore(d.Code, i == 0 ? 75m : null, null, null, null, 1, 0, 0, 0, 0)).ToList();
        var score = new Survey.Domain.Scoring.RegionScore("3523", false, 3.4m, 60m, null, 0, dimensions, [], [], []);

        var (data, _) = ChartBuilder.Trend([("Semester I 2026", score)], methodology, "Kabupaten Tuban");

        Assert.That((data.Minimum, data.Maximum), Is.EqualTo((1d, 5d)));
        Assert.That(data.ValueLabel, Is.EqualTo("Indeks (1–5)"));
        Assert.That(data.Series[0].Values.Single(), Is.EqualTo(3.4).Within(1e-9), "the index as 1-5, not its 0-100 form");
        Assert.That(data.Series[1].Values.Single(), Is.EqualTo(4.0).Within(1e-9), "a dimension score of 75 is 1 + 4 × 0,75 = 4");
    }
}
