using SpeechEmotion.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>One optimization step and the validation pass: the inner loop shared by the trainer and the benchmark.</summary>
internal sealed class BatchStepper(EmotionNet model, Adam optimizer, Tensor? classWeights, TrainingOptions options)
{
    /// <summary>Trains on one batch inside its own dispose scope; returns the batch's mean loss and correct count.</summary>
    public (double Loss, long Correct) Step(ClipTensors data, ReadOnlySpan<long> indices)
    {
        using var scope = torch.NewDisposeScope();
        var (x, valid, y) = data.Batch(indices);
        var weights = data.Weights(indices, x.device);
        if (options.SpecAugment is { } augment)
            x = SpecAugment.Apply(x, valid, augment);
        var (logits, loss) = options.MixupAlpha > 0 ? MixedForward(x, valid, y, weights) : Forward(x, valid, y, weights);
        optimizer.zero_grad();
        loss.backward();
        if (options.GradientClipNorm is { } clip)
            nn.utils.clip_grad_norm_(model.parameters(), clip);
        optimizer.step();
        return (loss.item<float>(), logits.argmax(1).eq(y).sum().item<long>());
    }

    private (Tensor Logits, Tensor Loss) Forward(Tensor x, Tensor valid, Tensor y, Tensor? weights)
    {
        var logits = model.call(x, valid);
        return (logits, Loss(logits, y, weights));
    }

    // Mixup: clip i is blended with clip perm[i]; the blend keeps the longer of the two valid lengths, and the
    // loss weighs both labels by the same factor. The weight comes from torch's seeded global generator.
    private (Tensor Logits, Tensor Loss) MixedForward(Tensor x, Tensor valid, Tensor y, Tensor? weights)
    {
        using var concentration = torch.tensor(new[] { (float)options.MixupAlpha, (float)options.MixupAlpha });
        var weight = torch.distributions.Beta(concentration[0], concentration[1]).sample().item<float>();
        var perm = torch.randperm(x.shape[0], device: x.device);
        using var keep = weight.ToScalar();
        using var take = (1f - weight).ToScalar();
        var mixed = x.mul(keep).add_(x.index_select(0, perm).mul_(take));
        var logits = model.call(mixed, valid.maximum(valid.index_select(0, perm)));
        var loss = Loss(logits, y, weights).mul_(keep).add_(Loss(logits, y.index_select(0, perm), weights).mul_(take));
        return (logits, loss);
    }

    // With per-clip weights (corpus balancing) the loss is their weighted mean; otherwise torch's class-weighted mean.
    private Tensor Loss(Tensor logits, Tensor y, Tensor? weights) => weights is null
        ? nn.functional.cross_entropy(logits, y, classWeights, label_smoothing: options.LabelSmoothing)
        : nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.None, label_smoothing: options.LabelSmoothing).mul(weights).sum().div(weights.sum());

    /// <summary>Mean unweighted cross-entropy and the predicted class of every clip, in eval mode without gradients.</summary>
    public static (double Loss, int[] Predicted) Evaluate(EmotionNet model, ClipTensors data, int batchSize)
    {
        model.eval();
        var predicted = new int[data.Count];
        double lossSum = 0;
        using var noGrad = torch.no_grad();
        var all = Enumerable.Range(0, data.Count).Select(i => (long)i).ToArray();
        for (var start = 0; start < data.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            var count = Math.Min(batchSize, data.Count - start);
            var (x, valid, y) = data.Batch(all.AsSpan(start, count));
            var logits = model.call(x, valid);
            lossSum += nn.functional.cross_entropy(logits, y, reduction: nn.Reduction.Sum).item<float>();
            var batchPredicted = logits.argmax(1).cpu().data<long>().ToArray();
            for (var i = 0; i < count; i++)
                predicted[start + i] = (int)batchPredicted[i];
        }
        return (data.Count == 0 ? double.NaN : lossSum / data.Count, predicted);
    }
}
