using ScottPlot;
using Survey.Domain.Risks;

namespace Survey.Web.Features.Charts;

/// <summary>One risk on the map: its number, its inherent position and where it goes (target or current), if anywhere.</summary>
public sealed record RiskMapPoint(int Number, string Title, int Likelihood, int Impact, int? ToLikelihood, int? ToImpact);

/// <summary>
/// The region's risk map: the 5x5 matrix in the criteria's colours (impact across, likelihood up), each risk's
/// inherent position as a numbered circle and an arrow to its target or current position. Risks sharing a cell
/// sit on a grid inside it, so that no number covers another however many there are.
/// </summary>
public static class RiskMap
{
    /// <summary>The colour of the risks' numbers (near black; distinct from the magnitudes and ticks in the SVG).</summary>
    public static readonly Color LabelColour = Color.FromHex("#1A1A1A");

    /// <summary>
    /// Where each point is drawn: its inherent cell's centre offset to a free slot of a square grid fitted to the
    /// number of risks in that cell (1, 2x2, 3x3, ...); the arrow's tip likewise gets its own slot among the risks
    /// that move into the same cell, so that arrows into one cell end apart.
    /// </summary>
    public static IReadOnlyList<(RiskMapPoint Point, double X, double Y, double? ToX, double? ToY, double Slot)> Layout(IReadOnlyList<RiskMapPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var tips = new Dictionary<int, (double X, double Y)>();
        foreach (var cell in points.Where(p => p.ToLikelihood is not null && p.ToImpact is not null).GroupBy(p => (p.ToLikelihood!.Value, p.ToImpact!.Value)))
        {
            var members = cell.OrderBy(p => p.Number).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var (dx, dy, _) = Offset(i, members.Count);
                tips[members[i].Number] = (cell.Key.Item2 + dx, cell.Key.Item1 + dy);
            }
        }

        var result = new List<(RiskMapPoint, double, double, double?, double?, double)>(points.Count);
        foreach (var cell in points.GroupBy(p => (p.Likelihood, p.Impact)))
        {
            var members = cell.OrderBy(p => p.Number).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var (dx, dy, slot) = Offset(i, members.Count);
                var p = members[i];
                var tip = tips.TryGetValue(p.Number, out var t) ? t : ((double X, double Y)?)null;
                result.Add((p, p.Impact + dx, p.Likelihood + dy, tip?.X, tip?.Y, slot));
            }
        }

        return result.OrderBy(r => r.Item1.Number).ToList();
    }

    // The i-th of n slots of a square grid inside a cell (0,9 wide), as an offset from the cell's centre.
    private static (double Dx, double Dy, double Slot) Offset(int i, int n)
    {
        var side = (int)Math.Ceiling(Math.Sqrt(n));
        var slot = 0.9 / side;
        var (row, column) = (i / side, i % side);
        return (-0.45 + (slot * (column + 0.5)), 0.45 - (slot * (row + 0.5)), slot);
    }

    public static byte[] Png(RiskCriteria criteria, IReadOnlyList<RiskMapPoint> points, string title, string likelihoodLabel, string impactLabel, int width, int height)
    {
        using var plot = Build(criteria, points, title, likelihoodLabel, impactLabel);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public static string Svg(RiskCriteria criteria, IReadOnlyList<RiskMapPoint> points, string title, string likelihoodLabel, string impactLabel, int width, int height)
    {
        using var plot = Build(criteria, points, title, likelihoodLabel, impactLabel);
        return plot.GetSvgXml(width, height);
    }

    private static Plot Build(RiskCriteria criteria, IReadOnlyList<RiskMapPoint> points, string title, string likelihoodLabel, string impactLabel)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        Fonts.Default = ChartRenderer.FontName;
        var plot = new Plot();
        plot.Font.Set(ChartRenderer.FontName);
        plot.Title(title, 16);
        for (var l = 1; l <= RiskCriteria.Levels; l++)
        {
            for (var i = 1; i <= RiskCriteria.Levels; i++)
            {
                var position = criteria.Position(l, i);
                var cell = plot.Add.Rectangle(i - 0.5, i + 0.5, l - 0.5, l + 0.5);
                cell.FillStyle.Color = Color.FromHex(position.Band.Colour);
                cell.LineStyle.Color = Colors.White;
                cell.LineStyle.Width = 2;
                // The magnitude, small in the cell's corner, so that the map reads like the matrix.
                var magnitude = plot.Add.Text(position.Magnitude.ToString(System.Globalization.CultureInfo.InvariantCulture), i + 0.47, l - 0.47);
                magnitude.LabelFontSize = 10;
                magnitude.LabelAlignment = Alignment.LowerRight;
                magnitude.LabelFontColor = Colors.Black.WithAlpha(0.6);
            }
        }

        var layout = Layout(points);
        foreach (var (_, x, y, toX, toY, _) in layout)
        {
            if (toX is { } tx && toY is { } ty && (Math.Abs(tx - x) > 0.01 || Math.Abs(ty - y) > 0.01))
            {
                var arrow = plot.Add.Arrow(new Coordinates(x, y), new Coordinates(tx, ty));
                arrow.ArrowLineColor = Colors.Black.WithAlpha(0.7);
                arrow.ArrowFillColor = Colors.Black.WithAlpha(0.7);
                arrow.ArrowLineWidth = 0;
                arrow.ArrowWidth = 2;
                arrow.ArrowheadWidth = 10;
                arrow.ArrowheadLength = 12;
            }
        }

        foreach (var (point, x, y, _, _, slot) in layout)
        {
            // The circle and its number scale with the slot: one risk in a cell is large, sixteen are small.
            var size = (float)Math.Clamp(slot * 40, 9, 30);
            var marker = plot.Add.Marker(x, y, MarkerShape.FilledCircle, size, Colors.White);
            marker.MarkerLineColor = Colors.Black;
            marker.MarkerLineWidth = 1;
            var label = plot.Add.Text(point.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), x, y);
            label.LabelFontSize = Math.Clamp(size * 0.55f, 7, 16);
            label.LabelBold = true;
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontColor = LabelColour;
        }

        double[] ticks = [1, 2, 3, 4, 5];
        plot.Axes.Bottom.SetTicks(ticks, [.. criteria.ImpactLevels.Select(l => $"{l.Level}")]);
        plot.Axes.Left.SetTicks(ticks, [.. criteria.LikelihoodLevels.Select(l => $"{l.Level}")]);
        plot.Axes.SetLimits(0.5, 5.5, 0.5, 5.5);
        plot.XLabel(impactLabel);
        plot.YLabel(likelihoodLabel);
        plot.HideGrid();
        return plot;
    }
}
