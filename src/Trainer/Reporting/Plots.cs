using System.Globalization;
using ScottPlot;
using SpeechEmotion.Runtime;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>The PNG figures of a run: training curves, confusion matrix, per-class F1. Written atomically.</summary>
internal static class Plots
{
    private static readonly Color Train = Color.FromHex("#1f77b4");
    private static readonly Color Validation = Color.FromHex("#ff7f0e");
    private static readonly Color Extra = Color.FromHex("#2ca02c");

    static Plots() => Fonts.Default = "DejaVu Sans";

    /// <summary>Three stacked panels over the epochs: loss (train, validation), accuracy and macro-F1, learning rate.</summary>
    public static void TrainingCurves(string path, IReadOnlyList<EpochReport> history, int? bestEpoch, string title)
    {
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var multiplot = new Multiplot();
        multiplot.AddPlots(3);
        var (loss, accuracy, rate) = (multiplot.GetPlot(0), multiplot.GetPlot(1), multiplot.GetPlot(2));

        AddSeries(loss, epochs, history.Select(h => h.TrainLoss), "train", Train);
        AddSeries(loss, epochs, history.Select(h => h.ValidationLoss), "validation", Validation);
        Style(loss, $"{title}: loss", "cross-entropy");

        AddSeries(accuracy, epochs, history.Select(h => h.TrainAccuracy), "train accuracy", Train);
        AddSeries(accuracy, epochs, history.Select(h => h.ValidationAccuracy), "validation accuracy", Validation);
        AddSeries(accuracy, epochs, history.Select(h => h.ValidationMacroF1), "validation macro-F1", Extra);
        Style(accuracy, "Accuracy and macro-F1", "score");
        accuracy.Axes.SetLimitsY(0, 1.05);

        var lr = AddSeries(rate, epochs, history.Select(h => h.LearningRate), "learning rate", Train);
        lr.ConnectStyle = ConnectStyle.StepHorizontal;
        Style(rate, "Learning rate", "learning rate");
        rate.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            LabelFormatter = v => v.ToString("0.0#e0", CultureInfo.InvariantCulture),
        };
        // From zero, so a constant rate is a flat line at its value rather than the centre of an arbitrary range.
        rate.Axes.SetLimitsY(0, Math.Max(1e-12, history.Count == 0 ? 1 : history.Max(h => h.LearningRate)) * 1.15);

