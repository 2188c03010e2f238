using System.Globalization;
using System.Text.Json;
using System.Text;
using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Runtime;
using SpeechEmotion.Trainer.Training;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>Writes a run's evaluation.json, report.md, predictions.csv and PNG plots into its folder.</summary>
internal static class RunReportWriter
{
    public const string JsonFile = "evaluation.json";
    public const string MarkdownFile = "report.md";
    public const string PredictionsFile = "predictions.csv";
    public const string CurvesPlot = "training-curves.png";
    public const string ConfusionPlot = "confusion-matrix.png";
    public const string F1Plot = "per-class-f1.png";

    /// <summary>Writes every file; returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, RunReport report)
    {
        Directory.CreateDirectory(folder);
        var written = new List<string>();
        void Add(string name, Action<string> write)
        {
            var path = Path.Combine(folder, name);
            write(path);
            written.Add(path);
        }

        var subject = $"{report.Split} {report.EvaluatedPart} ({report.Test.Count} clips)";
        Add(ConfusionPlot, p => Plots.ConfusionMatrix(p, report.Test.ConfusionMatrix, report.Test.Labels, $"Confusion matrix: {subject}"));
        Add(F1Plot, p => Plots.PerClassF1(p, report.Test.Labels, report.Test.F1, $"Per-class F1: {subject}"));
        if (report.History.Count > 0)
            Add(CurvesPlot, p => Plots.TrainingCurves(p, report.History, report.BestValidation?.Epoch, $"{report.Split}, seed {report.Seed}"));
        Add(PredictionsFile, p => AtomicFile.WriteText(p, PredictionsCsv(report.Predictions, report.Test.Labels)));
        Add(JsonFile, p => AtomicFile.WriteText(p, JsonSerializer.Serialize(report, TrainerJson.Options)));
        Add(MarkdownFile, p => AtomicFile.WriteText(p, Markdown(report, report.History.Count > 0)));
        return written;
    }

    /// <summary>id, actor, truth, predicted, correct, then one probability column per label.</summary>
    public static string PredictionsCsv(IReadOnlyList<ClipPrediction> predictions, IReadOnlyList<string> labels)
    {
        var csv = new StringBuilder();
        csv.AppendLine("id,actor,truth,predicted,correct," + string.Join(",", labels.Select(l => "p_" + l)));
        foreach (var p in predictions)
        {
            var actor = Utterance.TryParse(p.Id.Split('#')[0], out var u, out _) ? u.Actor.ToString("00", CultureInfo.InvariantCulture) : "";
            csv.Append(CultureInfo.InvariantCulture, $"{p.Id},{actor},{labels[p.Truth]},{labels[p.Predicted]},{(p.Truth == p.Predicted ? 1 : 0)}");
            foreach (var probability in p.Probabilities)
                csv.Append(',').Append(probability.ToString("0.0000", CultureInfo.InvariantCulture));
            csv.AppendLine();
        }
        return csv.ToString();
    }

