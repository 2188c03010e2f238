using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests.Training;

public class DistillationCliTests
{
    [Fact]
    public void Train_WithATeacher_DistilsIt_AndRefusesATeacherThatSawTheTestSpeakers()
    {
        // Given a corpus and a teacher trained with actor 01 held out
        using var corpus = TrainEndToEndTests.Corpus();
        using var temp = new TempFolder();
        string[] common = ["--data", corpus.Directory, "--validation-actors", "1", "--epochs", "2", "--batch-size", "8", "--cache", temp["cache"] + "/", "--device", "cpu"];
        var (teacherExit, _, teacherError) = Cli.Run(["train", "--out", temp["teacher"], "--split", "actors:01", .. common]);
        Assert.True(teacherExit == 0, teacherError);
        var teacher = Path.Combine(temp["teacher"], "model.semodel");

        // When a student is distilled from it on the same split, and another on a split whose test actor trained the teacher
        var (exit, output, error) = Cli.Run(["train", "--out", temp["student"], "--split", "actors:01", "--teacher", teacher, .. common]);
        var (leakExit, _, leakError) = Cli.Run(["train", "--out", temp["leak"], "--split", "actors:02", "--teacher", teacher, .. common]);

        // Then the first labels its training clips with the teacher, trains and says so in its report and saved settings
        Assert.True(exit == 0, $"exit {exit}: {error}");
        Assert.Contains("Teacher model.semodel (1 network): labelling 48 training clips", output);
        Assert.Contains("Distilled from: `" + Path.GetFullPath(teacher) + "` (weight 0.5 in the loss)", File.ReadAllText(Path.Combine(temp["student"], RunReportWriter.MarkdownFile)));
        Assert.Contains("\"teacher\":", File.ReadAllText(Path.Combine(temp["student"], "run-config.json")));

        // and the second is refused before training, naming the speaker
        Assert.Equal(1, leakExit);
        Assert.Contains("the teacher was trained or validated on test speakers of this split (ravdess:02)", leakError);
        Assert.False(Directory.Exists(temp["leak"]));
    }

    [Fact]
    public void Train_WithAMissingTeacher_AndCvWithATeacher_FailWithOneLine()
    {
        using var corpus = TrainEndToEndTests.Corpus();
        using var temp = new TempFolder();
        var config = temp["teacher.json"];
        File.WriteAllText(config, """{ "teacher": "some.semodel" }""");

        var (missingExit, _, missingError) = Cli.Run("train", "--data", corpus.Directory, "--out", temp["run"], "--split", "actors:01",
            "--teacher", temp["nope.semodel"], "--epochs", "1", "--cache", temp["cache"] + "/", "--device", "cpu");
        var (cvExit, _, cvError) = Cli.Run("cv", "--data", corpus.Directory, "--folds", "emobox:1", "--config", config, "--out", temp["cv"]);

        Assert.Equal(1, missingExit);
        Assert.Contains("teacher model not found", missingError);
        Assert.Single(missingError.Trim().Split('\n'));
        Assert.Equal(2, cvExit);
        Assert.Contains("cv takes no teacher", cvError);
    }
}
