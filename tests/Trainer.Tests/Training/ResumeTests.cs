using System.Diagnostics;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests.Training;

public class ResumeTests
{
    private static string[] TrainArgs(string data, string cache, string run) =>
        ["train", "--data", data, "--out", run, "--split", "actors:01", "--validation-actors", "1", "--epochs", "4",
         "--batch-size", "8", "--seed", "11", "--cache", cache + "/", "--device", "cpu", "--threads", "1"];

    [Fact]
    public void Resume_AfterKill9MidRun_EndsWithTheSameModelAsAnUninterruptedRun()
    {
        // Given a synthetic corpus and an uninterrupted 4-epoch run
        using var corpus = TrainEndToEndTests.Corpus();
        using var temp = new TempFolder();
        var (exit, _, error) = Cli.Run(TrainArgs(corpus.Directory, temp["cache"], temp["whole"]));
        Assert.True(exit == 0, error);

        // When the same run in another process is killed (SIGKILL) once its second epoch is reported
        var interrupted = temp["killed"];
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "speech-emotion.dll"));
        foreach (var arg in TrainArgs(corpus.Directory, temp["cache"], interrupted))
            start.ArgumentList.Add(arg);
        using (var process = Process.Start(start)!)
        {
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null && !line.StartsWith("epoch 2/4", StringComparison.Ordinal))
            {
            }
            Assert.NotNull(line);
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        Assert.False(File.Exists(Path.Combine(interrupted, RunReportWriter.JsonFile)));

        // and then resumed
        var (resumeExit, resumeOutput, resumeError) = Cli.Run("train", "--resume", interrupted, "--data", corpus.Directory, "--cache", temp["cache"] + "/");

        // Then it finishes from the checkpoint and predicts exactly what the uninterrupted run predicts
        Assert.True(resumeExit == 0, resumeError);
        Assert.Contains($"Resuming {interrupted}", resumeOutput);
        Assert.DoesNotContain("epoch 1/4", resumeOutput);
        Assert.Equal(File.ReadAllText(Path.Combine(temp["whole"], RunReportWriter.PredictionsFile)),
            File.ReadAllText(Path.Combine(interrupted, RunReportWriter.PredictionsFile)));
        Assert.Equal(File.ReadAllText(Path.Combine(temp["whole"], "split.json")), File.ReadAllText(Path.Combine(interrupted, "split.json")));
    }
}
