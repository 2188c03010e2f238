namespace SpeechEmotion.Training;

/// <summary>Class weights for an imbalanced training set.</summary>
public static class ClassWeights
{
    /// <summary>
    /// scikit-learn's <c>compute_class_weight('balanced')</c>: <c>n_samples / (n_classes * count[c])</c>.
    /// A class without samples gets weight 0 (it cannot occur in the loss).
    /// </summary>
    /// <exception cref="ArgumentException">No labels, or a label outside [0, <paramref name="classCount"/>).</exception>
    public static double[] Balanced(IReadOnlyList<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        if (labels.Count == 0)
            throw new ArgumentException("Cannot compute class weights of an empty label list.", nameof(labels));
        var counts = new int[classCount];
        foreach (var label in labels)
        {
            if ((uint)label >= (uint)classCount)
                throw new ArgumentException($"Label {label} outside [0, {classCount}).", nameof(labels));
            counts[label]++;
        }
        // scikit-learn divides by the number of classes present in y.
        var present = counts.Count(c => c > 0);
        return counts.Select(c => c == 0 ? 0.0 : (double)labels.Count / (present * c)).ToArray();
    }
}
