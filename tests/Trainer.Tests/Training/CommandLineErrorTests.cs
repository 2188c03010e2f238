namespace SpeechEmotion.Trainer.Tests.Training;

public class CommandLineErrorTests
{
    [Fact]
    public void Train_WithAMissingDataFolder_FailsWithOneLineNamingIt()
    {
        // Given a data folder that does not exist
        using var temp = new TempFolder();
        var missing = temp["no-such-corpus"];

        // When train is run on it
        var (exit, _, err) = Cli.Run("train", "--data", missing, "--out", temp["run"], "--epochs", "1");

        // Then it exits 1 with one error line that names the folder (the RAVDESS download hint is for the default folder only,
        // since --data may name any corpus)
        Assert.Equal(1, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(missing, line);
        Assert.Contains("not found", line);
        Assert.DoesNotContain("download-ravdess.sh", line);
        Assert.False(Directory.Exists(temp["run"]));
    }

    [Fact]
    public void Train_WithTheDefaultDataFolderMissing_GivesTheDownloadHint()
    {
        // Given a working folder (the test's output folder) without data/ravdess
        using var temp = new TempFolder();
        Assert.False(Directory.Exists("data/ravdess"));

        // When train is run on the default data folder
        var (exit, _, err) = Cli.Run("train", "--data", "data/ravdess", "--out", temp["run"], "--epochs", "1");

        // Then the one error line says how to get RAVDESS
        Assert.Equal(1, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("data/ravdess: not found", line);
        Assert.Contains("scripts/download-ravdess.sh", line);
        Assert.Contains("1188976", line);
        Assert.False(Directory.Exists(temp["run"]));
    }

    [Theory]
    [InlineData("emobox:7", "EmoBox fold must be 1-4")]
    [InlineData("kfold:3", "unknown form")]
    [InlineData("actors:01,99", "actors must be 01-24")]
    public void Train_WithABadSplit_IsAUsageErrorNamingTheAcceptedForms(string split, string reason)
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("train", "--data", temp.Path, "--out", temp["run"], "--split", split);

        Assert.Equal(2, exit);
        Assert.Contains(reason, err);
        Assert.Contains("expected emobox:1-4, actors:01,11,20,21, corpus:NAME, random:SEED or all", err);
    }

    [Fact]
    public void Train_OnAFolderWithoutClips_FailsWithNothingUsable()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["readme.txt"], "no audio here");

        // Without a corpus name the folder's naming scheme cannot be recognised
        var (exit, _, err) = Cli.Run("train", "--data", temp.Path, "--out", temp["run"]);

        Assert.Equal(1, exit);
        Assert.Contains(temp.Path, err);
        Assert.Contains("match no known scheme", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        // Named as RAVDESS, it holds nothing usable
        var (named, _, namedErr) = Cli.Run("train", "--data", "ravdess=" + temp.Path, "--out", temp["run"]);

        Assert.Equal(1, named);
        Assert.Contains("no usable clips", namedErr);
        Assert.Contains("no usable RAVDESS .wav files", namedErr);
        Assert.False(Directory.Exists(temp["run"]));

        // With the downloaded archive still zipped, the error says to unzip it
        File.WriteAllBytes(temp["Audio_Speech_Actors_01-24.zip"], [0x50, 0x4b]);
        var (zipped, _, zippedErr) = Cli.Run("train", "--data", temp.Path, "--out", temp["run"]);
        Assert.Equal(1, zipped);
        Assert.Contains("found Audio_Speech_Actors_01-24.zip: unzip it here", zippedErr);
    }

    [Fact]
    public void Train_Resume_RejectsSettingsThatWouldChangeTheRun()
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("train", "--resume", temp.Path, "--batch-size", "5", "--split", "emobox:2");

        Assert.Equal(2, exit);
        Assert.Contains("drop --batch-size, --split", err);
    }

    [Fact]
    public void Train_Resume_OfAFolderThatIsNoRun_SaysSo()
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("train", "--resume", temp.Path);

        Assert.Equal(1, exit);
        Assert.Contains("not a run folder", err);
    }

    [Fact]
    public void Train_WithoutOut_IsAUsageError()
    {
        var (exit, _, err) = Cli.Run("train", "--data", "/tmp");
        Assert.Equal(2, exit);
        Assert.Contains("--out RUN_DIR is required", err);
    }

    [Fact]
    public void Train_WithAConfigThatHasAnUnknownKey_FailsNamingTheFileAndKey()
    {
        // Given a config file with a misspelt training key
        using var temp = new TempFolder();
        File.WriteAllText(temp["config.json"], """{ "training": { "epoch": 3 } }""");

        var (exit, _, err) = Cli.Run("train", "--data", temp.Path, "--out", temp["run"], "--config", temp["config.json"]);

        Assert.Equal(1, exit);
        Assert.Contains("config.json", err);
        Assert.Contains("epoch", err);
    }

    [Fact]
    public void Train_WithAConfigThatHasBadValues_ListsThemAll()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["config.json"], """{ "training": { "batch_size": 0 }, "augmentation": { "min_snr_db": 40 } }""");

        var (exit, _, err) = Cli.Run("train", "--data", temp.Path, "--out", temp["run"], "--config", temp["config.json"]);

        Assert.Equal(1, exit);
        Assert.Contains("batch_size must be > 0", err);
        Assert.Contains("min_snr_db", err);
    }

    [Theory]
    [InlineData("--folds", "emobox:5")]
    [InlineData("--folds", "crema")]
    [InlineData("--folds", "random:1,1")]
    [InlineData("--folds", "random:x")]
    [InlineData("--folds", "emobox:")]
    [InlineData("--seeds", "1,x")]
    public void Cv_WithBadFoldsOrSeeds_IsAUsageError(string option, string value)
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("cv", "--data", temp.Path, "--out", temp["cv"], option, value);

        Assert.Equal(2, exit);
        Assert.Contains(option, err);
    }

    [Fact]
    public void Evaluate_OnTheAllSplit_IsAccepted_ScoringEveryClip()
    {
        // --split all now scores every clip given (any corpus, e.g. one the model never saw): not a usage error,
        // so the run gets as far as the missing bundle
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("evaluate", "--model", temp["none.semodel"], "--data", temp.Path, "--split", "all");

        Assert.Equal(1, exit);
        Assert.Contains("none.semodel", err);
        Assert.DoesNotContain("has no test part", err);

        var (bad, _, badErr) = Cli.Run("evaluate", "--model", temp["none.semodel"], "--data", temp.Path, "--split", "kfold:3");
        Assert.Equal(2, bad);
        Assert.Contains("unknown form", badErr);
    }

    [Fact]
    public void Evaluate_WithAMissingBundle_FailsWithOneLine()
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("evaluate", "--model", temp["none.semodel"], "--data", temp.Path);

        Assert.Equal(1, exit);
        Assert.Contains("none.semodel", err);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
