using System.Text.Json;
using SpeechEmotion.Tests.Data;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests.Training;

public class CvEndToEndTests
{
    [Fact]
    public void Cv_RunsEachSeedOfAFold_WritesTheSummary_AndReusesFinishedRunsWhenRunAgain()
    {
        // Given a corpus with fold 1's test actors (01, 11, 20, 21) and four more actors (a corpus of 4-9 training
        // speakers gives one validation speaker)
        using var corpus = new SyntheticCorpus().AddActors([1, 11, 20, 21, 2, 3, 4, 5], Enumerable.Range(1, 8), seconds: 0.3);
        using var temp = new TempFolder();
        string[] args = ["cv", "--data", corpus.Directory, "--folds", "emobox:1", "--seeds", "1,2", "--out", temp["cv"],
            "--epochs", "1", "--batch-size", "8", "--cache", temp["cache"] + "/", "--device", "cpu"];

        // When cross-validated with two seeds
        var (exit, output, error) = Cli.Run(args);

        // Then each seed has its own run folder with one validation speaker drawn from 02-05, and the summary covers both
        Assert.True(exit == 0, error);
        foreach (var run in new[] { "fold1-seed1", "fold1-seed2" })
            Assert.True(File.Exists(Path.Combine(temp["cv"], run, "model.semodel")), run);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.JsonFile)));
        var runs = json.RootElement.GetProperty("runs");
        Assert.Equal(2, runs.GetArrayLength());
        foreach (var run in runs.EnumerateArray())
        {
            Assert.Equal(["ravdess:01", "ravdess:11", "ravdess:20", "ravdess:21"], run.GetProperty("test_speakers").EnumerateArray().Select(a => a.GetString()));
            var validation = Assert.Single(run.GetProperty("validation_speakers").EnumerateArray());
            Assert.Contains(validation.GetString(), new[] { "ravdess:02", "ravdess:03", "ravdess:04", "ravdess:05" });
            Assert.Equal(32, run.GetProperty("test_clips").GetInt32());
        }
        var mean = json.RootElement.GetProperty("summary").GetProperty("macro_f1").GetProperty("mean").GetDouble();
        Assert.Equal(runs.EnumerateArray().Average(r => r.GetProperty("macro_f1").GetDouble()), mean, 12);
        Assert.Contains("macro-F1", File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.MarkdownFile)));
        Assert.Contains("Cross-validation over 2 runs", output);

        // And the two seeds' models are combined into a fold ensemble, scored on the same 32 test clips
        var ensembles = json.RootElement.GetProperty("ensembles");
        Assert.Equal(1, ensembles.GetArrayLength());
        Assert.Equal(32, ensembles[0].GetProperty("test_clips").GetInt32());
        Assert.Equal([1, 2], ensembles[0].GetProperty("seeds").EnumerateArray().Select(a => a.GetInt32()));
        var ensemblePath = Path.Combine(temp["cv"], "fold1-ensemble.semodel");
        using (var ensemble = SpeechEmotion.Modeling.ModelBundle.Load(ensemblePath))
        {
            Assert.Equal(2, ensemble.MemberCount);
            Assert.Equal("emobox:1", ensemble.Manifest.TrainedOn!.Split);
            Assert.Equal(["ravdess:01", "ravdess:11", "ravdess:20", "ravdess:21"], ensemble.Manifest.TrainedOn.TestSpeakers);
            Assert.Empty(ensemble.Manifest.TrainedOn.SeenSpeakers.Intersect(ensemble.Manifest.TrainedOn.TestSpeakers));
        }
        Assert.Contains("Seed ensembles", File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.MarkdownFile)));
        Assert.Contains("EmoBox fold 1 ensemble of 2 seeds", output);

        // And `evaluate` scores the ensemble on its split, giving the figure the report holds
        var (evalExit, _, evalError) = Cli.Run("evaluate", "--model", ensemblePath, "--data", corpus.Directory, "--cache", temp["cache"] + "/", "--out", temp["eval"]);
        Assert.True(evalExit == 0, evalError);
        Assert.DoesNotContain("were in this model's training data", evalError);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["eval"], RunReportWriter.JsonFile)));
        Assert.Equal(ensembles[0].GetProperty("macro_f1").GetDouble(), evaluation.RootElement.GetProperty("test").GetProperty("macro_f1").GetDouble(), 9);

        // When run again with the same arguments
        var (again, againOutput, againError) = Cli.Run(args);

        // Then the finished runs are reused, not retrained, and the summary is the same
        Assert.True(again == 0, againError);
        Assert.Equal(2, againOutput.Split("finished earlier").Length - 1);
        Assert.DoesNotContain("epoch 1/1", againOutput);
        using var json2 = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.JsonFile)));
        Assert.Equal(mean, json2.RootElement.GetProperty("summary").GetProperty("macro_f1").GetProperty("mean").GetDouble(), 12);

        // When run again with other settings into the same folder, it refuses
        var (other, _, otherError) = Cli.Run([.. args[..^2], "--device", "cpu", "--lr", "0.01"]);
        Assert.Equal(1, other);
        Assert.Contains("holds a run with other settings", otherError);
    }

    [Fact]
    public void Cv_OverRandomSplits_NamesRunsBySplit_ScoresTheSeedEnsemble_AndSaysItIsNotSpeakerIndependent()
    {
        // Given a corpus of four actors, 128 clips
        using var corpus = new SyntheticCorpus().AddActors([1, 2, 3, 4], Enumerable.Range(1, 8), statements: 2, repetitions: 2, seconds: 0.3);
        using var temp = new TempFolder();

        // When cross-validated over one random 80/20 split with two seeds
        var (exit, output, error) = Cli.Run("cv", "--data", corpus.Directory, "--folds", "random:3", "--seeds", "1,2", "--out", temp["cv"],
            "--epochs", "1", "--batch-size", "8", "--cache", temp["cache"] + "/", "--device", "cpu");

        // Then the runs and the ensemble are named after the split, and every run is tested on the same clips
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.JsonFile)));
        var root = json.RootElement;
        Assert.False(root.GetProperty("speaker_independent").GetBoolean());
        Assert.Equal(["random:3"], root.GetProperty("folds").EnumerateArray().Select(f => f.GetString()));
        var runs = root.GetProperty("runs").EnumerateArray().ToArray();
        Assert.Equal(2, runs.Length);
        Assert.All(runs, r => Assert.Equal("random:3", r.GetProperty("fold").GetString()));
        var testClips = runs[0].GetProperty("test_clips").GetInt32();
        Assert.InRange(testClips, 20, 32);
        Assert.Equal(testClips, runs[1].GetProperty("test_clips").GetInt32());
        Assert.True(File.Exists(Path.Combine(temp["cv"], "random3-seed1", "model.semodel")));
        var ensemblePath = Path.Combine(temp["cv"], "random3-ensemble.semodel");
        Assert.Equal(testClips, root.GetProperty("ensembles")[0].GetProperty("test_clips").GetInt32());
        Assert.Contains("random split 3 ensemble of 2 seeds", output);
        var md = File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.MarkdownFile));
        Assert.Contains("# Cross-validation: random splits 3; seeds 1, 2", md);
        Assert.Contains("Not speaker-independent: each split holds out 20% of the clips", md);
        Assert.Contains("| random:3 | 1 | clips of all |", md);

        // And `evaluate` on the ensemble reproduces the report's figure on the same split
        var (evalExit, _, evalError) = Cli.Run("evaluate", "--model", ensemblePath, "--data", corpus.Directory, "--cache", temp["cache"] + "/", "--out", temp["eval"]);
        Assert.True(evalExit == 0, evalError);
        using var evaluation = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["eval"], RunReportWriter.JsonFile)));
        Assert.Equal(root.GetProperty("ensembles")[0].GetProperty("macro_f1").GetDouble(), evaluation.RootElement.GetProperty("test").GetProperty("macro_f1").GetDouble(), 9);
    }

    [Fact]
    public void Ensemble_CombinesBundles_AndRefusesBadInput()
    {
        // Given two trained bundles (a short cv with two seeds)
        using var corpus = new SyntheticCorpus().AddActors([1, 11, 20, 21, 2, 3, 4, 5], Enumerable.Range(1, 8), seconds: 0.3);
        using var temp = new TempFolder();
        var (exit, _, error) = Cli.Run("cv", "--data", corpus.Directory, "--folds", "emobox:1", "--seeds", "1,2", "--out", temp["cv"],
            "--epochs", "1", "--batch-size", "8", "--cache", temp["cache"] + "/", "--device", "cpu");
        Assert.True(exit == 0, error);
        var a = Path.Combine(temp["cv"], "fold1-seed1", "model.semodel");
        var b = Path.Combine(temp["cv"], "fold1-seed2", "model.semodel");

        // When they are combined with the ensemble command
        var (combined, output, combineError) = Cli.Run("ensemble", "--out", temp["both.semodel"], a, b);

        // Then the ensemble holds both networks and predicts like any model
        Assert.True(combined == 0, combineError);
        Assert.Contains("an ensemble of 2 networks", output);
        Assert.Contains("1 network(s), split emobox:1", output);
        var (predicted, predictOutput, predictError) = Cli.Run("predict", "--model", temp["both.semodel"], "--json", Directory.GetFiles(corpus.Directory, "*.wav", SearchOption.AllDirectories)[0]);
        Assert.True(predicted == 0, predictError);
        Assert.Contains("probabilities", predictOutput);

        // And one bundle, or a missing one, is a one-line error
        var (single, _, singleError) = Cli.Run("ensemble", "--out", temp["one.semodel"], a);
        Assert.Equal(1, single);
        Assert.Contains("at least 2", singleError);
        var (missing, _, missingError) = Cli.Run("ensemble", "--out", temp["x.semodel"], a, temp["none.semodel"]);
        Assert.Equal(1, missing);
        Assert.Contains("none.semodel", missingError);
        Assert.Single(missingError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(temp["one.semodel"]));
    }
}