    public static string Markdown(RunReport r, bool withCurves)
    {
        var md = new StringBuilder();
        var t = r.Test;
        md.AppendLine(CultureInfo.InvariantCulture, $"# {r.Kind}: {r.Split}{(r.Seed is int s ? $", seed {s}" : "")}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Model: `{r.ModelPath}`  ");
        md.AppendLine(CultureInfo.InvariantCulture, $"Data: {string.Join(", ", r.DataSources.Select(d => $"`{d}`"))} ({r.CorpusClips} usable clips)  ");
        var validation = r.ValidationSpeakers.Count > 0 ? $"; validation speakers {Speakers(r.ValidationSpeakers)} (from the training speakers)" : "";
        var split = SplitSpec.Parse(r.Split);
        md.Append(split.Kind == SplitKind.All && r.EpochsRun is null
            ? $"Scored: every clip given ({(r.SpeakerIndependent ? "none of their speakers trained the model" : "some of their speakers trained the model: not speaker-independent")})"
            : !r.SpeakerIndependent
                ? "Split: random over clips (speakers shared between training and test: NOT speaker-independent; for comparison only)"
                : split.Kind == SplitKind.Corpus
                    ? $"Split: corpus {split.Corpus} held out (none of its speakers or recordings in training){validation}"
                    : $"Split: speaker-independent; test speakers {Speakers(r.TestSpeakers)}{validation}");
        if (r.Teacher is { } teacher)
            md.Append(CultureInfo.InvariantCulture, $"  \nDistilled from: {teacher}");
        if (r.FrontEnd is { } fe)
            md.Append(CultureInfo.InvariantCulture, $"  \nFront end: trimming {(fe.TrimTopDb is { } db ? $"at {db} dB below the peak" : "off")}, level {(fe.TargetLevelDbfs is { } l ? $"{l} dBFS over active frames" : "as recorded")}");
        if (r.PeakMemoryMiB is { } peak)
            md.Append(CultureInfo.InvariantCulture, $"  \nPeak memory (RSS): {peak:0} MiB");
        md.AppendLine();
        md.AppendLine();
        if (r.Corpora.Count > 0)
        {
            md.AppendLine("| corpus | clips | speakers | dropped (no label) | licence |");
            md.AppendLine("| --- | ---: | ---: | --- | --- |");
            foreach (var c in r.Corpora)
            {
                var dropped = c.DroppedByEmotion.Count == 0 ? "-" : string.Join(", ", c.DroppedByEmotion.Select(d => $"{d.Key} {d.Value}"));
                md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Name} | {c.Clips} | {c.Speakers} | {dropped} | {c.Licence ?? "see the corpus"} |");
            }
            md.AppendLine();
        }
        if (r.EpochsRun is not null)
        {
            md.AppendLine("| part | clips |");
            md.AppendLine("| --- | ---: |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| train | {r.TrainClips}{(r.AugmentedClips > 0 ? $" + {r.AugmentedClips} augmented" : "")} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| validation | {r.ValidationClips} |");
            md.AppendLine(CultureInfo.InvariantCulture, $"| test | {t.Count} |");
            md.AppendLine();
        }

        md.AppendLine(r.EvaluatedPart == "test"
            ? string.Create(CultureInfo.InvariantCulture, $"## Test results ({t.Count} clips)")
            : string.Create(CultureInfo.InvariantCulture, $"## Validation results ({t.Count} clips; this split has no test part, so these are not a test score)"));
        md.AppendLine();
        md.AppendLine("| metric | value |");
        md.AppendLine("| --- | ---: |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| accuracy | {F(t.Accuracy)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| UAR (macro recall) | {F(t.Uar)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| macro precision | {F(t.MacroPrecision)} |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| macro-F1 | {F(t.MacroF1)} |");
        md.AppendLine();
        md.AppendLine("UAR, macro precision and macro-F1 average over the emotions present in the evaluated clips.");
        md.AppendLine();
        md.Append(Dominance(t));
        md.AppendLine("| emotion | precision | recall | F1 | support | predicted |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        var predicted = t.Predicted;
        for (var i = 0; i < t.Labels.Count; i++)
            md.AppendLine(CultureInfo.InvariantCulture, $"| {t.Labels[i]} | {F(t.Precision[i])} | {F(t.Recall[i])} | {F(t.F1[i])} | {t.Support[i]} | {predicted[i]} |");
        md.AppendLine();
        if (r.ByCorpus is { Count: > 1 } byCorpus)
        {
            md.AppendLine("| corpus | clips | accuracy | UAR | macro-F1 | most predicted |");
            md.AppendLine("| --- | ---: | ---: | ---: | ---: | --- |");
            foreach (var (name, m) in byCorpus)
                md.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {m.Count} | {F(m.Accuracy)} | {F(m.Uar)} | {F(m.MacroF1)} | {m.MostPredicted.Label} {m.MostPredicted.Share:0%}{(m.OneLabelDominates ? " (!)" : "")} |");
            md.AppendLine();
        }
        md.Append(ConfusionMarkdown(t.ConfusionMatrix, t.Labels));
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"![Confusion matrix]({ConfusionPlot}) ![Per-class F1]({F1Plot})");
        md.AppendLine();

