using System.Globalization;
using ScottPlot;
using Survey.Web.Infrastructure;

namespace Survey.Web.Features.Charts;

/// <summary>A series of values over categories; <c>null</c> is a missing value.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double?> Values)
{
    /// <summary>A colour of its own (<c>#rrggbb</c>, e.g. a risk level's colour from the criteria) instead of the palette's.</summary>
    public string? Colour { get; init; }
}

/// <summary>A background band on the value axis (e.g. a predicate band of the index).</summary>
public sealed record ChartBand(string Name, double From, double To);

/// <summary>One chart's data, whatever its kind: categories, series, optional bands and limits.</summary>
/// <param name="Kind">radar, components, ranking, trend, distribution, risks, completeness.</param>
/// <param name="Title">The title drawn on the chart.</param>
/// <param name="Categories">Labels of the categories (dimensions, regions, periods, items).</param>
/// <param name="Series">The series, in legend order.</param>
/// <param name="Bands">Background bands on the value axis.</param>
/// <param name="Minimum">The value axis starts here.</param>
/// <param name="Maximum">The value axis ends here.</param>
/// <param name="ValueLabel">What the values are (axis label).</param>
public sealed record ChartData(string Kind, string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, IReadOnlyList<ChartBand> Bands, double Minimum, double Maximum, string ValueLabel);

