using System.Globalization;
using System.Text.Json;
using System.Text;
using SpeechEmotion.Data;
using SpeechEmotion.Runtime;
using SpeechEmotion.Trainer.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>Writes cv-report.json, cv-report.md and the summary plots of a cross-validation.</summary>
internal static class CvReportWriter
{
    public const string JsonFile = "cv-report.json";
    public const string MarkdownFile = "cv-report.md";

    public static void Write(string folder, CvReport report)
    {
        Directory.CreateDirectory(folder);
        var n = report.Labels.Count;
        var summed = new int[n, n];
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
                summed[r, c] = report.ConfusionMatrix[r][c];
        var subject = $"{report.Runs.Count} runs ({FoldsText(report.Folds)} x seeds {string.Join(",", report.Seeds)})";
        Plots.ConfusionMatrix(Path.Combine(folder, RunReportWriter.ConfusionPlot), summed, report.Labels, $"Confusion matrix summed over {subject}");
        Plots.PerClassF1(Path.Combine(folder, RunReportWriter.F1Plot), report.Labels, report.PerClassF1.Select(m => m.Mean).ToArray(),
            $"Per-class F1, mean ± std over {report.Runs.Count} runs", report.PerClassF1.Select(m => m.Std).ToArray());
        AtomicFile.WriteText(Path.Combine(folder, JsonFile), JsonSerializer.Serialize(report, TrainerJson.Options));
        AtomicFile.WriteText(Path.Combine(folder, MarkdownFile), Markdown(report, summed));
    }

    /// <summary>"EmoBox folds 1,2" or "random splits 9,1" (short enough for a plot title).</summary>
    private static string FoldsText(IReadOnlyList<string> folds)
    {
        var specs = folds.Select(SplitSpec.Parse).ToArray();
        if (specs.All(f => f.Kind == SplitKind.Corpus))
            return "corpora held out: " + string.Join(",", specs.Select(f => f.Corpus));
        if (specs.All(f => f.Kind == SplitKind.EmoBox))
            return "EmoBox folds " + string.Join(",", specs.Select(f => f.Fold));
        return specs.All(f => f.Kind == SplitKind.Random) ? "random splits " + string.Join(",", specs.Select(f => f.RandomSeed)) : string.Join(",", folds);
    }

    /// <summary>Held-out speakers; a random split holds out clips of every speaker instead.</summary>
    private static string SpeakersOrClips(IReadOnlyList<string> speakers) => speakers.Count > 0 ? RunReportWriter.Speakers(speakers) : "clips of all";

    /// <summary>The label a run gave most often and its share of the test clips, flagged above 40%.</summary>
    private static string MostPredicted(CvRun run, IReadOnlyList<string> labels)
    {
        var columns = Enumerable.Range(0, labels.Count).Select(c => run.ConfusionMatrix.Sum(row => row[c])).ToArray();
        var best = Array.IndexOf(columns, columns.Max());
        var share = run.TestClips == 0 ? 0 : (double)columns[best] / run.TestClips;
        return string.Create(CultureInfo.InvariantCulture, $"{labels[best]} {share:0%}{(share > SpeechEmotion.Training.EvaluationReport.DominantShareLimit ? " (!)" : "")}");
    }

    public static string Markdown(CvReport r, int[,] summed)
    {
        var md = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        md.AppendLine(inv, $"# Cross-validation: {FoldsText(r.Folds)}; seeds {string.Join(", ", r.Seeds)}");
        md.AppendLine();
        if (r.SpeakerIndependent)
        {
            md.AppendLine(inv, $"Data: {string.Join(", ", r.DataSources.Select(d => $"`{d}`"))}. Speaker-independent: each fold holds out its test speakers (or a whole corpus); ");
            md.AppendLine("validation speakers (early stopping, learning-rate schedule) come from the training speakers of that fold.");
        }
        else
        {
            md.AppendLine(inv, $"Data: {string.Join(", ", r.DataSources.Select(d => $"`{d}`"))}. Not speaker-independent: each split holds out {SplitSpec.RandomTestFraction * 100:0}% of the clips, stratified by emotion, ");
            md.AppendLine("so the test speakers are also heard in training. Validation clips (early stopping, learning-rate schedule) come ");
            md.AppendLine("from the training part only; the test part is used once, at the end.");
        }
        md.AppendLine();
        md.AppendLine(inv, $"| metric | mean ± std over {r.Runs.Count} runs | mean [95% CI, Student t] |");
        md.AppendLine("| --- | ---: | ---: |");
        foreach (var (name, key) in new[] { ("accuracy", "accuracy"), ("UAR", "uar"), ("macro-F1", "macro_f1") })
            md.AppendLine(inv, $"| {name} | {r.Summary[key]} | {r.Summary[key].Interval} |");
        md.AppendLine();
        md.AppendLine("| split | seed | test speakers | validation speakers | epochs (best) | accuracy | UAR | macro-F1 | most predicted |");
        md.AppendLine("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | --- |");
        foreach (var run in r.Runs)
        {
            md.AppendLine(inv, $"| {run.Fold} | {run.Seed} | {(SplitSpec.Parse(run.Fold).Kind == SplitKind.Corpus ? $"all of {SplitSpec.Parse(run.Fold).Corpus}" : SpeakersOrClips(run.TestSpeakers))} | {SpeakersOrClips(run.ValidationSpeakers)} | " +
                               $"{run.EpochsRun} ({run.BestEpoch}) | {RunReportWriter.F(run.Accuracy)} | {RunReportWriter.F(run.Uar)} | {RunReportWriter.F(run.MacroF1)} | {MostPredicted(run, r.Labels)} |");
        }
        if (r.Ensembles is { } ensembles && r.EnsembleSummary is { } summary)
        {
            md.AppendLine();
            md.AppendLine(inv, $"## Seed ensembles");
            md.AppendLine();
            md.AppendLine(inv, $"Per split, the mean of the {r.Seeds.Count} seeds' probabilities (foldK-ensemble.semodel or randomN-ensemble.semodel), scored on that split's test part.");
            md.AppendLine();
            md.AppendLine("| split | test clips | accuracy | UAR | macro-F1 |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: |");
            foreach (var e in ensembles)
                md.AppendLine(inv, $"| {e.Fold} | {e.TestClips} | {RunReportWriter.F(e.Accuracy)} | {RunReportWriter.F(e.Uar)} | {RunReportWriter.F(e.MacroF1)} |");
            md.AppendLine(inv, $"| mean ± std | | {summary["accuracy"]} | {summary["uar"]} | {summary["macro_f1"]} |");
            md.AppendLine(inv, $"| mean [95% CI] | | {summary["accuracy"].Interval} | {summary["uar"].Interval} | {summary["macro_f1"].Interval} |");
        }
        md.AppendLine();
        md.AppendLine("| emotion | F1 mean ± std |");
        md.AppendLine("| --- | ---: |");
        for (var i = 0; i < r.Labels.Count; i++)
            md.AppendLine(inv, $"| {r.Labels[i]} | {r.PerClassF1[i]} |");
        md.AppendLine();
        md.Append(RunReportWriter.ConfusionMarkdown(summed, r.Labels).Replace("Confusion matrix", "Confusion matrix summed over all runs", StringComparison.Ordinal));
        md.AppendLine();
        md.AppendLine(inv, $"![Confusion matrix]({RunReportWriter.ConfusionPlot}) ![Per-class F1]({RunReportWriter.F1Plot})");
        md.AppendLine();
        md.AppendLine("Each run's folder holds its own report.md, training curves, split.json and model.semodel.");
        return md.ToString();
    }
}