        if (r.EpochsRun is int epochs && r.BestValidation is { } best)
        {
            md.AppendLine("## Training");
            md.AppendLine();
            md.Append(CultureInfo.InvariantCulture, $"{epochs} epochs{(r.StoppedEarly == true ? " (stopped early)" : "")}, {r.TrainingSeconds / 60:0.0} min; ");
            md.Append(CultureInfo.InvariantCulture, $"best epoch {best.Epoch}: validation loss {F(best.ValidationLoss)}, accuracy {F(best.ValidationAccuracy)}, macro-F1 {F(best.ValidationMacroF1)}. ");
            md.AppendLine("Early stopping and the learning-rate schedule watched the validation part only; the test part was used once, at the end.");
            md.AppendLine();
            if (withCurves)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"![Training curves]({CurvesPlot})");
                md.AppendLine();
            }
            if (r.Training is { } o)
            {
                var augmentation = r.Augmentation is { Copies: > 0 } a ? $"{a.Copies} copies ({a.Recipe})" : "off";
                md.Append(CultureInfo.InvariantCulture, $"Settings: batch {o.BatchSize}, learning rate {o.LearningRate:0.####e0}, weight decay {o.WeightDecay}, ");
                md.Append(CultureInfo.InvariantCulture, $"class weights {(o.ClassWeights ? "balanced" : "off")}, oversampling {(o.Oversample ? "on" : "off")}, ");
                md.Append(CultureInfo.InvariantCulture, $"plateau x{o.PlateauFactor} after {o.PlateauPatience}, early stopping after {o.EarlyStoppingPatience}, ");
                md.AppendLine(CultureInfo.InvariantCulture, $"SpecAugment {(o.SpecAugment is null ? "off" : "on")}, augmentation {augmentation}, device {o.Device}.");
                md.AppendLine();
            }
        }

        if (r.DataProblems.Count > 0)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"## Data problems ({r.DataProblems.Count})");
            md.AppendLine();
            foreach (var problem in r.DataProblems)
                md.AppendLine(CultureInfo.InvariantCulture, $"- {problem}");
            md.AppendLine();
        }
        return md.ToString();
    }

    /// <summary>The confusion matrix as a Markdown table (rows = truth, columns = prediction).</summary>
    public static string ConfusionMarkdown(int[,] counts, IReadOnlyList<string> labels)
    {
        var md = new StringBuilder();
        md.AppendLine("Confusion matrix (rows: true emotion, columns: predicted):");
        md.AppendLine();
        md.AppendLine("| true \\ predicted | " + string.Join(" | ", labels) + " |");
        md.AppendLine("| --- |" + string.Concat(Enumerable.Repeat(" ---: |", labels.Count)));
        for (var r = 0; r < labels.Count; r++)
            md.AppendLine($"| {labels[r]} | " + string.Join(" | ", Enumerable.Range(0, labels.Count).Select(c => r == c ? $"**{counts[r, c]}**" : counts[r, c].ToString(CultureInfo.InvariantCulture))) + " |");
        return md.ToString();
    }

    /// <summary>Speaker ids, comma-separated; a long list is cut after 12.</summary>
    public static string Speakers(IReadOnlyCollection<string> speakers) =>
        string.Join(", ", speakers.Take(12)) + (speakers.Count > 12 ? $", ... ({speakers.Count} in all)" : "");

    /// <summary>A warning paragraph when one label was given to more than 40% of the clips; empty otherwise.</summary>
    public static string Dominance(EvaluationReport t)
    {
        if (!t.OneLabelDominates)
            return "";
        var (label, share) = t.MostPredicted;
        return string.Create(CultureInfo.InvariantCulture,
            $"**Warning: the model gave \"{label}\" to {share:0%} of these clips (more than {EvaluationReport.DominantShareLimit:0%}); it is not telling these emotions apart.**\n\n");
    }

    public static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("0.000", CultureInfo.InvariantCulture);
}
