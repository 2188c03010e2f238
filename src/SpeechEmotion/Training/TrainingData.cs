using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;

namespace SpeechEmotion.Training;

/// <summary>The clips <see cref="EmotionTrainer"/> trains and validates on.</summary>
/// <param name="Train">Training clips (normalization is fitted on these only).</param>
/// <param name="Validation">Validation clips for the learning-rate schedule and early stopping; never the test set.</param>
/// <param name="Labels">Class names; a clip's <see cref="LabeledClip.Label"/> indexes this list.</param>
/// <param name="FeatureOptions">The settings the features were extracted with (stored in the bundle).</param>
public sealed record TrainingData(
    IReadOnlyList<LabeledClip> Train,
    IReadOnlyList<LabeledClip> Validation,
    IReadOnlyList<string> Labels,
    FeatureOptions FeatureOptions)
{
    /// <summary>The front end the clips went through before their features (stored in the bundle); null = none.</summary>
    public FrontEndOptions? FrontEnd { get; init; }

    /// <summary>
    /// A teacher's probabilities over <see cref="Labels"/> for every clip of <see cref="Train"/>, in the same order
    /// (knowledge distillation, weighted by <see cref="TrainingOptions.DistillationWeight"/>); null trains on the labels alone.
    /// </summary>
    public IReadOnlyList<float[]>? TeacherProbabilities { get; init; }

    /// <summary>How corpus emotions were mapped onto <see cref="Labels"/> (stored in the bundle).</summary>
    public IReadOnlyDictionary<string, string> LabelMap { get; init; } = new Dictionary<string, string>();
}
