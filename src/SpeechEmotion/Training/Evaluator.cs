using SpeechEmotion.Data;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Training;

/// <summary>Runs a bundle over labeled clips and scores it.</summary>
public static class Evaluator
{
    /// <summary>Predicts every clip in batches of <paramref name="batchSize"/>; results are in input order.</summary>
    public static IReadOnlyList<ClipPrediction> Predict(ModelBundle bundle, IReadOnlyList<LabeledClip> clips, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var predictions = new List<ClipPrediction>(clips.Count);
        for (var start = 0; start < clips.Count; start += batchSize)
        {
            var batch = clips.Skip(start).Take(batchSize).ToArray();
            var probabilities = bundle.PredictProbabilities(
                batch.Select(c => c.Features.Load()).ToArray(), batch.Select(c => c.ValidFrames).ToArray());
            for (var i = 0; i < batch.Length; i++)
                predictions.Add(new ClipPrediction(batch[i].Id, batch[i].Label, ArgMax(probabilities[i]), probabilities[i]));
        }
        return predictions;
    }

    /// <summary>Predicts <paramref name="clips"/> and computes the metrics against their labels (the bundle's label order).</summary>
    public static EvaluationReport Evaluate(ModelBundle bundle, IReadOnlyList<LabeledClip> clips, int batchSize = 64) =>
        Evaluate(Predict(bundle, clips, batchSize), bundle.Labels);

    /// <summary>Computes the metrics of earlier predictions.</summary>
    public static EvaluationReport Evaluate(IReadOnlyList<ClipPrediction> predictions, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        return ClassificationMetrics.Compute(
            predictions.Select(p => p.Truth).ToArray(), predictions.Select(p => p.Predicted).ToArray(), labels);
    }

    internal static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
