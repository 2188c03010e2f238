using System.CommandLine;
using SpeechEmotion.Runtime;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Training;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>train --data DIR --out RUN_DIR [--split ...] ...</c>: splits the corpus, trains, evaluates once on the
/// held-out part and writes the bundle, split manifest, report and plots into RUN_DIR. <c>--resume RUN_DIR</c>
/// continues a killed run with its saved settings and split (only --epochs, --device and --threads may change).
/// </summary>
internal static class TrainCommand
{
    public static Command Create()
    {
        var flags = new TrainingFlags();
        var output = new Option<string?>("--out") { Description = "Run folder to create (bundle, split.json, report, plots, checkpoints)." };
        var split = CliOptions.Split("Test part: emobox:1-4 (default emobox:1; RAVDESS actors), actors:01,11,20,21, corpus:NAME (a whole corpus held out), random:SEED (clips, not speaker-independent), or all (no test part: a final model).");
        var seed = new Option<int?>("--seed") { Description = "Seed of the validation actors, initial weights, shuffling and augmentation (default 42)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder from its last checkpoint (same settings and split)." };
        var teacher = new Option<string?>("--teacher")
        {
            Description = "Distil this model (typically an ensemble of the same split's runs) into one network: its probabilities on the training clips are learned with the labels (training.distillation_weight, default 0.5). It must not have seen the test speakers.",
        };

        var command = new Command("train", "Train a model on one or more corpora and evaluate it on a held-out split.") { output, split, seed, resume, teacher };
        foreach (var option in flags.All)
            command.Options.Add(option);

        command.SetAction((parse, ct) =>
        {
            NativeMemoryTuning.Apply();
            var ui = new ConsoleUi();
            var resumeDir = parse.GetValue(resume);
            string runDir;
            RunConfiguration run;
            if (resumeDir is not null)
            {
                var fixedFlags = flags.Settings.Append(split).Append(seed).Append(teacher).Where(parse.IsGiven).Select(o => o.Name).ToArray();
                if (fixedFlags.Length > 0)
                    throw new CliException($"--resume continues {resumeDir} with its saved settings; drop {string.Join(", ", fixedFlags)}", CliRunner.UsageError);
                if (parse.GetValue(output) is { } o && Path.GetFullPath(o) != Path.GetFullPath(resumeDir))
                    throw new CliException("give either --out (a new run) or --resume (an existing run), not both", CliRunner.UsageError);
                runDir = resumeDir;
                var saved = Path.Combine(runDir, RunConfiguration.FileName);
                if (!File.Exists(saved) || !File.Exists(Path.Combine(runDir, TrainingRun.SplitFile)))
                    throw new CliException($"{runDir}: not a run folder (no {RunConfiguration.FileName} or {TrainingRun.SplitFile}); start it with --out");
                run = RunConfiguration.Load(saved);
                if (parse.GetValue(flags.Epochs) is int more)
                {
                    run = run with { Training = run.Training with { Epochs = more } };
                    run.Save(saved);
                }
                ui.Line($"Resuming {runDir}");
            }
            else
            {
                runDir = parse.GetValue(output) ?? throw new CliException("--out RUN_DIR is required (or --resume RUN_DIR)", CliRunner.UsageError);
                if (File.Exists(Path.Combine(runDir, RunConfiguration.FileName)) || File.Exists(Path.Combine(runDir, TrainingRun.BundleFile)))
                    throw new CliException($"{runDir} already holds a run; continue it with --resume {runDir} or choose another --out");
                run = flags.Build(parse);
                if (parse.GetValue(seed) is int s) run = run with { Training = run.Training with { Seed = s } };
                if (parse.GetValue(split) is { } spec) run = run with { Split = spec.ToString() };
                if (parse.GetValue(teacher) is { } t) run = run with { Teacher = Path.GetFullPath(t) };
            }
            run = flags.ApplyRuntime(parse, run).Validated(parse.GetValue(flags.Config) ?? "settings");

            var sources = parse.GetValue(flags.Data)!;
            var data = CorpusPreparation.Load(sources, run.IncludeSong, run.LabelSet, ui);
            run.EnsureCorporaForAdversary(data.Items, "the data given");
            var loader = CorpusPreparation.Loader(run.Features, run.FrontEnd,
                CliOptions.CachePath(parse.GetValue(flags.Cache), sources[0], run.Features, run.FrontEnd), parse.GetValue(flags.Workers));
            var (clips, featureProblems) = CorpusPreparation.LoadFeatures(loader, data.Items, ui, ct);
            var usable = data.Items.Where(m => clips.ContainsKey(m.Item.Id)).ToArray();
            var report = TrainingRun.SplitAndTrain(runDir, run, data, usable, clips, loader, [.. data.Problems, .. featureProblems],
                resume: resumeDir is not null, ui, progressPrefix: null, ct);

            ui.Write(ResultTables.Epochs(report.History, report.BestValidation?.Epoch ?? 0));
            ui.Write(ResultTables.Metrics(report.Test, $"{(report.EvaluatedPart == "test" ? "Test" : "Validation (no test part)")}: {report.Split} ({report.Test.Count} clips)"));
            ui.Line($"Wrote {Path.Combine(runDir, TrainingRun.BundleFile)}, {RunReportWriter.MarkdownFile}, {RunReportWriter.JsonFile} and plots in {runDir}");
            return Task.FromResult(0);
        });
        return command;
    }
}
