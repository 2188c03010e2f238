using System.Globalization;
using SpeechEmotion.Data;
using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Training;

/// <summary>The data of one training run, already split and loaded.</summary>
internal sealed record RunInputs(
    string RunDirectory,
    RunConfiguration Config,
    DataSplit Split,
    string DataDirectory,
    int CorpusClips,
    IReadOnlyList<LabeledClip> Train,
    IReadOnlyList<LabeledClip> Augmented,
    IReadOnlyList<LabeledClip> Validation,
    IReadOnlyList<LabeledClip> Test,
    IReadOnlyList<string> DataProblems);

/// <summary>
/// Trains one model into a run folder, evaluates it once on the held-out test part, stores the test metrics
/// and the data description in the bundle, and writes the report and plots.
/// </summary>
internal static class TrainingRun
{
    public const string BundleFile = EmotionTrainer.BundleFileName;
    public const string SplitFile = "split.json";

    /// <summary>
    /// Splits <paramref name="usable"/> (or re-reads the saved split when resuming), augments the training part,
    /// trains, evaluates and writes everything into <paramref name="runDirectory"/>.
    /// </summary>
    public static RunReport SplitAndTrain(string runDirectory, RunConfiguration run, string dataDirectory, IReadOnlyList<Utterance> usable,
        IReadOnlyDictionary<string, LabeledClip> clips, ClipFeatureLoader loader, IReadOnlyList<string> dataProblems,
        bool resume, ConsoleUi ui, string? progressPrefix, CancellationToken ct)
    {
        DataSplit split;
        try
        {
            split = resume
                ? SplitManifest.Load(Path.Combine(runDirectory, SplitFile)).Resolve(usable)
                : CorpusSplitter.Split(usable, run.SplitSpec, run.Training.Seed, run.Validation);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
        PrintSplit(ui, split);
        var (augmented, augmentProblems) = CorpusPreparation.Augment(loader, split.Train, run.Augmentation, run.Training.Seed, ui, ct);
        var (train, validation, test) = CorpusPreparation.Parts(split, clips);
        var inputs = new RunInputs(runDirectory, run, split, dataDirectory, usable.Count, train, augmented, validation, test,
            [.. dataProblems, .. augmentProblems]);
        try
        {
            return Execute(inputs, ui, resume, progressPrefix, ct);
        }
        catch (OperationCanceledException)
        {
            throw new CliException($"interrupted; continue with: train --resume {runDirectory}", 130);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);   // a checkpoint from another run
        }
    }

    /// <summary>One line per part: clips and actors.</summary>
    public static void PrintSplit(ConsoleUi ui, DataSplit split)
    {
        static string Part(IReadOnlyList<Utterance> part)
        {
            var actors = part.Select(u => u.Actor).Distinct().Count();
            return $"{part.Count} clips, {actors} actor{(actors == 1 ? "" : "s")}";
        }
        var validationActors = split.ValidationActors.Count > 0 ? $" ({RunReportWriter.Actors(split.ValidationActors)})" : "";
        var testActors = split.TestActors.Count > 0 ? $" ({RunReportWriter.Actors(split.TestActors)})" : "";
        ui.Line($"Split {split.Spec}: train {Part(split.Train)}; validation {Part(split.Validation)}{validationActors}; test {Part(split.Test)}{testActors}");
        if (!split.Spec.IsSpeakerIndependent)
            Console.Error.WriteLine("warning: a random split shares speakers between training and test; its scores overstate what unseen speakers get");
    }

