using SpeechEmotion.Modeling;

namespace SpeechEmotion.Training;

/// <summary>The outcome of <see cref="EmotionTrainer.Train"/>.</summary>
public sealed record TrainingResult
{
    /// <summary>The trained model with the weights of <see cref="BestEpoch"/> restored; the caller disposes it.</summary>
    public required ModelBundle Bundle { get; init; }

    /// <summary>Every finished epoch, in order (including epochs before a resume).</summary>
    public required IReadOnlyList<EpochReport> History { get; init; }

    /// <summary>The epoch with the lowest validation loss, whose weights the bundle holds.</summary>
    public required int BestEpoch { get; init; }

    /// <summary>True when early stopping ended training before the last epoch.</summary>
    public required bool StoppedEarly { get; init; }

    /// <summary>Where the bundle was saved (<c>runDirectory/model.semodel</c>).</summary>
    public required string BundlePath { get; init; }
}
