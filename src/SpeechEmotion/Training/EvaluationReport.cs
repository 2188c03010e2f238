using System.Text.Json.Serialization;

namespace SpeechEmotion.Training;

/// <summary>
/// Classification metrics of one evaluation, computed by <see cref="ClassificationMetrics.Compute"/>.
/// Divisions by zero give 0, as scikit-learn's <c>zero_division=0</c>.
/// </summary>
public sealed record EvaluationReport
{
    /// <summary>Class names, in index order.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Number of clips evaluated.</summary>
    public required int Count { get; init; }

    /// <summary>Fraction of clips predicted correctly.</summary>
    public required double Accuracy { get; init; }

    /// <summary>Share of one label's predictions above which a model is flagged as giving one answer to most clips.</summary>
    public const double DominantShareLimit = 0.4;

    /// <summary>Unweighted average recall: mean of the recalls of the classes present (= balanced accuracy).</summary>
    public required double Uar { get; init; }

    /// <summary>Mean of the precisions of the classes present.</summary>
    public required double MacroPrecision { get; init; }

    /// <summary>Mean of the F1 scores of the classes present.</summary>
    public required double MacroF1 { get; init; }

    /// <summary>Per-class precision <c>tp / (tp + fp)</c>.</summary>
    public required IReadOnlyList<double> Precision { get; init; }

    /// <summary>Per-class recall <c>tp / (tp + fn)</c>.</summary>
    public required IReadOnlyList<double> Recall { get; init; }

    /// <summary>Per-class F1 <c>2 p r / (p + r)</c>.</summary>
    public required IReadOnlyList<double> F1 { get; init; }

    /// <summary>Per-class number of true clips.</summary>
    public required IReadOnlyList<int> Support { get; init; }

    /// <summary>Counts <c>[truth, predicted]</c>: rows are true classes, columns predicted classes.</summary>
    [JsonIgnore]
    public int[,] ConfusionMatrix { get; init; } = new int[0, 0];

    /// <summary>How many clips got each label (the confusion matrix's column sums).</summary>
    public IReadOnlyList<int> Predicted =>
        Enumerable.Range(0, ConfusionMatrix.GetLength(1)).Select(c => Enumerable.Range(0, ConfusionMatrix.GetLength(0)).Sum(r => ConfusionMatrix[r, c])).ToArray();

    /// <summary>The label given most often and its share of the clips.</summary>
    [JsonIgnore]
    public (string Label, double Share) MostPredicted
    {
        get
        {
            var predicted = Predicted;
            if (predicted.Count == 0 || Count == 0)
                return ("", 0);
            var best = 0;
            for (var i = 1; i < predicted.Count; i++)
                if (predicted[i] > predicted[best]) best = i;
            return (Labels[best], (double)predicted[best] / Count);
        }
    }

    /// <summary>True when one label was given to more than <see cref="DominantShareLimit"/> of the clips.</summary>
    public bool OneLabelDominates => MostPredicted.Share > DominantShareLimit;

    /// <summary><see cref="ConfusionMatrix"/> as rows (truth) of columns (predicted), for JSON.</summary>
    [JsonPropertyName("confusion_matrix")]
    public int[][] ConfusionRows =>
        Enumerable.Range(0, ConfusionMatrix.GetLength(0))
            .Select(r => Enumerable.Range(0, ConfusionMatrix.GetLength(1)).Select(c => ConfusionMatrix[r, c]).ToArray())
            .ToArray();
}
