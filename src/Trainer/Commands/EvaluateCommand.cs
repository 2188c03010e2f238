using System.CommandLine;
using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Training;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>evaluate --model BUNDLE --data DIR [--data DIR2 ...] [--split ...]</c>: metrics, report and plots of a trained
/// model on any corpus or manifest: the test part of a split, or every clip (<c>--split all</c>, the default when
/// the data does not hold the bundle's own held-out part). Corpus emotions map onto the bundle's labels with the bundle's own
/// label map. Warns when test speakers steered training.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model bundle (*.semodel).", Required = true };
        var data = CliOptions.Data();
        var split = CliOptions.Split("Test part: emobox:1-4, actors:..., corpus:NAME, random:SEED. Default: the split the bundle was trained with when it names these corpora; otherwise every clip given.");
        var output = new Option<string?>("--out") { Description = "Folder for the report and plots (default: eval-<split> beside the bundle)." };
        var device = CliOptions.Device();
        var batchSize = CliOptions.PositiveInt("--batch-size", "Clips per inference batch (default 64).");
        var includeSong = CliOptions.IncludeSong();
        includeSong.Description += " Default: as the model was trained.";
        var cache = CliOptions.Cache();
        var workers = CliOptions.Workers();

        var command = new Command("evaluate", "Evaluate a trained model on a held-out split or on whole corpora.")
        {
            model, data, split, output, device, batchSize, includeSong, cache, workers,
        };
        command.SetAction((parse, ct) =>
        {
            Runtime.NativeMemoryTuning.Apply();
            var ui = new ConsoleUi();
            var bundlePath = parse.GetValue(model)!;
            using var bundle = ModelBundle.Load(bundlePath, parse.GetValue(device) ?? "cpu");
            var trainedOn = bundle.Manifest.TrainingData;
            var labels = new LabelSet { Labels = bundle.Labels, Map = bundle.Manifest.LabelMap };

            var sources = parse.GetValue(data)!;
            var song = parse.GetValue(includeSong) || trainedOn?.IncludeSong == true;
            var prepared = CorpusPreparation.Load(sources, song, labels, ui);
            var spec = parse.GetValue(split) ?? DefaultSplit(trainedOn, prepared);
            var test = spec is null ? prepared.Items : TestPart(prepared.Items, spec);
            var features = bundle.Manifest.FeatureOptions;
            var frontEnd = bundle.Manifest.FrontEnd;
            var loader = CorpusPreparation.Loader(features, frontEnd, CliOptions.CachePath(parse.GetValue(cache), sources[0], features, frontEnd), parse.GetValue(workers));
            var (clips, featureProblems) = CorpusPreparation.LoadFeatures(loader, test, ui, ct);
            var testClips = CorpusPreparation.Pick(test, clips);
            var testSpeakers = test.Select(m => m.Item.Speaker).Distinct().Order(StringComparer.Ordinal).ToArray();
            var leaked = trainedOn?.SeenAmong(testSpeakers) ?? [];
            if (leaked.Length > 0)
                Console.Error.WriteLine($"warning: test speakers {RunReportWriter.Speakers(leaked)} were in this model's training data; these figures are not speaker-independent");

            var predictions = Evaluator.Predict(bundle, testClips, parse.GetValue(batchSize) ?? 64);
            var metrics = Evaluator.Evaluate(predictions, bundle.Labels);
            var corpusOf = test.ToDictionary(m => m.Item.Id, m => m.Item.Corpus, StringComparer.OrdinalIgnoreCase);
            var byCorpus = predictions.GroupBy(p => corpusOf[p.Id]).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => Evaluator.Evaluate(g.ToArray(), bundle.Labels));
            var splitName = spec?.ToString() ?? "every clip given";
            var outDir = parse.GetValue(output)
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bundlePath))!, "eval-" + (spec is null ? string.Join("-", prepared.Corpora.Select(c => c.Name)) : splitName.Replace(':', '-').Replace(',', '-')));
            var report = new RunReport
            {
                Kind = "Evaluation",
                Split = spec?.ToString() ?? "all",
                SpeakerIndependent = (spec?.IsSpeakerIndependent ?? true) && leaked.Length == 0,
                ModelPath = Path.GetFullPath(bundlePath),
                DataSources = prepared.Sources,
                Corpora = prepared.Corpora,
                CorpusClips = prepared.Items.Count,
                TestSpeakers = testSpeakers,
                Test = metrics,
                FrontEnd = frontEnd,
                ByCorpus = byCorpus,
                DataProblems = [.. prepared.Problems, .. featureProblems],
                Predictions = predictions,
            };
            RunReportWriter.Write(outDir, report);
            ui.Write(ResultTables.Metrics(metrics, $"Test: {splitName} ({metrics.Count} clips)"));
            foreach (var (name, m) in byCorpus.Where(_ => byCorpus.Count > 1))
                ui.Line($"{name}: {m.Count} clips, UAR {RunReportWriter.F(m.Uar)}, macro-F1 {RunReportWriter.F(m.MacroF1)}, most predicted {m.MostPredicted.Label} ({m.MostPredicted.Share:0%})");
            foreach (var (name, m) in byCorpus.Where(c => c.Value.OneLabelDominates))
                Console.Error.WriteLine($"warning: {name}: the model gave \"{m.MostPredicted.Label}\" to {m.MostPredicted.Share:0%} of the clips (more than {EvaluationReport.DominantShareLimit:0%})");
            ui.Line($"Wrote {RunReportWriter.MarkdownFile}, {RunReportWriter.JsonFile} and plots in {outDir}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// The split the bundle was trained with, when it has a test part and the data holds the corpora it names;
    /// otherwise null: every clip given is scored (a corpus the model never saw).
    /// </summary>
    private static SplitSpec? DefaultSplit(TrainingDataSummary? trainedOn, PreparedData data)
    {
        if (trainedOn is null)
            return null;
        SplitSpec saved;
        try
        {
            saved = SplitSpec.Parse(trainedOn.Split);
        }
        catch (FormatException)
        {
            return null;   // an ensemble of several splits
        }
        if (saved.Kind == SplitKind.All)
            return null;
        var names = data.Corpora.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var needed = saved.Kind == SplitKind.Corpus ? [saved.Corpus!] : trainedOn.Corpora.Select(c => c.Name);
        return needed.All(names.Contains) ? saved : null;
    }

    /// <summary>The test items of <paramref name="spec"/>; they do not depend on the validation seed.</summary>
    internal static IReadOnlyList<MappedItem> TestPart(IReadOnlyList<MappedItem> items, SplitSpec spec)
    {
        if (spec.Kind == SplitKind.All)
            return items;
        try
        {
            return CorpusSplitter.TestPart(items, spec);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }
}
