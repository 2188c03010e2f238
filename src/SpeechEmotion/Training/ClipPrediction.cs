namespace SpeechEmotion.Training;

/// <summary>The model's output for one clip.</summary>
/// <param name="Id">Clip identifier.</param>
/// <param name="Truth">True class index.</param>
/// <param name="Predicted">Class with the highest probability.</param>
/// <param name="Probabilities">Softmax probabilities, one per class, in label order.</param>
public sealed record ClipPrediction(string Id, int Truth, int Predicted, float[] Probabilities);
