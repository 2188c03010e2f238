using System.Globalization;
using Spectre.Console;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>Console tables of a run: the epoch history and the test metrics.</summary>
internal static class ResultTables
{
    /// <summary>One row per epoch; the best epoch (whose weights the bundle holds) is marked.</summary>
    public static Table Epochs(IReadOnlyList<EpochReport> history, int bestEpoch)
    {
        var table = new Table().Title("Epochs (* = best, restored)").Border(TableBorder.Rounded);
        foreach (var column in new[] { "epoch", "train loss", "train acc", "val loss", "val acc", "val macro-F1", "lr", "s" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var r in history)
        {
            table.AddRow(
                $"{r.Epoch}{(r.Epoch == bestEpoch ? "*" : "")}", F(r.TrainLoss), F(r.TrainAccuracy), F(r.ValidationLoss),
                F(r.ValidationAccuracy), F(r.ValidationMacroF1), r.LearningRate.ToString("0.0e0", CultureInfo.InvariantCulture),
                r.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
        }
        return table;
    }

    /// <summary>Accuracy, UAR, macro-F1 and the per-class precision / recall / F1 / support.</summary>
    public static Table Metrics(EvaluationReport report, string title)
    {
        var table = new Table().Title(Markup.Escape(title)).Border(TableBorder.Rounded);
        table.AddColumn("emotion");
        foreach (var column in new[] { "precision", "recall", "F1", "support" })
            table.AddColumn(new TableColumn(column).RightAligned());
        for (var i = 0; i < report.Labels.Count; i++)
            table.AddRow(Markup.Escape(report.Labels[i]), F(report.Precision[i]), F(report.Recall[i]), F(report.F1[i]), report.Support[i].ToString(CultureInfo.InvariantCulture));
        table.AddEmptyRow();
        table.AddRow("macro", F(report.MacroPrecision), F(report.Uar), F(report.MacroF1), report.Count.ToString(CultureInfo.InvariantCulture));
        table.Caption($"accuracy {F(report.Accuracy)} · UAR {F(report.Uar)} · macro-F1 {F(report.MacroF1)}");
        return table;
    }

    private static string F(double value) => RunReportWriter.F(value);
}
