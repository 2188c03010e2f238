using SpeechEmotion.Modeling;
using SpeechEmotion.Training;
using TorchSharp;

namespace SpeechEmotion.Tests.Training;

public sealed class CorpusLabelSetTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("se-label-sets-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void LabelSets_AreTheLabelsEachCorpusHas()
    {
        // Given clips of a corpus with labels 0, 2 and 5 and of one with labels 1 and 2
        var data = SyntheticCorpus.Data(6, 2);
        int[] labels = [0, 2, 5, 1, 2, 2];
        var clips = data.Train.Select((c, i) => c with { Label = labels[i], Corpus = i < 3 ? "alpha" : "beta" }).ToList();

        // Then each clip may be scored among its own corpus's labels only
        var rows = ClipTensors.CorpusLabelSets(clips, 8);
        Assert.Equal(new float[] { 1, 0, 1, 0, 0, 1, 0, 0 }, rows[0]);
        Assert.Equal(new float[] { 0, 1, 1, 0, 0, 0, 0, 0 }, rows[4]);
    }

    [Fact]
    public void Loss_WithEveryLabelAllowed_IsTorchsLabelSmoothedCrossEntropy()
    {
        using var scope = torch.NewDisposeScope();
        using var scalars = new HeldScalars();
        torch.random.manual_seed(1);
        var logits = torch.randn(5, 8);
        var y = torch.tensor(new long[] { 0, 3, 7, 2, 2 });
        var all = torch.ones(5, 8);

        var ours = BatchStepper.AllowedLabelLoss(logits, y, all, null, 0.1, scalars).item<float>();
        var torchs = torch.nn.functional.cross_entropy(logits, y, label_smoothing: 0.1).item<float>();

        Assert.Equal(torchs, ours, 5);
    }

    [Fact]
    public void Loss_IgnoresLabelsOutsideTheClipsSet_AndSmoothsOverItsSetOnly()
    {
        using var scope = torch.NewDisposeScope();
        using var scalars = new HeldScalars();
        // Given one clip of label 1 allowed labels {0, 1, 3}, with logits equal on those three
        var logits = torch.tensor(new[] { 0.5f, 0.5f, 9f, 0.5f, -4f, 7f, 0f, 3f }).reshape(1, 8).requires_grad_();
        var y = torch.tensor(new long[] { 1 });
        var allowed = torch.tensor(new float[] { 1, 1, 0, 1, 0, 0, 0, 0 }).reshape(1, 8);

        // When the loss is computed with label smoothing
        var loss = BatchStepper.AllowedLabelLoss(logits, y, allowed, null, 0.1, scalars);
        loss.backward();

        // Then it is log 3 (uniform over the three allowed labels, whatever the others say), and the labels outside the set
        // get no gradient: the clip says nothing about them
        Assert.Equal(Math.Log(3), loss.item<float>(), 5);
        var gradient = logits.grad!.data<float>().ToArray();
        foreach (var outside in new[] { 2, 4, 5, 6, 7 })
            Assert.Equal(0f, gradient[outside]);
        Assert.True(gradient[1] < 0 && gradient[0] > 0 && gradient[3] > 0);
    }

    [Fact]
    public void Train_WithCorpusLabelSets_StillLearns_AndRecordsTheOption()
    {
        // Given the synthetic corpus spread over two corpora, the second with only the lower half of the labels
        var data = SyntheticCorpus.Data(40, 12);
        data = data with { Train = data.Train.Select((c, i) => c with { Corpus = c.Label >= 4 || i % 2 == 0 ? "alpha" : "beta" }).ToList() };
        Assert.Contains(ClipTensors.CorpusLabelSets(data.Train, 8), row => row.Sum() < 8);
        var options = EmotionTrainerTests.Options(12) with { CorpusLabelSets = true, LabelSmoothing = 0.1 };

        // When a model trains with corpus label sets
        var result = new EmotionTrainer().Train(data, options, EmotionTrainerTests.SmallConfig, Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then it learns the labels (scored over all of them) and the bundle records the option
        Assert.True(Evaluator.Evaluate(bundle, data.Validation).Accuracy > 0.8);
        Assert.True(bundle.Manifest.Training!.CorpusLabelSets);
    }
}
