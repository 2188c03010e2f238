using System.CommandLine;
using SpeechEmotion.Data;
using SpeechEmotion.Runtime;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Training;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>train --data DIR --out RUN_DIR [--split ...] ...</c>: splits the corpus, trains, evaluates once on the
/// held-out part and writes the bundle, split manifest, report and plots into RUN_DIR. <c>--resume RUN_DIR</c>
/// continues a killed run with its saved settings and split.
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var data = CliOptions.Data();
        var output = new Option<string?>("--out") { Description = "Run folder to create (bundle, split.json, report, plots, checkpoints)." };
        var split = CliOptions.Split("Test part: emobox:1-4 (default emobox:1), actors:01,11,20,21, or random:SEED (clips, not speaker-independent).");
        var epochs = CliOptions.PositiveInt("--epochs", "Maximum epochs (default 100).");
        var batchSize = CliOptions.PositiveInt("--batch-size", "Clips per batch (default 32).");
        var learningRate = new Option<double?>("--lr") { Description = "Initial learning rate (default 1e-3)." };
        learningRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double?>() is double v && !(v > 0 && double.IsFinite(v)))
                r.AddError($"--lr must be a positive number (got {v}).");
        });
        var seed = new Option<int?>("--seed") { Description = "Seed of the validation actors, initial weights, shuffling and augmentation (default 42)." };
        var device = CliOptions.Device();
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint (same settings and split)." };
        var config = new Option<string?>("--config") { Description = "JSON file with training, model, features, augmentation, validation sections (snake_case); flags override it." };
        var augment = new Option<int?>("--augment") { Description = "Augmented copies per training clip (gain, noise, shift, speed; default 0)." };
        augment.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is int v && v < 0)
                r.AddError($"--augment must be 0 or more (got {v}).");
        });
        var validationActors = CliOptions.PositiveInt("--validation-actors", "Training actors held out for validation (default 2: one male, one female).");
        var threads = CliOptions.PositiveInt("--threads", "LibTorch threads (default: all cores).");
        var includeSong = CliOptions.IncludeSong();
        var cache = CliOptions.Cache();
        var workers = CliOptions.Workers();

        var command = new Command("train", "Train a model on RAVDESS and evaluate it on a held-out split.")
        {
            data, output, split, epochs, batchSize, learningRate, seed, device, resume, config, augment,
            validationActors, threads, includeSong, cache, workers,
        };
        Option[] settings = [split, epochs, batchSize, learningRate, seed, config, augment, validationActors, includeSong];

        command.SetAction((parse, ct) =>
        {
            NativeMemoryTuning.Apply();
            var ui = new ConsoleUi();
            var resumeDir = parse.GetValue(resume);
            string runDir;
            RunConfiguration run;
            if (resumeDir is not null)
            {
                var fixedFlags = settings.Where(parse.IsGiven).Select(o => o.Name).ToArray();
                if (fixedFlags.Length > 0)
                    throw new CliException($"--resume continues {resumeDir} with its saved settings; drop {string.Join(", ", fixedFlags)}", CliRunner.UsageError);
                if (parse.GetValue(output) is { } o && Path.GetFullPath(o) != Path.GetFullPath(resumeDir))
                    throw new CliException("give either --out (a new run) or --resume (an existing run), not both", CliRunner.UsageError);
                runDir = resumeDir;
                var saved = Path.Combine(runDir, RunConfiguration.FileName);
                if (!File.Exists(saved) || !File.Exists(Path.Combine(runDir, TrainingRun.SplitFile)))
                    throw new CliException($"{runDir}: not a run folder (no {RunConfiguration.FileName} or {TrainingRun.SplitFile}); start it with --out");
                run = RunConfiguration.Load(saved);
                ui.Line($"Resuming {runDir}");
            }
            else
            {
                runDir = parse.GetValue(output) ?? throw new CliException("--out RUN_DIR is required (or --resume RUN_DIR)", CliRunner.UsageError);
                if (File.Exists(Path.Combine(runDir, RunConfiguration.FileName)) || File.Exists(Path.Combine(runDir, TrainingRun.BundleFile)))
                    throw new CliException($"{runDir} already holds a run; continue it with --resume {runDir} or choose another --out");
                run = parse.GetValue(config) is { } file ? RunConfiguration.Load(file) : new RunConfiguration();
                var training = run.Training;
                if (parse.GetValue(epochs) is int e) training = training with { Epochs = e };
                if (parse.GetValue(batchSize) is int b) training = training with { BatchSize = b };
                if (parse.GetValue(learningRate) is double lr) training = training with { LearningRate = lr };
                if (parse.GetValue(seed) is int s) training = training with { Seed = s };
                run = run with { Training = training };
                if (parse.GetValue(split) is { } spec) run = run with { Split = spec.ToString() };
                if (parse.GetValue(augment) is int k) run = run with { Augmentation = run.Augmentation with { Copies = k } };
                if (parse.GetValue(validationActors) is int v) run = run with { Validation = run.Validation with { Actors = v } };
                if (parse.IsGiven(includeSong)) run = run with { IncludeSong = parse.GetValue(includeSong) };
            }
            // Where and how fast may change on resume; what is computed may not.
            if (parse.GetValue(device) is { } d) run = run with { Training = run.Training with { Device = d } };
            if (parse.GetValue(threads) is int t) run = run with { Training = run.Training with { Threads = t } };
            run = run.Validated(parse.GetValue(config) ?? "settings");

            var dataDir = parse.GetValue(data)!;
            var scan = CorpusPreparation.Scan(dataDir, run.IncludeSong, ui);
            var loader = CorpusPreparation.Loader(run.Features, CliOptions.CachePath(parse.GetValue(cache), dataDir, run.Features), parse.GetValue(workers));
            var (clips, featureProblems) = CorpusPreparation.LoadFeatures(loader, scan.Utterances, ui, ct);
            var usable = scan.Utterances.Where(u => clips.ContainsKey(u.FileName)).ToArray();
            var dataSplit = Split(usable, run, resumeDir is null ? null : Path.Combine(runDir, TrainingRun.SplitFile));
            PrintSplit(ui, dataSplit);
            var (augmented, augmentProblems) = CorpusPreparation.Augment(loader, dataSplit.Train, run.Augmentation, run.Training.Seed, ui, ct);
            var (train, validation, test) = CorpusPreparation.Parts(dataSplit, clips);

            var inputs = new RunInputs(runDir, run, dataSplit, dataDir, usable.Length, train, augmented, validation, test,
                [.. scan.Problems, .. featureProblems, .. augmentProblems]);
            RunReport report;
            try
            {
                report = TrainingRun.Execute(inputs, ui, resumeDir is not null, null, ct);
            }
            catch (OperationCanceledException)
            {
                throw new CliException($"interrupted; continue with: train --resume {runDir}", 130);
            }

            ui.Write(ResultTables.Epochs(report.History, report.BestValidation?.Epoch ?? 0));
            ui.Write(ResultTables.Metrics(report.Test, $"Test: {report.Split} ({report.Test.Count} clips)"));
            ui.Line($"Wrote {Path.Combine(runDir, TrainingRun.BundleFile)}, {RunReportWriter.MarkdownFile}, {RunReportWriter.JsonFile} and plots in {runDir}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>A new split of the usable clips, or the saved one of a resumed run.</summary>
    private static DataSplit Split(IReadOnlyList<Utterance> usable, RunConfiguration run, string? manifestPath)
    {
        try
        {
            return manifestPath is null
                ? CorpusSplitter.Split(usable, run.SplitSpec, run.Training.Seed, run.Validation)
                : SplitManifest.Load(manifestPath).Resolve(usable);
        }
        catch (InvalidDataException e)
        {
            throw new CliException(e.Message);
        }
    }

    internal static void PrintSplit(ConsoleUi ui, DataSplit split)
    {
        static string Part(IReadOnlyList<Utterance> part) =>
            $"{part.Count} clips, {part.Select(u => u.Actor).Distinct().Count()} actors";
        ui.Line($"Split {split.Spec}: train {Part(split.Train)}; validation {Part(split.Validation)}" +
                 (split.ValidationActors.Count > 0 ? $" ({RunReportWriter.Actors(split.ValidationActors)})" : "") +
                 $"; test {Part(split.Test)}" + (split.TestActors.Count > 0 ? $" ({RunReportWriter.Actors(split.TestActors)})" : ""));
        if (!split.Spec.IsSpeakerIndependent)
            Console.Error.WriteLine("warning: a random split shares speakers between training and test; its scores overstate what unseen speakers get");
    }
}
