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
        if (options.SpecAugment is { } augment)
            x = SpecAugment.Apply(x, valid, augment);
        var logits = model.call(x, valid);
        var loss = nn.functional.cross_entropy(logits, y, classWeights);
        optimizer.zero_grad();
        loss.backward();
        if (options.GradientClipNorm is { } clip)
            nn.utils.clip_grad_norm_(model.parameters(), clip);
        optimizer.step();
        return (loss.item<float>(), logits.argmax(1).eq(y).sum().item<long>());
    }

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
