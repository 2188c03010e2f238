using SpeechEmotion.Modeling;
using SpeechEmotion.Training;
using TorchSharp;

namespace SpeechEmotion.Tests.Training;

public sealed class CorpusAdversarialTests : IDisposable
{
    private static readonly ModelConfig SmallConfig = EmotionTrainerTests.SmallConfig;
    private readonly string root = Directory.CreateTempSubdirectory("se-adversarial-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    // The synthetic corpus with its clips spread over two corpora (alternating), as a multi-corpus run sees them.
    private static TrainingData TwoCorpora(int trainCount = 40, int validationCount = 12)
    {
        var data = SyntheticCorpus.Data(trainCount, validationCount);
        return data with { Train = data.Train.Select((c, i) => c with { Corpus = i % 2 == 0 ? "alpha" : "beta" }).ToList() };
    }

    [Fact]
    public void ReverseGradient_IsTheIdentityForward_AndNegatesAndScalesTheGradient()
    {
        using var scope = torch.NewDisposeScope();
        var x = torch.tensor(new[] { 1f, -2f, 3f }).requires_grad_();
        var y = CorpusDiscriminator.ReverseGradient(x, 0.3);
        Assert.Equal(new[] { 1f, -2f, 3f }, y.data<float>().ToArray());
        y.mul(torch.tensor(new[] { 1f, 2f, 4f })).sum().backward();
        var gradient = x.grad!.data<float>().ToArray();
        Assert.Equal(new[] { -0.3f, -0.6f, -1.2f }, gradient.Select(g => MathF.Round(g, 5)).ToArray());
    }

    [Fact]
    public void Train_WithTheAdversary_ChangesTheNetwork_AndStillLearns()
    {
        // Given the same data, seed and options, with and without the corpus adversary
        var data = TwoCorpora();
        var options = EmotionTrainerTests.Options(12);

        // When both train
        var plain = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "plain"), resume: false);
        var adversarial = new EmotionTrainer().Train(data, options with { CorpusAdversarialWeight = 0.5 }, SmallConfig,
            Path.Combine(root, "adversarial"), resume: false);
        using var a = plain.Bundle;
        using var b = adversarial.Bundle;

        // Then the reversed gradient reached the network (its weights differ from the plain run's), the labels are still
        // learned, the bundle holds no adversary, and the option is recorded
        var expected = a.Model.state_dict();
        Assert.Contains(b.Model.state_dict(), p => !p.Value.allclose(expected[p.Key]));
        Assert.Equal(expected.Keys.Order(), b.Model.state_dict().Keys.Order());
        Assert.True(Evaluator.Evaluate(b, data.Validation).Accuracy > 0.8);
        Assert.Equal(0.5, b.Manifest.Training!.CorpusAdversarialWeight);
    }

    [Fact]
    public void Resume_WithTheAdversary_GivesTheSameRunAsAnUninterruptedOne()
    {
        // Given a corpus-adversarial run with mixup
        var data = TwoCorpora();
        var options = EmotionTrainerTests.Options(4) with { CorpusAdversarialWeight = 0.5, MixupAlpha = 0.4 };

        // When one run trains 4 epochs and another trains 2, stops and resumes to 4
        var whole = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "whole"), resume: false);
        new EmotionTrainer().Train(data, options with { Epochs = 2 }, SmallConfig, Path.Combine(root, "split"), resume: false).Bundle.Dispose();
        var resumed = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "split"), resume: true);
        using var a = whole.Bundle;
        using var b = resumed.Bundle;

        // Then histories and weights are identical: the adversary's weights and moments were in the checkpoint
        Assert.Equal(whole.History.Select(r => r with { Seconds = 0 }), resumed.History.Select(r => r with { Seconds = 0 }));
        var expected = a.Model.state_dict();
        foreach (var (key, tensor) in b.Model.state_dict())
            Assert.True(tensor.eq(expected[key]).all().item<bool>(), $"{key} differs");
    }

    [Fact]
    public void Train_WithTheAdversaryAndOneCorpus_IsRefusedBeforeTheRunFolderExists()
    {
        var data = SyntheticCorpus.Data();
        var run = Path.Combine(root, "run");
        var e = Assert.Throws<ArgumentException>(() =>
            new EmotionTrainer().Train(data, EmotionTrainerTests.Options(2) with { CorpusAdversarialWeight = 0.5 }, SmallConfig, run, resume: false));
        Assert.Contains("two or more named corpora", e.Message);
        Assert.False(Directory.Exists(run));
        Assert.Throws<ArgumentException>(() => new TrainingOptions { CorpusAdversarialWeight = -1 }.Validate());
    }
}
