namespace SpeechEmotion.Training;

/// <summary>Accuracy, UAR, macro-F1, per-class precision/recall/F1/support and the confusion matrix.</summary>
public static class ClassificationMetrics
{
    /// <summary>
    /// Computes the metrics of <paramref name="predicted"/> against <paramref name="truth"/> (class indices into
    /// <paramref name="labels"/>). UAR, macro precision and macro-F1 average over the classes present in
    /// <paramref name="truth"/>, the standard across corpora whose label sets differ (a corpus without "calm" is not
    /// scored on it; predicting "calm" for its clips still costs recall); with every class present this is
    /// scikit-learn's macro average with <c>zero_division=0</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Lists of different lengths, or an index outside the labels.</exception>
    public static EvaluationReport Compute(IReadOnlyList<int> truth, IReadOnlyList<int> predicted, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (truth.Count != predicted.Count)
            throw new ArgumentException($"truth has {truth.Count} entries but predicted has {predicted.Count}.", nameof(predicted));
        var k = labels.Count;
        if (k == 0)
            throw new ArgumentException("labels must not be empty.", nameof(labels));

        var confusion = new int[k, k];
        var correct = 0;
        for (var i = 0; i < truth.Count; i++)
        {
            int t = truth[i], p = predicted[i];
            if ((uint)t >= (uint)k || (uint)p >= (uint)k)
                throw new ArgumentException($"Entry {i}: class index (truth {t}, predicted {p}) outside [0, {k}).");
            confusion[t, p]++;
            if (t == p)
                correct++;
        }

        var precision = new double[k];
        var recall = new double[k];
        var f1 = new double[k];
        var support = new int[k];
        for (var c = 0; c < k; c++)
        {
            int tp = confusion[c, c], rowSum = 0, columnSum = 0;
            for (var j = 0; j < k; j++)
            {
                rowSum += confusion[c, j];
                columnSum += confusion[j, c];
            }
            support[c] = rowSum;
            precision[c] = Ratio(tp, columnSum);
            recall[c] = Ratio(tp, rowSum);
            f1[c] = Ratio(2.0 * tp, rowSum + columnSum); // = 2pr/(p+r), 0 when undefined
        }

        return new EvaluationReport
        {
            Labels = labels.ToArray(),
            Count = truth.Count,
            Accuracy = Ratio(correct, truth.Count),
            Uar = PresentMean(recall, support),
            MacroPrecision = PresentMean(precision, support),
            MacroF1 = PresentMean(f1, support),
            Precision = precision,
            Recall = recall,
            F1 = f1,
            Support = support,
            ConfusionMatrix = confusion,
        };
    }

    private static double PresentMean(double[] values, int[] support)
    {
        double sum = 0;
        var present = 0;
        for (var c = 0; c < values.Length; c++)
        {
            if (support[c] == 0) continue;
            sum += values[c];
            present++;
        }
        return present == 0 ? 0 : sum / present;
    }

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
