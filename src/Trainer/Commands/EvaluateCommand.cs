using System.CommandLine;
using System.Globalization;
using SpeechEmotion.Data;
using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Training;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>evaluate --model BUNDLE --data DIR [--split ...]</c>: metrics, report and plots of a trained model on the
/// test part of a split (by default the split it was trained with). Warns when test actors were seen in training.
/// </summary>
internal static class EvaluateCommand
{
    private const string NoTestPart = "split 'all' has no test part; pass --split emobox:K, actors:... or random:SEED";

    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "Model bundle (*.semodel).", Required = true };
        var data = CliOptions.Data();
        var split = CliOptions.Split("Test part (default: the split the bundle was trained with): emobox:1-4, actors:..., random:SEED.");
        var output = new Option<string?>("--out") { Description = "Folder for the report and plots (default: eval-<split> beside the bundle)." };
        var device = CliOptions.Device();
        var batchSize = CliOptions.PositiveInt("--batch-size", "Clips per inference batch (default 64).");
        var includeSong = CliOptions.IncludeSong();
        includeSong.Description += " Default: as the model was trained.";
        var cache = CliOptions.Cache();
        var workers = CliOptions.Workers();

        var command = new Command("evaluate", "Evaluate a trained model on the test part of a split.")
        {
            model, data, split, output, device, batchSize, includeSong, cache, workers,
        };
        command.SetAction((parse, ct) =>
        {
            Runtime.NativeMemoryTuning.Apply();
            var ui = new ConsoleUi();
            var bundlePath = parse.GetValue(model)!;
            if (parse.GetValue(split) is { Kind: SplitKind.All })
                throw new CliException(NoTestPart, CliRunner.UsageError);
            using var bundle = ModelBundle.Load(bundlePath, parse.GetValue(device) ?? "cpu");
            var trainedOn = bundle.Manifest.Data;
            var spec = parse.GetValue(split) ?? (trainedOn.TryGetValue("split", out var saved) ? SplitSpec.Parse(saved)
                : throw new CliException($"{bundlePath} does not record its split; pass --split", CliRunner.UsageError));
            if (spec.Kind == SplitKind.All)
                throw new CliException(NoTestPart, CliRunner.UsageError);
            if (!bundle.Labels.SequenceEqual(EmotionLabels.Ravdess))
                throw new CliException($"{bundlePath}: labels {string.Join(",", bundle.Labels)} are not the RAVDESS emotions");

            var dataDir = parse.GetValue(data)!;
            var song = parse.GetValue(includeSong) || (trainedOn.TryGetValue("corpus", out var corpus) && corpus.Contains("song", StringComparison.Ordinal));
            var scan = CorpusPreparation.Scan(dataDir, song, ui);
            var features = bundle.Manifest.FeatureOptions;
            var loader = CorpusPreparation.Loader(features, CliOptions.CachePath(parse.GetValue(cache), dataDir, features), parse.GetValue(workers));
            var test = TestPart(scan.Utterances, spec);
            var (clips, featureProblems) = CorpusPreparation.LoadFeatures(loader, test, ui, ct);
            var testClips = test.Select(u => clips.GetValueOrDefault(u.FileName)).OfType<LabeledClip>().ToArray();
            var leaked = LeakedActors(trainedOn, spec, test);
            if (leaked.Length > 0)
                Console.Error.WriteLine($"warning: test actors {RunReportWriter.Actors(leaked)} were in this model's training data; these figures are not speaker-independent");

            var predictions = Evaluator.Predict(bundle, testClips, parse.GetValue(batchSize) ?? 64);
            var metrics = Evaluator.Evaluate(predictions, bundle.Labels);
            var outDir = parse.GetValue(output)
                ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(bundlePath))!, "eval-" + spec.ToString().Replace(':', '-').Replace(',', '-'));
            var report = new RunReport
            {
                Kind = "Evaluation",
                Split = spec.ToString(),
                SpeakerIndependent = spec.IsSpeakerIndependent && leaked.Length == 0,
                ModelPath = Path.GetFullPath(bundlePath),
                DataDirectory = Path.GetFullPath(dataDir),
                CorpusClips = scan.Utterances.Count,
                TestActors = spec.TestActors,
                Test = metrics,
                DataProblems = [.. scan.Problems, .. featureProblems],
                Predictions = predictions,
            };
            RunReportWriter.Write(outDir, report);
            ui.Write(ResultTables.Metrics(metrics, $"Test: {spec} ({metrics.Count} clips)"));
            ui.Line($"Wrote {RunReportWriter.MarkdownFile}, {RunReportWriter.JsonFile} and plots in {outDir}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>The test utterances of <paramref name="spec"/>; they do not depend on the validation seed.</summary>
    internal static IReadOnlyList<Utterance> TestPart(IReadOnlyList<Utterance> utterances, SplitSpec spec)
    {
        if (spec.IsSpeakerIndependent)
        {
            var absent = spec.TestActors.Except(utterances.Select(u => u.Actor)).ToArray();
            if (absent.Length > 0)
                throw new CliException($"split {spec}: test actor(s) {RunReportWriter.Actors(absent)} have no clips in the corpus");
            return utterances.Where(u => spec.TestActors.Contains(u.Actor)).ToArray();
        }
        try
        {
            return CorpusSplitter.Split(utterances, spec, seed: 0).Test;
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>Test actors the bundle says it was trained on (validation actors count too: they steered training).</summary>
    private static int[] LeakedActors(IReadOnlyDictionary<string, string> trainedOn, SplitSpec spec, IReadOnlyList<Utterance> test)
    {
        static IEnumerable<int> Parse(IReadOnlyDictionary<string, string> d, string key) =>
            d.TryGetValue(key, out var csv)
                ? csv.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(a => int.Parse(a, CultureInfo.InvariantCulture))
                : [];
        var seen = Parse(trainedOn, "train_actors").Concat(Parse(trainedOn, "validation_actors")).ToHashSet();
        return test.Select(u => u.Actor).Distinct().Where(seen.Contains).Order().ToArray();
    }
}
