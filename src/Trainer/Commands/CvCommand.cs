using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Training;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>cv --data DIR --folds emobox [--seeds 1,2,3] --out DIR</c>: one training run per (fold, seed) in
/// DIR/foldK-seedS, then per-run and mean ± std metrics in DIR/cv-report.md and .json. With several seeds, each
/// fold's models are also combined into DIR/foldK-ensemble.semodel and that ensemble is scored on the fold's test
/// part. <c>--folds corpus</c> holds out each corpus given with --data in turn (leave-one-corpus-out, DIR/corpus-NAME-seedS).
/// <c>--folds random:9,1,2</c> repeats the original project's random 80/20 protocol over several splits instead
/// (DIR/randomN-seedS), for comparison only. Run again with the same arguments to continue: finished runs are reused
/// and an interrupted one is resumed.
/// </summary>
internal static class CvCommand
{
    public static Command Create()
    {
        var flags = new TrainingFlags();
        var folds = new Option<SplitSpec[]>("--folds")
        {
            Description = "emobox (all 4 speaker-independent folds), emobox:1,3 (some of them), corpus (leave each corpus out in turn), corpus:savee,urdu (those corpora), or random:9,1,2 (random 80/20 splits with these seeds; not speaker-independent).",
            DefaultValueFactory = _ => [.. Enumerable.Range(1, 4).Select(SplitSpec.EmoBox)],
            CustomParser = ParseFolds,
        };
        var seeds = CliOptions.IntList("--seeds", "Seeds per fold, e.g. 1,2,3 (default 42).", [42]);
        var output = new Option<string>("--out") { Description = "Folder for the runs and the cross-validation report.", Required = true };

        var command = new Command("cv", "Cross-validate over the EmoBox speaker-independent folds, held-out corpora, or repeated random splits (x seeds).") { folds, seeds, output };
        foreach (var option in flags.All)
            command.Options.Add(option);

        command.SetAction((parse, ct) =>
        {
            NativeMemoryTuning.Apply();
            var ui = new ConsoleUi();
            var outDir = parse.GetValue(output)!;
            var baseRun = flags.ApplyRuntime(parse, flags.Build(parse));
            baseRun.Validated(parse.GetValue(flags.Config) ?? "settings");
            if (baseRun.Teacher is not null)
                throw new CliException("cv takes no teacher: one teacher would have seen the test speakers of other folds; distil each fold with train --split FOLD --teacher", CliRunner.UsageError);
            var seedList = parse.GetValue(seeds)!.Distinct().ToArray();

            var sources = parse.GetValue(flags.Data)!;
            var data = CorpusPreparation.Load(sources, baseRun.IncludeSong, baseRun.LabelSet, ui);
            baseRun.EnsureCorporaForAdversary(data.Items, "the data given");
            var foldList = parse.GetValue(folds)!;
            if (foldList.Length == 0)   // --folds corpus: every corpus given
            {
                if (data.Corpora.Count < 2)
                    throw new CliException("--folds corpus needs at least two corpora (repeat --data)", CliRunner.UsageError);
                foldList = [.. data.Corpora.Select(c => SplitSpec.HoldOutCorpus(c.Name))];
            }
            var loader = CorpusPreparation.Loader(baseRun.Features, baseRun.FrontEnd,
                CliOptions.CachePath(parse.GetValue(flags.Cache), sources[0], baseRun.Features, baseRun.FrontEnd), parse.GetValue(flags.Workers));
            var (clips, featureProblems) = CorpusPreparation.LoadFeatures(loader, data.Items, ui, ct);
            var usable = data.Items.Where(m => clips.ContainsKey(m.Item.Id)).ToArray();

            var runs = new List<CvRun>();
            var ensembles = new List<CvEnsembleRun>();
            foreach (var fold in foldList)
            {
                foreach (var seed in seedList)
                {
                    var dir = RunDirectory(outDir, fold, seed);
                    var run = baseRun with { Split = fold.ToString(), Training = baseRun.Training with { Seed = seed } };
                    ui.Line();
                    ui.Line($"== {Describe(fold)}, seed {seed}: {dir}");
                    var resume = File.Exists(Path.Combine(dir, RunConfiguration.FileName));
                    if (resume)
                    {
                        CheckSameSettings(dir, run);
                        if (File.Exists(Path.Combine(dir, RunReportWriter.JsonFile)) && File.Exists(Path.Combine(dir, TrainingRun.BundleFile)))
                        {
                            var done = FromSavedReport(dir, fold, seed);
                            ui.Line($"finished earlier: macro-F1 {RunReportWriter.F(done.MacroF1)}");
                            runs.Add(done);
                            continue;
                        }
                    }
                    var report = TrainingRun.SplitAndTrain(dir, run, data, usable, clips, loader, [.. data.Problems, .. featureProblems],
                        resume, ui, $"{Describe(fold)} seed {seed} ", ct);
                    ui.Line($"{Describe(fold)} seed {seed}: accuracy {RunReportWriter.F(report.Test.Accuracy)}, UAR {RunReportWriter.F(report.Test.Uar)}, macro-F1 {RunReportWriter.F(report.Test.MacroF1)}");
                    runs.Add(FromReport(dir, fold, seed, report));
                }
                if (seedList.Length > 1)
                {
                    var ensemble = EvaluateSeedEnsemble(outDir, fold, seedList, usable, clips);
                    ui.Line($"{Describe(fold)} ensemble of {seedList.Length} seeds: accuracy {RunReportWriter.F(ensemble.Accuracy)}, UAR {RunReportWriter.F(ensemble.Uar)}, macro-F1 {RunReportWriter.F(ensemble.MacroF1)}");
                    ensembles.Add(ensemble);
                }
            }

            var cv = Summarize(data.Sources, foldList, seedList, runs, baseRun, ensembles);
            CvReportWriter.Write(outDir, cv);
            ui.Line();
            ui.Line($"Cross-validation over {runs.Count} runs: accuracy {cv.Summary["accuracy"]}, UAR {cv.Summary["uar"]}, macro-F1 {cv.Summary["macro_f1"]}");
            if (cv.EnsembleSummary is { } e)
                ui.Line($"Seed ensembles over {ensembles.Count} {(ensembles.Count == 1 ? "fold" : "folds")}: accuracy {e["accuracy"]}, UAR {e["uar"]}, macro-F1 {e["macro_f1"]}");
            ui.Line($"Wrote {Path.Combine(outDir, CvReportWriter.MarkdownFile)} and {CvReportWriter.JsonFile}");
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>
    /// Combines the fold's per-seed bundles into one ensemble, saves it as foldK-ensemble.semodel (randomN-ensemble.semodel)
    /// and scores it on the fold's test part, which none of its members saw.
    /// </summary>
    private static CvEnsembleRun EvaluateSeedEnsemble(string outDir, SplitSpec fold, IReadOnlyList<int> seeds, IReadOnlyList<MappedItem> usable,
        IReadOnlyDictionary<string, LabeledClip> clips)
    {
        var members = new List<ModelBundle>();
        try
        {
            foreach (var seed in seeds)
                members.Add(ModelBundle.Load(Path.Combine(RunDirectory(outDir, fold, seed), TrainingRun.BundleFile)));
            using var ensemble = ModelBundle.Combine(members);
            var path = Path.Combine(outDir, $"{FoldName(fold)}-ensemble{ModelBundle.FileExtension}");
            ensemble.Save(path);
            var test = CorpusPreparation.Pick(EvaluateCommand.TestPart(usable, fold), clips);
            var metrics = Evaluator.Evaluate(ensemble, test);
            return new CvEnsembleRun(fold.ToString(), seeds, path, metrics.Count, metrics.Accuracy, metrics.Uar, metrics.MacroF1);
        }
        finally
        {
            foreach (var member in members)
                member.Dispose();
        }
    }

    /// <summary>Where the run of (fold, seed) lives: DIR/fold1-seed42 or DIR/random9-seed42.</summary>
    private static string RunDirectory(string outDir, SplitSpec fold, int seed) => Path.Combine(outDir, $"{FoldName(fold)}-seed{seed}");

    /// <summary>Folder-name stem of a fold's runs: fold1 for emobox:1, corpus-savee for corpus:savee, random9 for random:9.</summary>
    private static string FoldName(SplitSpec fold) => fold.Kind switch
    {
        SplitKind.EmoBox => $"fold{fold.Fold}",
        SplitKind.Corpus => $"corpus-{fold.Corpus}",
        _ => string.Create(CultureInfo.InvariantCulture, $"random{fold.RandomSeed}"),
    };

    /// <summary>How the console names a fold: "EmoBox fold 1", "held-out corpus savee" or "random split 9".</summary>
    private static string Describe(SplitSpec fold) => fold.Kind switch
    {
        SplitKind.EmoBox => $"EmoBox fold {fold.Fold}",
        SplitKind.Corpus => $"held-out corpus {fold.Corpus}",
        _ => string.Create(CultureInfo.InvariantCulture, $"random split {fold.RandomSeed}"),
    };

    internal static CvReport Summarize(IReadOnlyList<string> dataSources, IReadOnlyList<SplitSpec> folds, IReadOnlyList<int> seeds, IReadOnlyList<CvRun> runs, RunConfiguration settings,
        IReadOnlyList<CvEnsembleRun>? ensembles = null)
    {
        var labels = settings.LabelSet.Labels;
        var n = labels.Count;
        var summed = Enumerable.Range(0, n).Select(r => Enumerable.Range(0, n).Select(c => runs.Sum(x => x.ConfusionMatrix[r][c])).ToArray()).ToArray();
        return new CvReport
        {
            DataSources = dataSources,
            Folds = [.. folds.Select(f => f.ToString())],
            SpeakerIndependent = folds.All(f => f.IsSpeakerIndependent),
            Seeds = seeds,
            Labels = labels,
            Runs = runs,
            Summary = new Dictionary<string, MeanStd>
            {
                ["accuracy"] = MeanStd.Of(runs.Select(r => r.Accuracy).ToArray()),
                ["uar"] = MeanStd.Of(runs.Select(r => r.Uar).ToArray()),
                ["macro_f1"] = MeanStd.Of(runs.Select(r => r.MacroF1).ToArray()),
            },
            PerClassF1 = Enumerable.Range(0, n).Select(i => MeanStd.Of(runs.Select(r => r.F1[i]).ToArray())).ToArray(),
            ConfusionMatrix = summed,
            Settings = settings with { Split = string.Join(",", folds) },
            Ensembles = ensembles is { Count: > 0 } ? ensembles : null,
            EnsembleSummary = ensembles is { Count: > 0 }
                ? new Dictionary<string, MeanStd>
                {
                    ["accuracy"] = MeanStd.Of(ensembles.Select(r => r.Accuracy).ToArray()),
                    ["uar"] = MeanStd.Of(ensembles.Select(r => r.Uar).ToArray()),
                    ["macro_f1"] = MeanStd.Of(ensembles.Select(r => r.MacroF1).ToArray()),
                }
                : null,
        };
    }

    private static CvRun FromReport(string dir, SplitSpec fold, int seed, RunReport r) =>
        new(fold.ToString(), seed, dir, r.TestSpeakers, r.ValidationSpeakers, r.EpochsRun ?? 0, r.BestValidation?.Epoch ?? 0, r.TrainingSeconds ?? 0,
            r.Test.Count, r.Test.Accuracy, r.Test.Uar, r.Test.MacroF1, r.Test.F1, r.Test.ConfusionRows);

    /// <summary>Reads back what a finished run wrote to its evaluation.json.</summary>
    private static CvRun FromSavedReport(string dir, SplitSpec fold, int seed)
    {
        var path = Path.Combine(dir, RunReportWriter.JsonFile);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            var test = root.GetProperty("test");
            static int[] Ints(JsonElement e) => e.EnumerateArray().Select(x => x.GetInt32()).ToArray();
            static string[] Strings(JsonElement e) => e.EnumerateArray().Select(x => x.GetString() ?? "").ToArray();
            return new CvRun(fold.ToString(), seed, dir, Strings(root.GetProperty("test_speakers")), Strings(root.GetProperty("validation_speakers")),
                root.GetProperty("epochs_run").GetInt32(), root.GetProperty("best_validation").GetProperty("epoch").GetInt32(),
                root.GetProperty("training_seconds").GetDouble(), test.GetProperty("count").GetInt32(),
                test.GetProperty("accuracy").GetDouble(), test.GetProperty("uar").GetDouble(), test.GetProperty("macro_f1").GetDouble(),
                test.GetProperty("f1").EnumerateArray().Select(x => x.GetDouble()).ToArray(),
                test.GetProperty("confusion_matrix").EnumerateArray().Select(Ints).ToArray());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new CliException($"{path}: unreadable run report ({e.Message}); delete {dir} to run it again");
        }
    }

    /// <summary>A run folder from an earlier cv must have been made with the same settings (device and threads aside).</summary>
    private static void CheckSameSettings(string dir, RunConfiguration run)
    {
        var saved = RunConfiguration.Load(Path.Combine(dir, RunConfiguration.FileName));
        string Normalized(RunConfiguration c) => JsonSerializer.Serialize(
            c with { Training = c.Training with { Device = "-", Threads = null } }, TrainerJson.Options);
        if (Normalized(saved) != Normalized(run))
            throw new CliException($"{dir} holds a run with other settings; choose another --out or delete that folder");
    }

    private static SplitSpec[] ParseFolds(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim().ToLowerInvariant() : "";
        if (text == "emobox")
            return [.. Enumerable.Range(1, 4).Select(SplitSpec.EmoBox)];
        if (text == "corpus")
            return [];   // every corpus given with --data, resolved once the data is read
        if (text.StartsWith("corpus:", StringComparison.Ordinal))
        {
            try
            {
                var held = text["corpus:".Length..].Split(',', StringSplitOptions.TrimEntries).Select(SplitSpec.HoldOutCorpus).ToArray();
                if (held.Distinct().Count() == held.Length)
                    return held;
            }
            catch (ArgumentException)
            {
            }
            result.AddError($"--folds '{text}': expected corpus:NAME,NAME (distinct corpus names)");
            return [];
        }
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? "" : text[..colon];
        var numbers = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        SplitSpec[] folds = kind switch
        {
            "emobox" when numbers.All(f => f is >= 1 and <= 4) => [.. numbers.Select(SplitSpec.EmoBox)],
            "random" when numbers.All(s => s >= 0) => [.. numbers.Select(SplitSpec.Random)],
            _ => [],
        };
        if (folds.Length == 0 || folds.Distinct().Count() != folds.Length)
        {
            result.AddError($"--folds '{text}': expected emobox (all 4 folds), emobox:1,3 (distinct folds 1-4), corpus, corpus:NAME,NAME or random:9,1,2 (distinct split seeds)");
            return [];
        }
        return folds;
    }
}
