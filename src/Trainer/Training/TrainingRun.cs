using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Training;

/// <summary>The data of one training run, already split and loaded.</summary>
internal sealed record RunInputs(
    string RunDirectory,
    RunConfiguration Config,
    DataSplit Split,
    PreparedData Data,
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
    public static RunReport SplitAndTrain(string runDirectory, RunConfiguration run, PreparedData data, IReadOnlyList<MappedItem> usable,
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
        run.EnsureCorporaForAdversary(split.Train, $"the training part of split {split.Spec}");
        var (augmented, augmentProblems) = CorpusPreparation.Augment(loader, split.Train, run.Augmentation, run.Training.Seed, ui, ct);
        var (train, validation, test) = CorpusPreparation.Parts(split, clips);
        var inputs = new RunInputs(runDirectory, run, split, data, train, augmented, validation, test,
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

    /// <summary>One line per part: clips and speakers.</summary>
    public static void PrintSplit(ConsoleUi ui, DataSplit split)
    {
        static string Part(IReadOnlyList<MappedItem> part)
        {
            var speakers = part.Select(m => m.Item.Speaker).Distinct().Count();
            return $"{part.Count} clips, {speakers} speaker{(speakers == 1 ? "" : "s")}";
        }
        var validationSpeakers = split.ValidationSpeakers.Count > 0 ? $" ({RunReportWriter.Speakers(split.ValidationSpeakers)})" : "";
        var testSpeakers = split.TestSpeakers.Count is > 0 and <= 12 ? $" ({RunReportWriter.Speakers(split.TestSpeakers)})" : "";
        ui.Line($"Split {split.Spec}: train {Part(split.Train)}; validation {Part(split.Validation)}{validationSpeakers}; test {Part(split.Test)}{testSpeakers}");
        if (!split.Spec.IsSpeakerIndependent)
            Console.Error.WriteLine("warning: a random split shares speakers between training and test; its scores overstate what unseen speakers get");
    }

    private static RunReport Execute(RunInputs inputs, ConsoleUi ui, bool resume, string? progressPrefix, CancellationToken ct)
    {
        var (dir, config, split) = (inputs.RunDirectory, inputs.Config, inputs.Split);
        var hasTest = split.Spec.Kind != SplitKind.All;
        if (inputs.Train.Count == 0 || inputs.Validation.Count == 0 || (hasTest && inputs.Test.Count == 0))
            throw new CliException($"split {split.Spec}: train ({inputs.Train.Count}), validation ({inputs.Validation.Count}) and test ({inputs.Test.Count}) clips must all be non-empty");
        // The teacher is checked and run before the run folder exists, so a refused teacher leaves nothing behind.
        IReadOnlyList<LabeledClip> trainClips = [.. inputs.Train, .. inputs.Augmented];
        var teacherProbabilities = config.Teacher is { } teacher ? TeacherProbabilities(teacher, config, split, trainClips, ui) : null;
        Directory.CreateDirectory(dir);
        if (!resume)
        {
            config.Save(Path.Combine(dir, RunConfiguration.FileName));
            SplitManifest.FromSplit(split, config.Validation, config.IncludeSong, inputs.Data.Sources).Save(Path.Combine(dir, SplitFile));
        }

        var data = new TrainingData(trainClips, inputs.Validation, config.LabelSet.Labels, config.Features)
        {
            FrontEnd = config.FrontEnd,
            LabelMap = config.LabelSet.Map,
            TeacherProbabilities = teacherProbabilities,
        };
        var result = ui.LiveProgress(context => new EmotionTrainer().Train(
            data, config.Training, config.Model, dir, resume, new EpochProgress(ui, context, config.Training.Epochs, progressPrefix), ct));
        try
        {
            // A split without a test part (a final model) reports its validation part, labelled as such.
            var predictions = Evaluator.Predict(result.Bundle, hasTest ? inputs.Test : inputs.Validation, config.Training.BatchSize);
            var test = Evaluator.Evaluate(predictions, result.Bundle.Labels);
            var best = result.History.FirstOrDefault(h => h.Epoch == result.BestEpoch) ?? result.History[^1];
            var trainedOn = Describe(inputs);
            SaveBundleWithResults(result, hasTest ? test : null, best, trainedOn);

            var report = new RunReport
            {
                Kind = "Training run",
                Split = split.Spec.ToString(),
                SpeakerIndependent = split.Spec.IsSpeakerIndependent,
                Seed = config.Training.Seed,
                ModelPath = result.BundlePath,
                DataSources = inputs.Data.Sources,
                Corpora = trainedOn.Corpora,
                CorpusClips = inputs.Data.Items.Count,
                TestSpeakers = split.TestSpeakers,
                ValidationSpeakers = split.ValidationSpeakers,
                TrainSpeakers = trainedOn.TrainSpeakers,
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
                FrontEnd = config.FrontEnd,
                Teacher = config.Teacher is { } teacherPath ? $"`{teacherPath}` (weight {config.Training.DistillationWeight:0.##} in the loss)" : null,
                PeakMemoryMiB = Runtime.PeakMemory.MiB(),
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

    /// <summary>The teacher's probabilities for the training clips; refuses a teacher that saw a test speaker.</summary>
    private static float[][] TeacherProbabilities(string path, RunConfiguration config, DataSplit split, IReadOnlyList<LabeledClip> clips, ConsoleUi ui)
    {
        if (!File.Exists(path))
            throw new CliException($"{path}: teacher model not found");
        using var teacher = ModelBundle.Load(path);
        var trainedOn = teacher.Manifest.TrainingData
            ?? throw new CliException($"{path}: the teacher does not record which speakers trained it, so it cannot be shown not to have seen the test speakers");
        var leaked = trainedOn.SeenAmong(split.Test.Select(m => m.Item.Speaker));
        if (leaked.Length > 0)
            throw new CliException($"{path}: the teacher was trained or validated on test speakers of this split ({string.Join(", ", leaked)})");
        try
        {
            ui.Line($"Teacher {Path.GetFileName(path)} ({teacher.MemberCount} network{(teacher.MemberCount == 1 ? "" : "s")}): labelling {clips.Count} training clips");
            return Distillation.TeacherProbabilities(teacher, clips, config.LabelSet.Labels, config.Features, config.FrontEnd);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }

    /// <summary>What the run trained on, as the bundle records it.</summary>
    private static TrainingDataSummary Describe(RunInputs inputs)
    {
        var split = inputs.Split;
        var augmentation = inputs.Config.Augmentation;
        return new TrainingDataSummary
        {
            Corpora = inputs.Data.Corpora,
            Split = split.Spec.ToString(),
            SplitSeed = split.Seed,
            SpeakerIndependent = split.Spec.IsSpeakerIndependent,
            IncludeSong = inputs.Config.IncludeSong,
            TrainSpeakers = Speakers(split.Train),
            ValidationSpeakers = split.ValidationSpeakers,
            TestSpeakers = split.TestSpeakers.Count > 0 ? split.TestSpeakers : split.Spec.Kind == SplitKind.Corpus ? Speakers(split.Test) : [],
            TrainClips = inputs.Train.Count,
            AugmentedClips = inputs.Augmented.Count,
            ValidationClips = inputs.Validation.Count,
            TestClips = inputs.Test.Count,
            Augmentation = augmentation.Copies > 0 ? $"{augmentation.Copies} copies, {augmentation.Recipe}" : null,
        };
    }

    /// <summary>Re-saves the trainer's bundle with the test metrics and a description of the data it was trained on.</summary>
    private static void SaveBundleWithResults(TrainingResult result, EvaluationReport? test, EpochReport best, TrainingDataSummary trainedOn)
    {
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
        // The new bundle shares the trained network; only the trainer's bundle is disposed.
        var final = ModelBundle.Create(result.Bundle.Manifest with { Metrics = metrics, TrainedOn = trainedOn }, result.Bundle.Model);
        final.Save(result.BundlePath);
    }

    private static string[] Speakers(IEnumerable<MappedItem> items) => items.Select(m => m.Item.Speaker).Distinct().Order(StringComparer.Ordinal).ToArray();
}
