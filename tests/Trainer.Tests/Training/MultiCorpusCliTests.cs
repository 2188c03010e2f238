using System.Text.Json;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Data;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests.Training;

public class MultiCorpusCliTests
{
    /// <summary>SAVEE-named clips (<c>DC_a01.wav</c>): 4 speakers x angry, happy, sad, neutral x 2.</summary>
    private static string Savee(TempFolder temp)
    {
        var dir = Directory.CreateDirectory(temp["savee"]).FullName;
        var seed = 0;
        foreach (var speaker in new[] { "DC", "JE", "JK", "KL" })
            foreach (var code in new[] { "a", "h", "sa", "n" })
                for (var n = 1; n <= 2; n++)
                    TestAudio.WriteWav(Path.Combine(dir, $"{speaker}_{code}{n:00}.wav"), 22050, 0.3, seed++ % 5);
        return dir;
    }

    /// <summary>Berlin EmoDB-named clips (<c>03a01Wa.wav</c>): 4 speakers x angry, sad, boredom x 2; boredom has no RAVDESS label.</summary>
    private static string EmoDb(TempFolder temp)
    {
        var dir = Directory.CreateDirectory(temp["emodb"]).FullName;
        var seed = 0;
        foreach (var speaker in new[] { "03", "08", "09", "10" })
            foreach (var code in new[] { "W", "T", "L" })
                foreach (var version in new[] { "a", "b" })
                    TestAudio.WriteWav(Path.Combine(dir, $"{speaker}a01{code}{version}.wav"), 16000, 0.3, seed++ % 5);
        return dir;
    }

