namespace SpeechEmotion.Inference;

/// <summary>The outcome for one item of a batch: a prediction, or the reason the item failed.</summary>
/// <param name="Name">The input's name.</param>
/// <param name="Prediction">The prediction; null when the item failed.</param>
/// <param name="Error">One-line message naming the input and the problem; null on success.</param>
public sealed record BatchPrediction(string Name, EmotionPrediction? Prediction, string? Error)
{
    /// <summary>True when <see cref="Prediction"/> is set.</summary>
    public bool Succeeded => Prediction is not null;
}
