using SpeechEmotion.Modeling;
using SpeechEmotion.Training;

namespace SpeechEmotion.Tests.Training;

public sealed class DistillationTests : IDisposable
{
    private static readonly ModelConfig SmallConfig = EmotionTrainerTests.SmallConfig;
    private readonly string root = Directory.CreateTempSubdirectory("se-distil-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static TrainingOptions Options(int epochs) => EmotionTrainerTests.Options(epochs);

    // A teacher that names the next class for every clip: a network that learns from it, not from the labels, shows it.
    private static float[][] NextClassTeacher(TrainingData data) =>
        [.. data.Train.Select(c => Enumerable.Range(0, 3).Select(k => k == (c.Label + 1) % 3 ? 1f : 0f).ToArray())];

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.4)]
    public void Train_WithTeacherWeightOne_LearnsTheTeachersAnswersNotTheLabels(double mixupAlpha)
    {
        // Given the synthetic corpus and a teacher that disagrees with every label
        var data = SyntheticCorpus.Data();
        data = data with { TeacherProbabilities = NextClassTeacher(data) };

        // When a network trains on the teacher alone (weight 1), with and without mixup
        var options = Options(20) with { DistillationWeight = 1.0, MixupAlpha = mixupAlpha };
        var result = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then it gives the teacher's class, not the label, for most training clips
        var probabilities = bundle.PredictProbabilities(data.Train.Select(c => c.Features.Load()).ToArray(), data.Train.Select(c => c.ValidFrames).ToArray());
        var followsTeacher = data.Train.Select((c, i) => Array.IndexOf(probabilities[i], probabilities[i].Max()) == (c.Label + 1) % 3).Count(x => x);
        Assert.True(followsTeacher > 0.9 * data.Train.Count, $"{followsTeacher} of {data.Train.Count} clips get the teacher's class");
    }

    [Fact]
    public void Train_WithTeacherAtHalfWeight_StillLearnsALabelledCorpusWhenTheTeacherAgrees()
    {
        // Given a teacher that agrees with the labels but is unsure (0.6 on the label)
        var data = SyntheticCorpus.Data();
        data = data with { TeacherProbabilities = [.. data.Train.Select(c => Enumerable.Range(0, 3).Select(k => k == c.Label ? 0.6f : 0.2f).ToArray())] };

        // When the network trains on labels and teacher alike
        var result = new EmotionTrainer().Train(data, Options(20), SmallConfig, Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then it classifies the validation clips, which no teacher labelled
        Assert.True(Evaluator.Evaluate(bundle, data.Validation).Accuracy > 0.9);
    }

    [Fact]
    public void Train_RejectsTeacherProbabilitiesThatDoNotFitTheTrainingClips()
    {
        var data = SyntheticCorpus.Data();
        var tooFew = data with { TeacherProbabilities = [.. NextClassTeacher(data).Skip(1)] };
        var notProbabilities = data with { TeacherProbabilities = [.. data.Train.Select(_ => new[] { 0.5f, 0.5f, 0.5f })] };

        var few = Assert.Throws<ArgumentException>(() => new EmotionTrainer().Train(tooFew, Options(1), SmallConfig, Path.Combine(root, "a"), resume: false));
        var bad = Assert.Throws<ArgumentException>(() => new EmotionTrainer().Train(notProbabilities, Options(1), SmallConfig, Path.Combine(root, "b"), resume: false));
        Assert.Contains("47 teacher probability rows for 48 training clips", few.Message);
        Assert.Contains("not 3 probabilities summing to 1", bad.Message);
        Assert.Throws<ArgumentException>(() => (Options(1) with { DistillationWeight = 0 }).Validate());
    }

    [Fact]
    public void Resume_RefusesACheckpointMadeWithAnotherTeacher()
    {
        // Given a run of 2 epochs with one teacher
        var data = SyntheticCorpus.Data();
        var run = Path.Combine(root, "run");
        new EmotionTrainer().Train(data with { TeacherProbabilities = NextClassTeacher(data) }, Options(2), SmallConfig, run, resume: false).Bundle.Dispose();

        // When it is resumed with other teacher probabilities
        var other = data with { TeacherProbabilities = [.. data.Train.Select(_ => new[] { 1f / 3, 1f / 3, 1f / 3 })] };
        var error = Assert.Throws<InvalidOperationException>(() => new EmotionTrainer().Train(other, Options(4), SmallConfig, run, resume: true));

        // Then it is refused, naming the cause
        Assert.Contains("different training or validation clips", error.Message);
    }

    [Fact]
    public void TeacherProbabilities_AreTheTeachersOwn_AndRefuseAnotherLabelSet()
    {
        // Given a trained teacher
        var data = SyntheticCorpus.Data();
        var result = new EmotionTrainer().Train(data, Options(2), SmallConfig, Path.Combine(root, "teacher"), resume: false);
        using var teacher = result.Bundle;

        // When it labels the training clips in batches of 5
        var soft = Distillation.TeacherProbabilities(teacher, data.Train, data.Labels, data.FeatureOptions, frontEnd: null, batchSize: 5);

        // Then each row is the teacher's prediction for that clip alone; other labels or features are refused
        Assert.Equal(data.Train.Count, soft.Length);
        for (var i = 0; i < data.Train.Count; i += 7)
        {
            var alone = teacher.PredictProbabilities([data.Train[i].Features.Load()], [data.Train[i].ValidFrames])[0];
            for (var k = 0; k < 3; k++)
                Assert.Equal(alone[k], soft[i][k], 5);
        }
        Assert.Throws<ArgumentException>(() => Distillation.TeacherProbabilities(teacher, data.Train, ["a", "b", "c"], data.FeatureOptions, null));
        Assert.Throws<ArgumentException>(() => Distillation.TeacherProbabilities(teacher, data.Train, data.Labels, data.FeatureOptions with { NMfcc = 20 }, null));
    }
}
