using Survey.Domain.DataFiles;
using Survey.Domain.Risks;
using Survey.Tests.Support;
using Survey.Web.Features.Charts;

namespace Survey.Tests.Web.Charts;

/// <summary>The risk map renders for 0, 1 and 40 risks, numbered, with no circle covering another's number.</summary>
public sealed class RiskMapTests
{
    private static readonly RiskCriteria V1 = RiskCriteriaParser.Parse(
        new DataFile("risk/v1.json", File.ReadAllText(Path.Combine(RepositoryPaths.Indicators, "risk", "v1.json"))), [])!;

    private static List<RiskMapPoint> Points(int count) =>
        Enumerable.Range(1, count).Select(n => new RiskMapPoint(n, $"Risiko {n}", 1 + (n % 3 == 0 ? 4 : n % 5), n <= 20 ? 5 : 1 + (n % 5), n % 2 == 0 ? 2 : null, n % 2 == 0 ? 2 : null)).ToList();

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(40)]
    public void TheMap_Renders_AsPngAndSvg_WithEveryNumber(int count)
    {
        var points = Points(count);
        var png = RiskMap.Png(V1, points, "Peta risiko", "Kemungkinan", "Dampak", 800, 640);
        var svg = RiskMap.Svg(V1, points, "Peta risiko", "Kemungkinan", "Dampak", 800, 640);
        Assert.Multiple(() =>
        {
            Assert.That(png.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "a PNG");
            Assert.That(png, Has.Length.GreaterThan(5000));
            Assert.That(svg, Does.Contain("Peta risiko").And.Contain("Kemungkinan"));
            // The risks' numbers are the texts in the label colour: exactly 1..count, each once.
            var numbers = System.Text.RegularExpressions.Regex.Matches(svg, "<text fill=\"#1A1A1A\"[^>]*>\\s*(\\d+)\\s*</text>", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
                .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
            Assert.That(numbers, Is.EqualTo(Enumerable.Range(1, count)), "every risk's number is drawn once");
        });
    }

    [TestCase(1)]
    [TestCase(40)]
    [TestCase(60)]
    public void RisksSharingACell_SitApart_InsideTheirCell(int count)
    {
        // The worst case: every risk in the same cell, each moving to another.
        var points = Enumerable.Range(1, count).Select(n => new RiskMapPoint(n, $"R{n}", 5, 5, 2, 3)).ToList();
        var layout = RiskMap.Layout(points);
        Assert.That(layout.Select(l => l.Point.Number), Is.EqualTo(Enumerable.Range(1, count)));
        foreach (var a in layout)
        {
            Assert.That(a.X, Is.InRange(4.55, 5.45), "inside the impact-5 column");
            Assert.That(a.Y, Is.InRange(4.55, 5.45), "inside the likelihood-5 row");
            foreach (var b in layout.Where(b => b.Point.Number > a.Point.Number))
            {
                var distance = Math.Sqrt(Math.Pow(a.X - b.X, 2) + Math.Pow(a.Y - b.Y, 2));
                Assert.That(distance, Is.GreaterThanOrEqualTo(a.Slot * 0.99), $"{a.Point.Number} and {b.Point.Number} do not overlap");
            }
        }
    }
}
