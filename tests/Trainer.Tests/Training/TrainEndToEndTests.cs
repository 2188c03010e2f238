using System.Text.Json;
using SpeechEmotion.Data;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Data;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests.Training;

public class TrainEndToEndTests
{
    /// <summary>5 actors x 8 emotions x 2 statements of short tones whose pitch gives the emotion (actors:01 leaves 4 training
    /// speakers, enough for one validation speaker).</summary>
    internal static SyntheticCorpus Corpus() => new SyntheticCorpus().AddActors([1, 2, 3, 4, 5], Enumerable.Range(1, 8), statements: 2, seconds: 0.4);

    [Fact]
    public void Train_OnASyntheticCorpus_WritesBundleSplitReportAndPlots_AndEvaluateReadsThem()
    {
        // Given a tiny RAVDESS-named corpus
        using var corpus = Corpus();
        using var temp = new TempFolder();
        var run = temp["run"];

        // When a 2-epoch run holds out actor 01 and validates on one other actor
        var (exit, output, error) = Cli.Run("train", "--data", corpus.Directory, "--out", run, "--split", "actors:01",
            "--validation-actors", "1", "--epochs", "2", "--batch-size", "8", "--seed", "3", "--cache", temp["cache"] + "/", "--device", "cpu");

        // Then it succeeds and prints an epoch line per epoch and the test metrics
        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("epoch 1/2", output);
        Assert.Contains("epoch 2/2", output);
        Assert.Contains("macro-F1", output);

        // and the run folder holds the bundle, the split manifest, the settings, the reports and three plots
        foreach (var file in new[] { "model.semodel", "split.json", "run-config.json", RunReportWriter.JsonFile, RunReportWriter.MarkdownFile,
                     RunReportWriter.PredictionsFile, RunReportWriter.CurvesPlot, RunReportWriter.ConfusionPlot, RunReportWriter.F1Plot })
            Assert.True(File.Exists(Path.Combine(run, file)) && new FileInfo(Path.Combine(run, file)).Length > 0, file);

        // and the split keeps actor 01 for testing only, and validation from the training actors
        var manifest = SplitManifest.Load(Path.Combine(run, "split.json"));
        Assert.Equal("actors:01", manifest.Split);
        Assert.Equal(16, manifest.Test.Count);
        Assert.All(manifest.Test, n => Assert.EndsWith("-01.wav", n));
        Assert.Equal(["ravdess:01"], manifest.TestSpeakers);
        var validationSpeaker = Assert.Single(manifest.ValidationSpeakers);
        Assert.NotEqual("ravdess:01", validationSpeaker);
        Assert.Equal(16, manifest.Validation.Count);
        Assert.All(manifest.Validation, n => Assert.Contains($"/Actor_{validationSpeaker[^2..]}/", n));
        Assert.Equal(48, manifest.Train.Count);
        Assert.Equal([corpus.Directory], manifest.DataSources);

        // and the bundle records its split, actors and test metrics
        using (var bundle = ModelBundle.Load(Path.Combine(run, "model.semodel")))
        {
            var trainedOn = bundle.Manifest.TrainedOn;
            Assert.NotNull(trainedOn);
            Assert.Equal("actors:01", trainedOn.Split);
            Assert.Equal(["ravdess:01"], trainedOn.TestSpeakers);
            Assert.Equal([validationSpeaker], trainedOn.ValidationSpeakers);
            Assert.Equal(3, trainedOn.TrainSpeakers.Count);
            Assert.DoesNotContain("ravdess:01", trainedOn.SeenSpeakers);
            Assert.Equal((48, 16, 16), (trainedOn.TrainClips, trainedOn.ValidationClips, trainedOn.TestClips));
            Assert.Equal("ravdess", Assert.Single(trainedOn.Corpora).Name);
            Assert.True(bundle.Manifest.Metrics.ContainsKey("test_macro_f1"));
            Assert.Equal(EmotionLabels.Ravdess, bundle.Labels);
        }
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunReportWriter.JsonFile)));
        Assert.Equal(2, json.RootElement.GetProperty("epochs_run").GetInt32());
        Assert.Equal(16, json.RootElement.GetProperty("test").GetProperty("count").GetInt32());

        // When the bundle is evaluated on its own split, then on a split whose test actor it trained on
        var (evalExit, evalOutput, evalError) = Cli.Run("evaluate", "--model", Path.Combine(run, "model.semodel"), "--data", corpus.Directory,
            "--cache", temp["cache"] + "/");
        var (leakExit, _, leakError) = Cli.Run("evaluate", "--model", Path.Combine(run, "model.semodel"), "--data", corpus.Directory,
            "--split", "actors:02,03", "--out", temp["leak"], "--cache", temp["cache"] + "/");

        // Then the first reproduces the run's test metrics without a warning, the second warns about the seen speakers
        Assert.True(evalExit == 0, evalError);
        Assert.DoesNotContain("warning: test speakers", evalError);
        using var evalJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "eval-actors-01", RunReportWriter.JsonFile)));
        Assert.Equal(json.RootElement.GetProperty("test").GetProperty("macro_f1").GetDouble(),
            evalJson.RootElement.GetProperty("test").GetProperty("macro_f1").GetDouble(), 6);
        Assert.Contains("features: 16/16 (0 extracted)", evalOutput, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, leakExit);
        Assert.Contains("warning: test speakers ravdess:02, ravdess:03 were in this model's training data", leakError);

        // When it is evaluated on every clip (--split all), then every clip is scored and the seen speakers are named
        var (allExit, _, allError) = Cli.Run("evaluate", "--model", Path.Combine(run, "model.semodel"), "--data", corpus.Directory,
            "--split", "all", "--out", temp["all"], "--cache", temp["cache"] + "/");
        Assert.True(allExit == 0, allError);
        Assert.Contains("warning: test speakers ravdess:02, ravdess:03, ravdess:04, ravdess:05 were in this model's training data", allError);
        using var allJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["all"], RunReportWriter.JsonFile)));
        Assert.Equal(80, allJson.RootElement.GetProperty("test").GetProperty("count").GetInt32());
    }

    [Fact]
    public void Train_IntoAFolderThatHoldsARun_RefusesAndPointsAtResume()
    {
        using var corpus = Corpus();
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["run"]);
        File.WriteAllText(temp["run/run-config.json"], "{}");

        var (exit, _, error) = Cli.Run("train", "--data", corpus.Directory, "--out", temp["run"]);

        Assert.Equal(1, exit);
        Assert.Contains("already holds a run; continue it with --resume", error);
    }
}
