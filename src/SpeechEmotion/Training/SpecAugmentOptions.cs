using SpeechEmotion.Modeling;

namespace SpeechEmotion.Training;

/// <summary>
/// SpecAugment-style masking of training batches (Park et al. 2019, without time warping): random runs of
/// frames and random bands of features are set to 0, the normalized mean. Masks stay within each clip's valid frames.
/// </summary>
public sealed record SpecAugmentOptions
{
    /// <summary>Time masks per clip.</summary>
    public int TimeMasks { get; init; } = 2;

    /// <summary>Largest width of a time mask, in frames (each width is uniform in [0, max]).</summary>
    public int MaxTimeMaskFrames { get; init; } = 20;

    /// <summary>Feature masks per clip.</summary>
    public int FeatureMasks { get; init; } = 2;

    /// <summary>Largest width of a feature mask, in features (each width is uniform in [0, max]).</summary>
    public int MaxFeatureMaskWidth { get; init; } = 10;

    internal void AddProblems(OptionErrors errors) =>
        errors.Check(TimeMasks >= 0, $"spec_augment.time_masks must be >= 0 (got {TimeMasks})")
              .Check(MaxTimeMaskFrames >= 0, $"spec_augment.max_time_mask_frames must be >= 0 (got {MaxTimeMaskFrames})")
              .Check(FeatureMasks >= 0, $"spec_augment.feature_masks must be >= 0 (got {FeatureMasks})")
              .Check(MaxFeatureMaskWidth >= 0, $"spec_augment.max_feature_mask_width must be >= 0 (got {MaxFeatureMaskWidth})");
}
