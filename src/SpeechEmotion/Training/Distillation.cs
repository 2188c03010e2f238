using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Training;

/// <summary>
/// Knowledge distillation: a teacher (typically an ensemble, see <see cref="ModelBundle.Combine"/>) labels the
/// training clips and their augmented copies with its probabilities, and one network learns from them as well as from
/// the labels (<see cref="TrainingData.TeacherProbabilities"/>, <see cref="TrainingOptions.DistillationWeight"/>).
/// The result costs one network's forward pass however many the teacher had.
/// </summary>
public static class Distillation
{
    /// <summary>
    /// The teacher's probabilities for every clip, in order. The teacher must use the same labels (in the same
    /// order), features and front end as the clips were made with.
    /// </summary>
    /// <exception cref="ArgumentException">The teacher's labels, features or front end differ from the data's.</exception>
    public static float[][] TeacherProbabilities(ModelBundle teacher, IReadOnlyList<LabeledClip> clips, IReadOnlyList<string> labels,
        FeatureOptions features, FrontEndOptions? frontEnd, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(clips);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var manifest = teacher.Manifest;
        if (!manifest.Labels.SequenceEqual(labels))
            throw new ArgumentException($"The teacher's labels ({string.Join(", ", manifest.Labels)}) are not the data's ({string.Join(", ", labels)}).", nameof(teacher));
        if (manifest.FeatureOptions != features)
            throw new ArgumentException("The teacher was trained on other feature settings than the data's.", nameof(teacher));
        if (manifest.FrontEnd != frontEnd)
            throw new ArgumentException("The teacher was trained with another front end (trimming, level) than the data's.", nameof(teacher));

        return [.. Evaluator.Predict(teacher, clips, batchSize).Select(p => p.Probabilities)];
    }
}