    [Fact]
    public void Cv_OverCorpora_HoldsOutEachCorpus_AndBundlesRecordTheCorporaAndTheFrontEnd()
    {
        // Given a RAVDESS-named corpus, a SAVEE-named one and an EmoDB-named one, and a config that turns the front end on
        using var ravdess = new SyntheticCorpus().AddActors([1, 2, 3, 4, 5, 6], Enumerable.Range(1, 8), seconds: 0.3);
        using var temp = new TempFolder();
        var savee = Savee(temp);
        var emodb = EmoDb(temp);
        var config = temp["front-end.json"];
        File.WriteAllText(config, """{ "front_end": { "trim_top_db": 30, "target_level_dbfs": -25 } }""");

        // When cross-validated leaving each corpus out (one epoch each)
        var (exit, output, error) = Cli.Run("cv", "--data", ravdess.Directory, "--data", $"savee={savee}", "--data", emodb, "--folds", "corpus",
            "--config", config, "--epochs", "1", "--batch-size", "8", "--cache", temp["cache"] + "/", "--out", temp["cv"], "--device", "cpu");

        // Then there is one run per held-out corpus, and EmoDB's boredom clips were dropped and counted
        Assert.True(exit == 0, error);
        Assert.Contains("Corpus emodb", output);
        Assert.Contains("dropped (no label): boredom 8", output);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp["cv"], CvReportWriter.JsonFile)));
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(r => r.GetProperty("fold").GetString()!);
        Assert.Equal(["corpus:emodb", "corpus:ravdess", "corpus:savee"], runs.Keys.Order());
        Assert.Equal(32, runs["corpus:savee"].GetProperty("test_clips").GetInt32());
        Assert.Equal(16, runs["corpus:emodb"].GetProperty("test_clips").GetInt32());

        // And the SAVEE-held-out bundle records its corpora, counts, front end, and no SAVEE speaker among those that trained it
        var bundlePath = Path.Combine(temp["cv"], "corpus-savee-seed42", "model.semodel");
        using (var bundle = ModelBundle.Load(bundlePath))
        {
            var trainedOn = bundle.Manifest.TrainedOn!;
            Assert.Equal("corpus:savee", trainedOn.Split);
            Assert.Equal(["emodb", "ravdess", "savee"], trainedOn.Corpora.Select(c => c.Name));
            Assert.Equal(8, trainedOn.Corpora.Single(c => c.Name == "emodb").DroppedByEmotion["boredom"]);
            Assert.Equal(48, trainedOn.Corpora.Single(c => c.Name == "ravdess").Clips);
            Assert.DoesNotContain(trainedOn.SeenSpeakers, s => s.StartsWith("savee:", StringComparison.Ordinal));
            Assert.Equal(30, bundle.Manifest.FrontEnd!.TrimTopDb);
        }

        // And `evaluate` on SAVEE scores the held-out corpus with the bundle's own split, with the predicted labels in the report
        var (evalExit, evalOut, evalError) = Cli.Run("evaluate", "--model", bundlePath, "--data", $"savee={savee}", "--cache", temp["cache"] + "/", "--out", temp["eval-savee"]);
        Assert.True(evalExit == 0, evalError);
        Assert.DoesNotContain("training data", evalError);
        Assert.Contains("corpus:savee (32 clips)", evalOut);
        var report = File.ReadAllText(Path.Combine(temp["eval-savee"], RunReportWriter.MarkdownFile));
        Assert.Contains("| predicted |", report);
        Assert.Contains("corpus savee held out", report);

        // And on RAVDESS, whose speakers trained it, every clip is scored with a warning that names the leak
        var (leakExit, _, leakError) = Cli.Run("evaluate", "--model", bundlePath, "--data", ravdess.Directory, "--cache", temp["cache"] + "/", "--out", temp["eval-ravdess"]);
        Assert.True(leakExit == 0, leakError);
        Assert.Contains("were in this model's training data", leakError);
    }

    [Fact]
    public void Train_WithPitchFeatures_RecordsThemInTheBundle_AndPredictUsesThem()
    {
        // Given a SAVEE-named corpus and a config that adds the pitch columns (124 features per frame)
        using var temp = new TempFolder();
        var savee = Savee(temp);
        var config = temp["pitch.json"];
        File.WriteAllText(config, """{ "features": { "pitch": { "f_min": 70 } }, "model": { "input_features": 124 } }""");

        // When a model is trained on it for one epoch
        var (exit, _, error) = Cli.Run("train", "--data", savee, "--split", "all", "--config", config, "--epochs", "1", "--batch-size", "8",
            "--cache", temp["cache"] + "/", "--out", temp["run"], "--device", "cpu");
        Assert.True(exit == 0, error);

        // Then its bundle carries the pitch settings, so every consumer extracts the same 124 columns
        var bundlePath = Path.Combine(temp["run"], "model.semodel");
        using (var bundle = ModelBundle.Load(bundlePath))
        {
            Assert.Equal(70, bundle.Manifest.FeatureOptions.Pitch!.FMin);
            Assert.Equal(124, bundle.Manifest.Model.InputFeatures);
        }
        // And predict answers with it on a clip it has not seen
        var clip = temp["new.wav"];
        TestAudio.WriteWav(clip, 16000, 1.2, 3);
        var (predictExit, predictOut, predictError) = Cli.Run("predict", "--model", bundlePath, "--json", clip);
        Assert.True(predictExit == 0, predictError);
        Assert.Contains("probabilities", predictOut);
    }

    [Fact]
    public void CorpusAdversary_WithOneCorpus_IsRefusedBeforeAnyFeatureIsExtracted()
    {
        // Given one corpus and a config that turns the corpus adversary on
        using var temp = new TempFolder();
        var savee = Savee(temp);
        var config = temp["adversary.json"];
        File.WriteAllText(config, """{ "training": { "corpus_adversarial_weight": 0.3 } }""");

        // When train and cv run with it
        var (trainExit, _, trainError) = Cli.Run("train", "--data", savee, "--config", config, "--epochs", "1",
            "--cache", temp["cache"] + "/", "--out", temp["run"], "--device", "cpu");
        var (cvExit, _, cvError) = Cli.Run("cv", "--data", savee, "--folds", "random:1", "--config", config, "--epochs", "1",
            "--cache", temp["cache"] + "/", "--out", temp["cv"], "--device", "cpu");

        // Then both refuse in one line naming the setting, and neither a run folder nor a feature cache was written
        Assert.Equal(1, trainExit);
        Assert.Equal(1, cvExit);
        Assert.Contains("corpus_adversarial_weight needs two or more corpora", trainError);
        Assert.Contains("has only 'savee'", cvError);
        Assert.False(Directory.Exists(temp["run"]));
        Assert.False(Directory.Exists(temp["cv"]));
        Assert.False(Directory.Exists(temp["cache"]) && Directory.EnumerateFiles(temp["cache"]).Any());
    }

    [Fact]
    public void Data_GivenTwiceWithTheSameCorpusName_IsAUsageError()
    {
        using var temp = new TempFolder();
        var savee = Savee(temp);
        var (exit, _, error) = Cli.Run("train", "--data", savee, "--data", $"savee={savee}", "--out", temp["run"], "--epochs", "1");
        Assert.Equal(2, exit);
        Assert.Contains("given twice", error);
    }

    [Fact]
    public void Folds_CorpusWithOneCorpus_IsAUsageError()
    {
        using var temp = new TempFolder();
        var savee = Savee(temp);
        var (exit, _, error) = Cli.Run("cv", "--data", savee, "--folds", "corpus", "--out", temp["cv"], "--epochs", "1");
        Assert.Equal(2, exit);
        Assert.Contains("at least two corpora", error);
    }
}
