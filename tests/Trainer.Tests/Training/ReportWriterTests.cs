using System.Text.Json;
using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Tests.Training;

public class ReportWriterTests
{
    private static readonly IReadOnlyList<string> Labels = EmotionLabels.Ravdess;

    /// <summary>Predictions for 4 clips per class: class k is right for the first k % 4 + 1 clips.</summary>
    internal static ClipPrediction[] Predictions() =>
        Enumerable.Range(0, 32).Select(i =>
        {
            var truth = i / 4;
            var predicted = i % 4 <= truth % 4 ? truth : (truth + 1) % 8;
            var probabilities = new float[8];
            probabilities[predicted] = 0.7f;
            probabilities[(predicted + 1) % 8] = 0.3f;
            var actor = i % 3 + 1;
            var name = SpeechEmotion.Data.Corpora.Utterance.FormatFileName(3, SpeechEmotion.Data.Corpora.VocalChannel.Speech, truth + 1, 1, 1, 1, actor);
            return new ClipPrediction($"ravdess/Actor_{actor:00}/{name}", truth, predicted, probabilities);
        }).ToArray();

    internal static IReadOnlyList<EpochReport> History(int epochs) =>
        Enumerable.Range(1, epochs).Select(e => new EpochReport
        {
            Epoch = e, TrainLoss = 2.0 / e, TrainAccuracy = 1 - 0.8 / e, ValidationLoss = 2.1 / e + 0.02 * e,
            ValidationAccuracy = 0.8 - 0.6 / e, ValidationMacroF1 = 0.75 - 0.6 / e, LearningRate = e < 4 ? 1e-3 : 5e-4, Seconds = 1.5,
        }).ToArray();

    private static RunReport Report(EvaluationReport test, ClipPrediction[] predictions, IReadOnlyList<EpochReport> history) => new()
    {
        Kind = "Training run",
        Split = "emobox:1",
        SpeakerIndependent = true,
        Seed = 7,
        ModelPath = "/runs/x/model.semodel",
        DataSources = ["/data/ravdess"],
        CorpusClips = 1440,
        TestSpeakers = ["ravdess:01", "ravdess:11", "ravdess:20", "ravdess:21"],
        ValidationSpeakers = ["ravdess:04", "ravdess:09"],
        TrainSpeakers = ["ravdess:02", "ravdess:03"],
        TrainClips = 1080,
        ValidationClips = 120,
        Test = test,
        BestValidation = history[^2],
        EpochsRun = history.Count,
        StoppedEarly = true,
        TrainingSeconds = 9,
        Training = new TrainingOptions(),
        DataProblems = ["actor 05: 59 of 60 speech clips; missing 03-01-02-01-01-01-05.wav"],
        Predictions = predictions,
        History = history,
    };

    [Fact]
    public void Write_ProducesJsonMarkdownCsvAndThreePngs_WithTheMetrics()
    {
        // Given the predictions of a run and its metrics
        using var temp = new TempFolder();
        var predictions = Predictions();
        var test = Evaluator.Evaluate(predictions, Labels);

        // When the report is written
        var files = RunReportWriter.Write(temp.Path, Report(test, predictions, History(6)));

        // Then every file exists and is non-empty; the JSON holds the metrics and the matrix
        Assert.Equal(6, files.Count);
        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 0, f));
        using var json = JsonDocument.Parse(File.ReadAllText(temp[RunReportWriter.JsonFile]));
        var root = json.RootElement.GetProperty("test");
        Assert.Equal(test.MacroF1, root.GetProperty("macro_f1").GetDouble(), 12);
        Assert.Equal(test.Uar, root.GetProperty("uar").GetDouble(), 12);
        Assert.Equal(8, root.GetProperty("confusion_matrix").GetArrayLength());
        Assert.Equal(5, json.RootElement.GetProperty("best_validation").GetProperty("epoch").GetInt32());
        Assert.Equal(["ravdess:01", "ravdess:11", "ravdess:20", "ravdess:21"], json.RootElement.GetProperty("test_speakers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["ravdess:04", "ravdess:09"], json.RootElement.GetProperty("validation_speakers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["/data/ravdess"], json.RootElement.GetProperty("data_sources").EnumerateArray().Select(e => e.GetString()));

        // and the Markdown shows accuracy, UAR, macro-F1, per-class rows, the matrix, the plots and the data problem
        var md = File.ReadAllText(temp[RunReportWriter.MarkdownFile]);
        Assert.Contains($"| macro-F1 | {test.MacroF1:0.000} |", md);
        Assert.Contains($"| UAR (macro recall) | {test.Uar:0.000} |", md);
        Assert.Contains($"| accuracy | {test.Accuracy:0.000} |", md);
        Assert.Contains("| surprised |", md);
        Assert.Contains("| true \\ predicted | neutral | calm |", md);
        Assert.Contains("(confusion-matrix.png)", md);
        Assert.Contains("(training-curves.png)", md);
        Assert.Contains("test speakers ravdess:01, ravdess:11, ravdess:20, ravdess:21; validation speakers ravdess:04, ravdess:09", md);
        Assert.Contains("`/data/ravdess` (1440 usable clips)", md);
        Assert.Contains("missing 03-01-02-01-01-01-05.wav", md);

        // and the CSV has a header and one row per clip with the actor and correctness
        var csv = File.ReadAllLines(temp[RunReportWriter.PredictionsFile]);
        Assert.Equal(33, csv.Length);
        Assert.StartsWith("id,actor,truth,predicted,correct,p_neutral,p_calm", csv[0]);
        Assert.StartsWith("ravdess/Actor_01/03-01-01-01-01-01-01.wav,01,neutral,neutral,1,0.7000,0.3000", csv[1]);
    }

    [Fact]
    public void Write_WithoutHistory_LeavesOutTheTrainingCurves()
    {
        using var temp = new TempFolder();
        var predictions = Predictions();
        var report = Report(Evaluator.Evaluate(predictions, Labels), predictions, History(3)) with { History = [], EpochsRun = null, Kind = "Evaluation" };

        var files = RunReportWriter.Write(temp.Path, report);

        Assert.Equal(5, files.Count);
        Assert.False(File.Exists(temp[RunReportWriter.CurvesPlot]));
        Assert.DoesNotContain("training-curves.png", File.ReadAllText(temp[RunReportWriter.MarkdownFile]));
    }

    [Fact]
    public void Markdown_OfARandomSplit_SaysItIsNotSpeakerIndependent()
    {
        var predictions = Predictions();
        var report = Report(Evaluator.Evaluate(predictions, Labels), predictions, History(3)) with { Split = "random:9", SpeakerIndependent = false };

        var md = RunReportWriter.Markdown(report, withCurves: true);

        Assert.Contains("NOT speaker-independent", md);
    }
}
