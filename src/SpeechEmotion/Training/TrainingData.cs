using SpeechEmotion.Data;
using SpeechEmotion.Features;

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
    FeatureOptions FeatureOptions);
