using SpeechEmotion.Data;
using SpeechEmotion.Trainer.Commands;
using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Training;

namespace SpeechEmotion.Trainer.Tests.Training;

public class CvSummaryTests
{
    private static CvRun Run(int fold, int seed, double f1, int diagonal)
    {
        var matrix = Enumerable.Range(0, 8).Select(r => Enumerable.Range(0, 8).Select(c => r == c ? diagonal : 1).ToArray()).ToArray();
        return new CvRun($"emobox:{fold}", seed, $"/cv/fold{fold}-seed{seed}", [$"ravdess:{fold:00}"], [$"ravdess:{fold + 10:00}"], 10, 8, 60, 240, f1 + 0.05, f1 + 0.02, f1,
            Enumerable.Repeat(f1, 8).ToArray(), matrix);
    }

    [Fact]
    public void Summarize_GivesMeanAndSampleStd_AndSumsTheConfusionMatrices()
    {
        // Given four runs with macro-F1 0.5, 0.6, 0.7, 0.8
        var runs = new[] { Run(1, 1, 0.5, 10), Run(2, 1, 0.6, 10), Run(3, 1, 0.7, 10), Run(4, 1, 0.8, 10) };

        // When summarized
        var cv = CvCommand.Summarize(["/data"], [.. new[] { 1, 2, 3, 4 }.Select(SplitSpec.EmoBox)], [1], runs, new RunConfiguration());

        // Then the mean is 0.65, the sample std sqrt(0.05/3), per-class F1 likewise, and the matrix is the sum
        Assert.Equal(0.65, cv.Summary["macro_f1"].Mean, 12);
        Assert.Equal(Math.Sqrt(0.05 / 3), cv.Summary["macro_f1"].Std, 12);
        Assert.Equal(0.70, cv.Summary["accuracy"].Mean, 12);
        Assert.All(cv.PerClassF1, m => Assert.Equal(0.65, m.Mean, 12));
        Assert.Equal(40, cv.ConfusionMatrix[3][3]);
        Assert.Equal(4, cv.ConfusionMatrix[0][5]);
        Assert.Equal(["/data"], cv.DataSources);
        Assert.Equal(SpeechEmotion.Modeling.EmotionLabels.Ravdess, cv.Labels);
    }

    [Fact]
    public void Write_ProducesMarkdownJsonAndPlots()
    {
        using var temp = new TempFolder();
        var cv = CvCommand.Summarize(["/data"], [SplitSpec.EmoBox(1), SplitSpec.EmoBox(2)], [1, 2], [Run(1, 1, 0.5, 9), Run(1, 2, 0.55, 9), Run(2, 1, 0.6, 9), Run(2, 2, 0.65, 9)], new RunConfiguration());

        CvReportWriter.Write(temp.Path, cv);

        var md = File.ReadAllText(temp[CvReportWriter.MarkdownFile]);
        Assert.Contains("# Cross-validation: EmoBox folds 1,2; seeds 1, 2", md);
        Assert.Contains("| macro-F1 | 0.575 ± 0.065 |", md);
        Assert.Contains("| emobox:2 | 2 | ravdess:02 | ravdess:12 | 10 (8) |", md);
        Assert.Contains("`/data`", md);
        Assert.True(new FileInfo(temp[CvReportWriter.JsonFile]).Length > 0);
        Assert.True(new FileInfo(temp[RunReportWriter.ConfusionPlot]).Length > 5000);
        Assert.True(new FileInfo(temp[RunReportWriter.F1Plot]).Length > 5000);
    }
}
