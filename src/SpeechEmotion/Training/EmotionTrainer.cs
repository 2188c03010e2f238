namespace SpeechEmotion.Training;

/// <summary>Trains an <see cref="Modeling.EmotionNet"/> on labeled clips.</summary>
public sealed class EmotionTrainer
{
    /// <summary>Trains; see the type documentation.</summary>
    public TrainingResult Train(TrainingData data, TrainingOptions options, Modeling.ModelConfig config, string runDirectory, bool resume,
        IProgress<EpochReport>? progress = null, CancellationToken ct = default) => throw new NotImplementedException();
}
