using SpeechEmotion.Training;

namespace SpeechEmotion.Notebooks.Tests;

public sealed class TrainNotebookTests
{
    [Fact]
    public async Task TrainNotebook_OnASmallSyntheticCorpus_TrainsPlotsAndEvaluatesTheTestActor()
    {
        // Given a RAVDESS-named corpus of tones: 5 actors x 8 emotions x 2 statements (actor 5 tested leaves 4 training
        // speakers, which give one validation speaker)
        using var corpus = new SyntheticRavdess(actors: 5, statements: 2);
        var runDir = Path.Combine(corpus.Root, "run");
        using var parameters = new EnvironmentScope(new Dictionary<string, string>
        {
            ["RAVDESS_DIR"] = corpus.Corpus,
            ["SE_CACHE_DIR"] = Path.Combine(corpus.Root, "cache"),
            ["SE_RUN_DIR"] = runDir,
            ["SE_ACTORS"] = "1-5",
            ["SE_TEST_ACTORS"] = "5",
            ["SE_VALIDATION_ACTORS"] = "1",
            ["SE_EPOCHS"] = "2",
            ["SE_BATCH_SIZE"] = "16",
            ["SE_DEVICE"] = "cpu",
        });

        // When 02-train.ipynb runs every code cell with those parameters
        var run = await NotebookRunner.RunAsync(NotebookFolder.Notebook("02-train.ipynb"));

        // Then it trained for the 2 epochs, saved a bundle in the run folder, and evaluated all 16 clips of actor 5
        var result = run.Variable<TrainingResult>("result");
        Assert.Equal([1, 2], result.History.Select(h => h.Epoch));
        Assert.True(File.Exists(result.BundlePath), result.BundlePath);
        Assert.StartsWith(Path.GetFullPath(runDir), Path.GetFullPath(result.BundlePath));
        var report = run.Variable<EvaluationReport>("report");
        Assert.Equal(16, report.Count);
        Assert.Equal(report.Count, report.ConfusionMatrix.Cast<int>().Sum());
        Assert.All(report.Support, s => Assert.Equal(2, s));
        var split = run.Variable<SpeechEmotion.Data.DataSplit>("split");
        Assert.Equal(["ravdess:05"], split.TestSpeakers);
        Assert.Single(split.ValidationSpeakers);
        // and showed the loss, accuracy and confusion-matrix plots
        Assert.Equal(3, run.Displayed.OfType<HtmlContent>().Count(h => h.Html.Contains("<img", StringComparison.Ordinal)));
    }
}