        foreach (var plot in new[] { loss, accuracy, rate })
        {
            // Equal margins line the three x axes up; the right margin holds the legend.
            plot.Layout.Fixed(new PixelPadding(80, 200, 55, 45));
            plot.XLabel("epoch");
            var max = epochs.Length == 0 ? 1 : epochs.Max();
            plot.Axes.SetLimitsX(0.5, max + 0.5);
            if (max <= 20)
                plot.Axes.Bottom.SetTicks(epochs, epochs.Select(e => e.ToString(CultureInfo.InvariantCulture)).ToArray());
            if (bestEpoch is int best)
            {
                var line = plot.Add.VerticalLine(best, 1.5f, Colors.Gray, LinePattern.Dashed);
                line.LegendText = $"best epoch {best}";
            }
        }
        Save(path, s => multiplot.SavePng(s, 1100, 1150));
    }

    /// <summary>Counts in the cells, shaded by the fraction of the true class (row) they hold.</summary>
    public static void ConfusionMatrix(string path, int[,] counts, IReadOnlyList<string> labels, string title)
    {
        var n = labels.Count;
        var plot = new Plot();
        for (var r = 0; r < n; r++)
        {
            var rowTotal = Enumerable.Range(0, n).Sum(c => counts[r, c]);
            for (var c = 0; c < n; c++)
            {
                var fraction = rowTotal > 0 ? (double)counts[r, c] / rowTotal : 0;
                var y = n - 1 - r;
                var cell = plot.Add.Rectangle(c - 0.5, c + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = Shade(fraction);
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                var text = plot.Add.Text(counts[r, c].ToString(CultureInfo.InvariantCulture), c, y);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = n <= 8 ? 18 : 12;
                text.LabelBold = r == c;
                text.LabelFontColor = fraction > 0.45 ? Colors.White : Colors.Black;
            }
        }
        var positions = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, labels.ToArray());
        plot.Axes.Left.SetTicks(positions.Select(p => n - 1 - p).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.SetLimits(-0.5, n - 0.5, -0.5, n - 0.5);
        plot.HideGrid();
        plot.Title(title);
        plot.XLabel("predicted emotion");
        plot.YLabel("true emotion (shade = fraction of the row)");
        Save(path, s => plot.SavePng(s, 860, 800));
    }

    /// <summary>One bar per class with its value on top, a dashed line at the macro average, optional error bars (std over folds).</summary>
    public static void PerClassF1(string path, IReadOnlyList<string> labels, IReadOnlyList<double> f1, string title, IReadOnlyList<double>? spread = null)
    {
        var plot = new Plot();
        var bars = labels.Select((_, i) => new Bar
        {
            Position = i,
            Value = f1[i],
            FillColor = Train,
            Label = f1[i].ToString("0.00", CultureInfo.InvariantCulture),
            Error = spread?[i] ?? 0,
            // With error bars the value goes inside the bar, where the whisker cannot cover it.
            CenterLabel = spread is not null,
        }).ToArray();
        var series = plot.Add.Bars(bars);
        series.ValueLabelStyle.FontSize = 14;
        if (spread is not null)
        {
            series.ValueLabelStyle.ForeColor = Colors.White;
            series.ValueLabelStyle.Bold = true;
        }
        var macro = f1.Average();
        var line = plot.Add.HorizontalLine(macro, 1.5f, Validation, LinePattern.Dashed);
        line.LegendText = $"macro-F1 {macro:0.000}";
        plot.Axes.Bottom.SetTicks(labels.Select((_, i) => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.Axes.SetLimits(-0.6, labels.Count - 0.4, 0, 1.12);
        plot.Title(title);
        plot.YLabel("F1");
        plot.XLabel("emotion");
        plot.ShowLegend(Alignment.UpperRight);
        Save(path, s => plot.SavePng(s, 900, 520));
    }

    private static ScottPlot.Plottables.Scatter AddSeries(Plot plot, double[] xs, IEnumerable<double> values, string label, Color color)
    {
        var scatter = plot.Add.Scatter(xs, values.ToArray(), color);
        scatter.LegendText = label;
        scatter.MarkerSize = xs.Length > 60 ? 0 : 5;
        scatter.LineWidth = 2;
        return scatter;
    }

    private static void Style(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.YLabel(yLabel);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 13;
        plot.Axes.Left.TickLabelStyle.FontSize = 13;
        plot.ShowLegend(Edge.Right);   // outside the data, which may be anywhere
    }

    /// <summary>White (0) to dark blue (1).</summary>
    private static Color Shade(double fraction)
    {
        static byte Mix(int from, int to, double t) => (byte)Math.Round(from + (to - from) * t);
        var t = Math.Clamp(fraction, 0, 1);
        return new Color(Mix(255, 8, t), Mix(255, 48, t), Mix(255, 107, t));
    }

    /// <summary>Renders to a private temporary file, then writes the target through <see cref="AtomicFile"/>.</summary>
    private static void Save(string path, Action<string> render)
    {
        var rendered = Path.Combine(Path.GetTempPath(), $"speech-emotion-{Environment.ProcessId}-{Guid.NewGuid():N}.png");
        try
        {
            render(rendered);
            AtomicFile.Write(path, s =>
            {
                using var source = File.OpenRead(rendered);
                source.CopyTo(s);
            }, durable: false);
        }
        finally
        {
            File.Delete(rendered);
        }
    }
}