    private static RunReport Execute(RunInputs inputs, ConsoleUi ui, bool resume, string? progressPrefix, CancellationToken ct)
    {
        var (dir, config, split) = (inputs.RunDirectory, inputs.Config, inputs.Split);
        var hasTest = split.Spec.Kind != SplitKind.All;
        if (inputs.Train.Count == 0 || inputs.Validation.Count == 0 || (hasTest && inputs.Test.Count == 0))
            throw new CliException($"split {split.Spec}: train ({inputs.Train.Count}), validation ({inputs.Validation.Count}) and test ({inputs.Test.Count}) clips must all be non-empty");
        Directory.CreateDirectory(dir);
        if (!resume)
        {
            config.Save(Path.Combine(dir, RunConfiguration.FileName));
            SplitManifest.FromSplit(split, config.Validation, config.IncludeSong, inputs.DataDirectory).Save(Path.Combine(dir, SplitFile));
        }

        var data = new TrainingData([.. inputs.Train, .. inputs.Augmented], inputs.Validation, EmotionLabels.Ravdess, config.Features);
        var result = ui.LiveProgress(context => new EmotionTrainer().Train(
            data, config.Training, config.Model, dir, resume, new EpochProgress(ui, context, config.Training.Epochs, progressPrefix), ct));
        try
        {
            // A split without a test part (a final model) reports its validation part, labelled as such.
            var predictions = Evaluator.Predict(result.Bundle, hasTest ? inputs.Test : inputs.Validation, config.Training.BatchSize);
            var test = Evaluator.Evaluate(predictions, result.Bundle.Labels);
            var best = result.History.FirstOrDefault(h => h.Epoch == result.BestEpoch) ?? result.History[^1];
            SaveBundleWithResults(result, hasTest ? test : null, best, inputs);

            var report = new RunReport
            {
                Kind = "Training run",
                Split = split.Spec.ToString(),
                SpeakerIndependent = split.Spec.IsSpeakerIndependent,
                Seed = config.Training.Seed,
                ModelPath = result.BundlePath,
                DataDirectory = Path.GetFullPath(inputs.DataDirectory),
                CorpusClips = inputs.CorpusClips,
                TestActors = split.TestActors,
                ValidationActors = split.ValidationActors,
                TrainActors = Actors(split.Train),
                TrainClips = inputs.Train.Count,
                AugmentedClips = inputs.Augmented.Count,
                ValidationClips = inputs.Validation.Count,
                Test = test,
                EvaluatedPart = hasTest ? "test" : "validation",
                BestValidation = best,
                EpochsRun = result.History.Count,
                StoppedEarly = result.StoppedEarly,
                TrainingSeconds = result.History.Sum(h => h.Seconds),
                Training = config.Training,
                Model = config.Model,
                Augmentation = config.Augmentation.Copies > 0 ? config.Augmentation : null,
                DataProblems = inputs.DataProblems,
                Predictions = predictions,
                History = result.History,
            };
            RunReportWriter.Write(dir, report);
            return report;
        }
        finally
        {
            result.Bundle.Dispose();
        }
    }

    /// <summary>Re-saves the trainer's bundle with the test metrics and a description of the data it was trained on.</summary>
    private static void SaveBundleWithResults(TrainingResult result, EvaluationReport? test, EpochReport best, RunInputs inputs)
    {
        var split = inputs.Split;
        var metrics = new Dictionary<string, double>(result.Bundle.Manifest.Metrics)
        {
            ["validation_loss"] = best.ValidationLoss,
            ["validation_accuracy"] = best.ValidationAccuracy,
            ["validation_macro_f1"] = best.ValidationMacroF1,
            ["best_epoch"] = result.BestEpoch,
            ["epochs_run"] = result.History.Count,
        };
        if (test is not null)
        {
            metrics["test_accuracy"] = test.Accuracy;
            metrics["test_uar"] = test.Uar;
            metrics["test_macro_f1"] = test.MacroF1;
        }
        var augmentation = inputs.Config.Augmentation;
        var description = new Dictionary<string, string>(result.Bundle.Manifest.Data)
        {
            ["corpus"] = inputs.Config.IncludeSong ? "RAVDESS speech+song" : "RAVDESS speech",
            ["split"] = split.Spec.ToString(),
            ["split_seed"] = split.Seed.ToString(CultureInfo.InvariantCulture),
            ["speaker_independent"] = split.Spec.IsSpeakerIndependent ? "true" : "false",
            ["train_actors"] = Csv(Actors(split.Train)),
            ["validation_actors"] = Csv(split.ValidationActors),
            ["test_actors"] = Csv(split.TestActors),
            ["train_clips"] = inputs.Train.Count.ToString(CultureInfo.InvariantCulture),
            ["augmented_clips"] = inputs.Augmented.Count.ToString(CultureInfo.InvariantCulture),
            ["validation_clips"] = inputs.Validation.Count.ToString(CultureInfo.InvariantCulture),
            ["test_clips"] = inputs.Test.Count.ToString(CultureInfo.InvariantCulture),
            ["augmentation"] = augmentation.Copies > 0 ? $"{augmentation.Copies} copies, {augmentation.Recipe}" : "none",
        };
        // The new bundle shares the trained network; only the trainer's bundle is disposed.
        var final = ModelBundle.Create(result.Bundle.Manifest with { Metrics = metrics, Data = description }, result.Bundle.Model);
        final.Save(result.BundlePath);
    }

    private static int[] Actors(IEnumerable<Utterance> utterances) => utterances.Select(u => u.Actor).Distinct().Order().ToArray();

    private static string Csv(IEnumerable<int> actors) => string.Join(",", actors.Select(a => a.ToString("00", CultureInfo.InvariantCulture)));
}
