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

    /// <summary>Unweighted average recall: mean of the per-class recalls (= macro recall, balanced accuracy).</summary>
    public required double Uar { get; init; }

    /// <summary>Mean of the per-class precisions.</summary>
    public required double MacroPrecision { get; init; }

    /// <summary>Mean of the per-class F1 scores.</summary>
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

    /// <summary><see cref="ConfusionMatrix"/> as rows (truth) of columns (predicted), for JSON.</summary>
    [JsonPropertyName("confusion_matrix")]
    public int[][] ConfusionRows =>
        Enumerable.Range(0, ConfusionMatrix.GetLength(0))
            .Select(r => Enumerable.Range(0, ConfusionMatrix.GetLength(1)).Select(c => ConfusionMatrix[r, c]).ToArray())
            .ToArray();
}
