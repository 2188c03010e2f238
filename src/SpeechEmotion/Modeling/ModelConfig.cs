using System.Text.Json.Serialization;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Sizes and options of <see cref="EmotionNet"/>. The defaults are the original Keras model:
/// Conv1D(128, 5) + ReLU, BatchNorm, Conv1D(128, 5) + ReLU, MaxPool(2), Dropout(0.3), BiLSTM(64),
/// attention pooling, Dense(64) + ReLU, Dense(8). Serialized with snake_case names in the model bundle.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>Name of the original topology (the only one implemented so far).</summary>
    public const string OriginalArchitecture = "original";

    /// <summary>The topologies <see cref="Architecture"/> accepts.</summary>
    public static IReadOnlyList<string> SupportedArchitectures { get; } = [OriginalArchitecture];

    /// <summary>The original Keras model (same as <c>new ModelConfig()</c>).</summary>
    public static ModelConfig Original { get; } = new();

    /// <summary>
    /// The original layers with per-clip normalization and dropout in the dense head: less sensitive to
    /// loudness and speaker, for use with SpecAugment during training. Same parameters as <see cref="Original"/>.
    /// </summary>
    public static ModelConfig Regularized { get; } = new() { PerClipNormalization = true, HeadDropout = 0.3 };

    /// <summary>Network topology; one of <see cref="SupportedArchitectures"/>.</summary>
    public string Architecture { get; init; } = OriginalArchitecture;

    /// <summary>Features per frame of the input <c>[batch, frames, InputFeatures]</c>; must equal the feature options' count (121).</summary>
    public int InputFeatures { get; init; } = 121;

    /// <summary>Output channels of both convolutions.</summary>
    public int ConvChannels { get; init; } = 128;

    /// <summary>Kernel width of both convolutions, in frames (valid padding, stride 1).</summary>
    public int ConvKernel { get; init; } = 5;

    /// <summary>Max-pooling width and stride, in frames.</summary>
    public int PoolSize { get; init; } = 2;

    /// <summary>Dropout rate after the pooling layer, in [0, 1).</summary>
    public double Dropout { get; init; } = 0.3;

    /// <summary>Hidden units of the LSTM per direction (the BiLSTM outputs twice this).</summary>
    public int LstmHidden { get; init; } = 64;

    /// <summary>Stacked bidirectional LSTM layers.</summary>
    public int LstmLayers { get; init; } = 1;

    /// <summary>Units of the hidden dense layer.</summary>
    public int DenseUnits { get; init; } = 64;

    /// <summary>Number of classes (logits).</summary>
    public int NumClasses { get; init; } = 8;

    /// <summary>BatchNorm epsilon (Keras default 1e-3).</summary>
    public double BatchNormEpsilon { get; init; } = 1e-3;

    /// <summary>BatchNorm running-average momentum in PyTorch terms (Keras momentum 0.99 = 0.01 here).</summary>
    public double BatchNormMomentum { get; init; } = 0.01;

    /// <summary>
    /// Subtract each clip's per-feature mean over its valid frames inside the network (after the global
    /// normalization, which scales it by the global standard deviation): the features no longer carry the
    /// clip's absolute loudness or channel colouring. Off in the original.
    /// </summary>
    public bool PerClipNormalization { get; init; }

    /// <summary>Dropout rate on the attention output and on the hidden dense layer, in [0, 1); 0 in the original.</summary>
    public double HeadDropout { get; init; }

    /// <summary>
    /// Length of a per-frame attention bias, as in the original Keras layer (one bias per pooled frame, 120 for
    /// 248 input frames); null (the default) for one scalar bias that works at any length. When set, the network
    /// takes exactly <see cref="FixedInputFrames"/> frames (shorter input is zero-padded, longer input refused)
    /// and, like the original, reads all of them, padding included. Set by <c>import-keras</c> so imported
    /// weights give the original's outputs exactly.
    /// </summary>
    public int? AttentionBiasFrames { get; init; }

    /// <summary>Input frames of a network with a per-frame attention bias: <c>2 (ConvKernel - 1) + PoolSize * AttentionBiasFrames</c>; null otherwise.</summary>
    [JsonIgnore]
    public int? FixedInputFrames => AttentionBiasFrames is { } n ? 2 * (ConvKernel - 1) + PoolSize * n : null;

    /// <summary>Shortest input that yields one frame after both convolutions and the pooling: <c>2 (ConvKernel - 1) + PoolSize</c>. Shorter inputs are zero-padded by the network.</summary>
    [JsonIgnore]
    public int MinimumFrames => 2 * (ConvKernel - 1) + PoolSize;

    /// <summary>Frames after both convolutions and the pooling for <paramref name="frames"/> input frames: <c>floor((frames - 2 (ConvKernel - 1)) / PoolSize)</c>, at least 0.</summary>
    public int OutputFrames(int frames) => Math.Max(0, (frames - 2 * (ConvKernel - 1)) / PoolSize);

    /// <summary>Checks every value and throws one <see cref="ArgumentException"/> that lists all problems.</summary>
    public void Validate() =>
        new OptionErrors("model config")
            .Check(SupportedArchitectures.Contains(Architecture), $"architecture '{Architecture}' is not one of {string.Join(", ", SupportedArchitectures)}")
            .Check(InputFeatures > 0, $"input_features must be > 0 (got {InputFeatures})")
            .Check(ConvChannels > 0, $"conv_channels must be > 0 (got {ConvChannels})")
            .Check(ConvKernel > 0, $"conv_kernel must be > 0 (got {ConvKernel})")
            .Check(PoolSize > 0, $"pool_size must be > 0 (got {PoolSize})")
            .Check(Dropout is >= 0 and < 1, $"dropout must be in [0, 1) (got {Dropout})")
            .Check(HeadDropout is >= 0 and < 1, $"head_dropout must be in [0, 1) (got {HeadDropout})")
            .Check(LstmHidden > 0, $"lstm_hidden must be > 0 (got {LstmHidden})")
            .Check(LstmLayers > 0, $"lstm_layers must be > 0 (got {LstmLayers})")
            .Check(DenseUnits > 0, $"dense_units must be > 0 (got {DenseUnits})")
            .Check(NumClasses >= 2, $"num_classes must be >= 2 (got {NumClasses})")
            .Check(BatchNormEpsilon > 0, $"batch_norm_epsilon must be > 0 (got {BatchNormEpsilon})")
            .Check(AttentionBiasFrames is null or > 0, $"attention_bias_frames must be > 0 or null (got {AttentionBiasFrames})")
            .Check(BatchNormMomentum is > 0 and <= 1, $"batch_norm_momentum must be in (0, 1] (got {BatchNormMomentum})")
            .ThrowIfAny();
}
