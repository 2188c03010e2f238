using SpeechEmotion.Training;

namespace SpeechEmotion.Tests.Training;

public class ClassificationMetricsTests
{
    [Fact]
    public void Compute_MatchesHandComputedScores()
    {
        // Given 3 classes, truth [0,0,0,1,1,2] and predictions [0,0,1,1,2,2]
        // confusion rows (truth) x columns (predicted): [2,1,0] [0,1,1] [0,0,1]
        int[] truth = [0, 0, 0, 1, 1, 2];
        int[] predicted = [0, 0, 1, 1, 2, 2];

        // When the metrics are computed
        var r = ClassificationMetrics.Compute(truth, predicted, ["a", "b", "c"]);

        // Then they are the hand-computed (scikit-learn) values
        Assert.Equal(new[] { 2, 1, 0, 0, 1, 1, 0, 0, 1 }, r.ConfusionMatrix.Cast<int>());
        Assert.Equal(4.0 / 6, r.Accuracy, 12);
        Assert.Equal(new[] { 1.0, 0.5, 0.5 }, r.Precision);
        Assert.Equal(new[] { 2.0 / 3, 0.5, 1.0 }, r.Recall);
        Assert.Equal(new[] { 0.8, 0.5, 2.0 / 3 }, r.F1.Select(v => Math.Round(v, 12)), new RoundedComparer());
        Assert.Equal(new[] { 3, 2, 1 }, r.Support);
        Assert.Equal((2.0 / 3 + 0.5 + 1.0) / 3, r.Uar, 12);
        Assert.Equal((0.8 + 0.5 + 2.0 / 3) / 3, r.MacroF1, 12);
        Assert.Equal(2.0 / 3, r.MacroPrecision, 12);
    }

    [Fact]
    public void Compute_GivesZero_WhereAClassIsNeverPredictedOrAbsent_AndAveragesOverThePresentClasses()
    {
        // Given class 2 never occurs and class 1 is never predicted
        int[] truth = [0, 1, 1];
        int[] predicted = [0, 0, 0];

        // When the metrics are computed
        var r = ClassificationMetrics.Compute(truth, predicted, ["a", "b", "c"]);

        // Then the undefined precisions, recalls and F1 are 0 (zero_division=0); the never-predicted class 1 counts
        // in the macro averages, the absent class 2 does not (averages run over the classes present in the truth)
        Assert.Equal(new[] { 1.0 / 3, 0.0, 0.0 }, r.Precision);
        Assert.Equal(new[] { 1.0, 0.0, 0.0 }, r.Recall);
        Assert.Equal(0.5, r.F1[0], 12);
        Assert.Equal(0.0, r.F1[1]);
        Assert.Equal(0.0, r.F1[2]);
        Assert.Equal(new[] { 1, 2, 0 }, r.Support);
        Assert.Equal(0.5, r.Uar, 12);
        Assert.Equal(0.25, r.MacroF1, 12);
        Assert.Equal(1.0 / 6, r.MacroPrecision, 12);
    }

    [Fact]
    public void Compute_PredictingAnAbsentClass_StillCostsRecall()
    {
        // Given class 2 absent from the truth but predicted for one clip of class 0
        var r = ClassificationMetrics.Compute([0, 0, 1, 1], [0, 2, 1, 1], ["a", "b", "c"]);

        // Then UAR is the mean over classes 0 and 1 (0.5 and 1), and the wrong prediction is still a miss
        Assert.Equal(0.75, r.Uar, 12);
        Assert.Equal(0.75, r.Accuracy, 12);
        Assert.Equal((2.0 / 3 + 1.0) / 2, r.MacroF1, 12);
    }

    [Fact]
    public void Compute_SerializesTheConfusionMatrixAsRows()
    {
        // Given a report
        var r = ClassificationMetrics.Compute([0, 1], [1, 1], ["a", "b"]);

        // When it is written as JSON / Then the confusion matrix is a list of rows
        var json = System.Text.Json.JsonSerializer.Serialize(r);
        Assert.Contains("\"confusion_matrix\":[[0,1],[0,1]]", json);
    }

    [Fact]
    public void Compute_RejectsIndicesOutsideTheLabels()
    {
        // Given a prediction of class 3 among 2 labels / When / Then it is refused
        var e = Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([0], [3], ["a", "b"]));
        Assert.Contains("outside", e.Message);
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;
        public int GetHashCode(double obj) => 0;
    }
}
