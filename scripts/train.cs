#!/usr/bin/env -S dotnet run
// Trains a small model on some RAVDESS actors and evaluates it on held-out actors (speaker-independent);
// the twin of notebooks/02-train.ipynb without the plots. The full recipe is `speech-emotion train`.
//   dotnet run scripts/train.cs RAVDESS_DIR [--actors 1-8] [--test-actors 7,8] [--validation-actors 2]
//                               [--epochs 30] [--seed 42] [--device auto] [--out runs/script-train]
// Features are cached beside the corpus (DIR/../cache), as the CLI does.
#:project ../src/SpeechEmotion/SpeechEmotion.csproj
#:property UsesTorchBackend=true
#:property PublishAot=false
using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using SpeechEmotion.Training;

var options = new Dictionary<string, string>
{
    ["--actors"] = "1-8", ["--test-actors"] = "7,8", ["--validation-actors"] = "2", ["--epochs"] = "30",
    ["--seed"] = "42", ["--device"] = "auto", ["--out"] = Path.Combine("runs", "script-train"),
};
string? corpusDir = null;
for (int i = 0; i < args.Length; i++)
{
    if (options.ContainsKey(args[i]) && i + 1 < args.Length) options[args[i]] = args[++i];
    else if (!args[i].StartsWith("--", StringComparison.Ordinal) && corpusDir is null) corpusDir = args[i];
    else return Fail($"unexpected argument '{args[i]}'; usage: dotnet run scripts/train.cs RAVDESS_DIR [--actors 1-8] [--test-actors 7,8] [--epochs N] [--out DIR]");
}
if (corpusDir is null) return Fail("usage: dotnet run scripts/train.cs RAVDESS_DIR [--actors 1-8] [--test-actors 7,8] [--epochs N] [--out DIR]");

try
{
    var actors = ParseActors(options["--actors"]);
    var testActors = ParseActors(options["--test-actors"]);
    int seed = int.Parse(options["--seed"]);
    NativeMemoryTuning.Apply();

    var corpus = CorpusReader.Read(corpusDir, new RavdessScheme());
    var speakers = actors.Select(EmoBoxFolds.Speaker).ToHashSet();
    var items = LabelSet.Ravdess.Apply(corpus.Items.Where(i => speakers.Contains(i.Speaker))).Kept;
    foreach (var problem in corpus.Problems.Take(5)) Console.Error.WriteLine($"note: {problem}");
    var split = CorpusSplitter.Split(items, SplitSpec.Actors(testActors), seed,
        new ValidationSplitOptions { Actors = int.Parse(options["--validation-actors"]) });
    Console.WriteLine($"train {split.Train.Count} clips, validation {split.Validation.Count} ({string.Join(",", split.ValidationSpeakers)}), test {split.Test.Count} ({string.Join(",", split.TestSpeakers)})");

    var features = new FeatureOptions();
    var cacheDir = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(corpusDir).TrimEnd(Path.DirectorySeparatorChar))!, "cache");
    Directory.CreateDirectory(cacheDir);
    var loader = new ClipFeatureLoader(features, Path.Combine(cacheDir, ClipFeatureLoader.DefaultCacheFileName(features)));
    IReadOnlyList<LabeledClip> Load(IReadOnlyList<MappedItem> part)
    {
        var result = loader.Load(part);
        foreach (var problem in result.Problems) Console.Error.WriteLine($"skipped: {problem}");
        return result.Clips;
    }

    var training = new TrainingOptions { Epochs = int.Parse(options["--epochs"]), Seed = seed, Device = options["--device"] };
    var data = new TrainingData(Load(split.Train), Load(split.Validation), EmotionLabels.Ravdess, features);
    var progress = new Progress(r => Console.WriteLine(
        $"epoch {r.Epoch,3}: loss {r.TrainLoss:F3} acc {r.TrainAccuracy:P0} | val loss {r.ValidationLoss:F3} acc {r.ValidationAccuracy:P0} F1 {r.ValidationMacroF1:F2} | {r.Seconds:F1} s"));
    var run = new EmotionTrainer().Train(data, training, new ModelConfig(), options["--out"], resume: false, progress);
    using var bundle = run.Bundle;
    var report = Evaluator.Evaluate(bundle, Load(split.Test));
    Console.WriteLine($"test ({report.Count} clips): accuracy {report.Accuracy:P1}, UAR {report.Uar:P1}, macro-F1 {report.MacroF1:F3}");
    Console.WriteLine($"model: {run.BundlePath}");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or FormatException or UnauthorizedAccessException)
{
    return Fail(e.Message);
}

static int[] ParseActors(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
    .SelectMany(part => part.Split('-') is [var from, var to]
        ? Enumerable.Range(int.Parse(from), int.Parse(to) - int.Parse(from) + 1)
        : [int.Parse(part)])
    .Distinct().Order().ToArray();

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}

/// <summary>Prints each finished epoch as it is reported (synchronously, unlike System.Progress).</summary>
sealed class Progress(Action<EpochReport> print) : IProgress<EpochReport>
{
    public void Report(EpochReport value)
    {
        if (value.BatchIndex is null) print(value);
    }
}
