namespace SpeechEmotion.Trainer.Tests.Training;

public class CommandLineErrorTests
{
    [Fact]
    public void Train_WithAMissingDataFolder_FailsWithOneLineAndTheDownloadHint()
    {
        // Given a data folder that does not exist
        using var temp = new TempFolder();
        var missing = temp["no-such-corpus"];

        // When train is run on it
        var (exit, _, err) = Cli.Run("train", "--data", missing, "--out", temp["run"], "--epochs", "1");

        // Then it exits 1 with one error line that names the folder and says how to get RAVDESS
        Assert.Equal(1, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(missing, line);
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
        Assert.Contains("expected emobox:1-4, actors:01,11,20,21, random:SEED or all", err);
    }

    [Fact]
    public void Train_OnAFolderWithoutClips_FailsWithNothingUsable()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["readme.txt"], "no audio here");

        var (exit, _, err) = Cli.Run("train", "--data", temp.Path, "--out", temp["run"]);

        Assert.Equal(1, exit);
        Assert.Contains("nothing usable", err);
        Assert.Contains("no usable RAVDESS .wav files", err);
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
    public void Evaluate_OnTheAllSplit_IsAUsageError()
    {
        using var temp = new TempFolder();
        var (exit, _, err) = Cli.Run("evaluate", "--model", temp["none.semodel"], "--data", temp.Path, "--split", "all");

        Assert.Equal(2, exit);
        Assert.Contains("has no test part", err);
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