/// <summary>
/// Every chart of the product, drawn with one style: DejaVu Sans, the Okabe-Ito palette (distinguishable
/// with the common colour-vision deficiencies), id-ID numbers, labels in the UI language (passed in).
/// </summary>
public static class ChartRenderer
{
    /// <summary>The Okabe-Ito palette: blue, orange, bluish green, vermillion, sky blue, reddish purple, yellow.</summary>
    public static readonly Color[] Palette =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#D55E00"),
        Color.FromHex("#56B4E9"), Color.FromHex("#CC79A7"), Color.FromHex("#F0E442"),
    ];

    public const string FontName = "DejaVu Sans";

    public const int DefaultWidth = 800;
    public const int DefaultHeight = 600;

    static ChartRenderer() => Fonts.Default = FontName;

    /// <summary>Keeps a requested size within bounds (200-2000 x 150-1500).</summary>
    /// <summary>The widths an image is drawn at; a requested width snaps to the nearest.</summary>
    public static readonly IReadOnlyList<int> Widths = [320, 400, 500, 600, 800, 900, 1000, 1200, 1600, 2000];

    /// <summary>The heights an image is drawn at; a requested height snaps to the nearest.</summary>
    public static readonly IReadOnlyList<int> Heights = [200, 240, 320, 400, 500, 600, 800, 1000, 1200, 1500];

    /// <summary>
    /// The drawn size for a requested one: each side snapped to the nearest preset, so that requests of random
    /// sizes share a few cached images instead of each costing a drawing.
    /// </summary>
    public static (int Width, int Height) Size(int? width, int? height) =>
        (Nearest(Widths, width ?? DefaultWidth), Nearest(Heights, height ?? DefaultHeight));

    private static int Nearest(IReadOnlyList<int> presets, int requested) =>
        presets.OrderBy(p => Math.Abs((long)p - requested)).ThenByDescending(p => p).First();

    public static byte[] Png(ChartData data, int width, int height)
    {
        using var plot = Build(data);
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public static string Svg(ChartData data, int width, int height)
    {
        using var plot = Build(data);
        return plot.GetSvgXml(width, height);
    }

    /// <summary>A number as the users read it (id-ID, one decimal).</summary>
    public static string Number(double value) => value.ToString("#,0.#", ServiceRegistration.FormatCulture);

    /// <summary>The label on a bar: an index on 1-5 to two decimals, as everywhere else (4,23 and 4,15 must not both read 4,2); scores 0-100 to one.</summary>
    public static string BarLabel(ChartData data, double value)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Maximum <= 5 ? value.ToString("0.00", ServiceRegistration.FormatCulture) : Number(value);
    }

    private static Plot Build(ChartData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Fonts.Default = FontName;
        var plot = new Plot();
        plot.Title(data.Title, 16);
        plot.Font.Set(FontName);
        switch (data.Kind)
        {
            case "radar":
                Radar(plot, data);
                break;
            case "ranking":
                Bars(plot, data, horizontal: true, stacked: false);
                break;
            case "trend":
                Trend(plot, data);
                break;
            case "risks":
                Heatmap(plot, data);
                break;
            case "components":
            case "distribution":
            case "risk-categories":
            case "risk-units":
                Bars(plot, data, horizontal: data.Kind != "components", stacked: true);
                break;
            default:
                Bars(plot, data, horizontal: false, stacked: false);
                break;
        }

        plot.Font.Set(FontName);
        return plot;
    }

    private static void Radar(Plot plot, ChartData data)
    {
        var values = new double[data.Series.Count, data.Categories.Count];
        for (var s = 0; s < data.Series.Count; s++)
        {
            for (var c = 0; c < data.Categories.Count; c++)
            {
                values[s, c] = Math.Clamp(data.Series[s].Values[c] ?? 0, data.Minimum, data.Maximum);
            }
        }

        var radar = plot.Add.Radar(values);
        radar.PolarAxis.SetSpokes([.. data.Categories], data.Maximum * 1.08);
        radar.PolarAxis.SetCircles([25, 50, 75, 100], ["25", "50", "75", "100"]);
        for (var s = 0; s < radar.Series.Count; s++)
        {
            var color = Palette[s % Palette.Length];
            radar.Series[s].LegendText = data.Series[s].Name;
            radar.Series[s].FillStyle.Color = color.WithAlpha(s == 0 ? 0.35 : 0.08);
            radar.Series[s].LineStyle.Color = color;
            radar.Series[s].LineStyle.Width = s == 0 ? 3 : 2;
            radar.Series[s].LineStyle.Pattern = s == 0 ? LinePattern.Solid : s == 1 ? LinePattern.Dashed : LinePattern.Dotted;
        }

        // Frameless hides the title panel with the axes; the title is shown again.
        plot.Axes.Frameless();
        plot.Title(data.Title, 16);
        plot.HideGrid();
        if (data.Series.Count > 1)
        {
            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static void Bars(Plot plot, ChartData data, bool horizontal, bool stacked)
    {
        var n = data.Categories.Count;
        foreach (var band in data.Bands)
        {
            var color = Palette[(data.Bands.ToList().IndexOf(band) + 2) % Palette.Length].WithAlpha(0.12);
            if (horizontal)
            {
                plot.Add.HorizontalSpan(band.From, band.To, color);
            }
            else
            {
                plot.Add.VerticalSpan(band.From, band.To, color);
            }

            var label = horizontal ? plot.Add.Text(band.Name, (band.From + band.To) / 2, n - 0.3) : plot.Add.Text(band.Name, -0.45, (band.From + band.To) / 2);
            label.LabelFontSize = 11;
            label.LabelFontColor = Colors.Black.WithAlpha(0.7);
            label.LabelAlignment = horizontal ? Alignment.LowerCenter : Alignment.MiddleLeft;
        }

        var bars = new List<Bar>();
        var legend = new List<(string Name, Color Color)>();
        for (var s = 0; s < data.Series.Count; s++)
        {
            var color = data.Series[s].Colour is { } own ? Color.FromHex(own) : Palette[s % Palette.Length];
            legend.Add((data.Series[s].Name, color));
            for (var c = 0; c < n; c++)
            {
                if (data.Series[s].Values[c] is not { } value)
                {
                    continue;
                }

                var below = stacked ? data.Series.Take(s).Sum(x => x.Values[c] ?? 0) : 0;
                var position = horizontal ? n - 1 - c : c;
                var size = stacked || data.Series.Count == 1 ? 0.7 : 0.7 / data.Series.Count;
                var offset = stacked || data.Series.Count == 1 ? 0 : (s - ((data.Series.Count - 1) / 2.0)) * size;
                bars.Add(new Bar
                {
                    Position = position + offset,
                    ValueBase = below,
                    Value = below + value,
                    Size = size,
                    FillColor = color,
                    LineWidth = 0,
                    Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
                    Label = !stacked && value > 0 ? BarLabel(data, value) : string.Empty,
                });
            }
        }

        var plotted = plot.Add.Bars(bars);
        plotted.Horizontal = horizontal;
        plotted.ValueLabelStyle.FontSize = 11;
        var positions = Enumerable.Range(0, n).Select(i => (double)(horizontal ? n - 1 - i : i)).ToArray();
        var categoryAxis = horizontal ? (ScottPlot.IAxis)plot.Axes.Left : plot.Axes.Bottom;
        categoryAxis.SetTicks(positions, [.. data.Categories]);
        if (horizontal)
        {
            plot.Axes.SetLimits(data.Minimum, data.Maximum, -0.6, n - 0.4 + (data.Bands.Count > 0 ? 0.6 : 0));
            plot.XLabel(data.ValueLabel);
        }
        else
        {
            plot.Axes.SetLimits(-0.6, n - 0.4, data.Minimum, data.Maximum);
            plot.YLabel(data.ValueLabel);
            if (data.Categories.Any(c => c.Length > 10))
            {
                plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
                plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
                plot.Axes.Bottom.MinimumSize = 80;
            }
        }

        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        if (data.Kind is "risk-categories" or "risk-units")
        {
            // Counts of risks: whole-number ticks only.
            var step = Math.Max(1, (int)Math.Ceiling(data.Maximum / 10));
            var ticks = Enumerable.Range(0, ((int)data.Maximum / step) + 1).Select(i => (double)(i * step)).ToArray();
            plot.Axes.Bottom.SetTicks(ticks, [.. ticks.Select(t => t.ToString(CultureInfo.InvariantCulture))]);
        }

        if (legend.Count > 1)
        {
            foreach (var (name, color) in legend)
            {
                plot.Legend.ManualItems.Add(new LegendItem { LabelText = name, FillColor = color });
            }

            plot.ShowLegend(Edge.Bottom);
        }
    }

    private static void Trend(Plot plot, ChartData data)
    {
        var n = data.Categories.Count;
        for (var s = 0; s < data.Series.Count; s++)
        {
            var points = data.Series[s].Values.Select((v, i) => (v, i)).Where(p => p.v is not null).ToList();
            if (points.Count == 0)
            {
                continue;
            }

            var line = plot.Add.Scatter(points.Select(p => (double)p.i).ToArray(), points.Select(p => p.v!.Value).ToArray(), Palette[s % Palette.Length]);
            line.LegendText = data.Series[s].Name;
            line.LineWidth = s == 0 ? 3 : 1.5f;
            line.MarkerSize = s == 0 ? 8 : 5;
            line.LinePattern = s == 0 ? LinePattern.Solid : (s % 2 == 0 ? LinePattern.Dashed : LinePattern.Solid);
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)i)], [.. data.Categories]);
        plot.Axes.SetLimits(-0.3, Math.Max(n - 0.7, 0.3), data.Minimum, data.Maximum);
        plot.YLabel(data.ValueLabel);
        plot.ShowLegend(Edge.Right);
    }

    private static void Heatmap(Plot plot, ChartData data)
    {
        // Series = rows (impact 5 at the top), Categories = columns (likelihood 1-5).
        var rows = data.Series.Count;
        var columns = data.Categories.Count;
        var counts = new double[rows, columns];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                counts[r, c] = data.Series[r].Values[c] ?? 0;
            }
        }

        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                // Background by rating band (likelihood x impact), so that the grid reads like a risk matrix.
                var impact = rows - r;
                var rating = impact * (c + 1);
                var background = rating >= 17 ? Palette[3] : rating >= 10 ? Palette[1] : rating >= 5 ? Palette[6] : Palette[2];
                var cell = plot.Add.Rectangle(c + 0.5, c + 1.5, impact - 0.5, impact + 0.5);
                cell.FillStyle.Color = background.WithAlpha(0.45);
                cell.LineStyle.Color = Colors.White;
                cell.LineStyle.Width = 2;
                var count = counts[r, c];
                var text = plot.Add.Text(count > 0 ? count.ToString(CultureInfo.InvariantCulture) : "·", c + 1, impact);
                text.LabelFontSize = count > 0 ? 20 : 12;
                text.LabelBold = count > 0;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = Colors.Black;
            }
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(1, columns).Select(i => (double)i)], [.. data.Categories]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(1, rows).Select(i => (double)i)], [.. data.Series.Select(s => s.Name).Reverse()]);
        plot.Axes.SetLimits(0.5, columns + 0.5, 0.5, rows + 0.5);
        plot.XLabel(data.ValueLabel);
        plot.HideGrid();
    }
}
