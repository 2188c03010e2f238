using SpeechEmotion.Modeling;

namespace SpeechEmotion.Training;

/// <summary>The non-tensor part of a checkpoint (state.json).</summary>
internal sealed record TrainingState
{
    public int FormatVersion { get; init; }
    public required int Epoch { get; init; }
    public required double LearningRate { get; init; }
    public required double PlateauBest { get; init; }
    public required int PlateauWait { get; init; }
    /// <summary>Best value of the monitored quantity so far, signed so that lower is better (<see cref="TrainingOptions.MonitoredValue"/>).</summary>
    public required double BestMonitored { get; init; }
    public required int EarlyStoppingWait { get; init; }
    public required int BestEpoch { get; init; }
    public required bool Stopped { get; init; }
    public required List<EpochReport> History { get; init; }
    public required FeatureNormalization Normalization { get; init; }
    public required TrainingOptions Options { get; init; }
    public required ModelConfig Config { get; init; }
    public required string DataFingerprint { get; init; }
}
