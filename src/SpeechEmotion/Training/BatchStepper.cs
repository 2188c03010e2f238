using SpeechEmotion.Modeling;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>One optimization step and the validation pass: the inner loop shared by the trainer and the benchmark.</summary>
/// <remarks>With a <paramref name="discriminator"/> (corpus-adversarial training) its loss is added for the backward pass but not to the loss reported.</remarks>
internal sealed class BatchStepper(EmotionNet model, Adam optimizer, Tensor? classWeights, TrainingOptions options, CorpusDiscriminator? discriminator = null)
{
    /// <summary>Trains on one batch inside its own dispose scope; returns the batch's mean loss and correct count.</summary>
    public (double Loss, long Correct) Step(ClipTensors data, ReadOnlySpan<long> indices)
    {
        using var scope = torch.NewDisposeScope();
        using var scalars = new HeldScalars();
        var (x, valid, y) = data.Batch(indices);
        var targets = new Targets(y, data.Weights(indices, x.device), data.Soft(indices, x.device),
            discriminator is null ? null : data.Corpora(indices, x.device));
        if (options.SpecAugment is { } augment)
            x = SpecAugment.Apply(x, valid, augment);
        var (logits, loss, adversarial) = options.MixupAlpha > 0 ? MixedForward(x, valid, targets, scalars) : Forward(x, valid, targets, scalars);
        optimizer.zero_grad();
        (adversarial is null ? loss : loss.add(adversarial, scalars.One)).backward();
        if (options.GradientClipNorm is { } clip)
            nn.utils.clip_grad_norm_(model.parameters(), clip);
        optimizer.step();
        return (loss.item<float>(), logits.argmax(1).eq(y).sum().item<long>());
    }

    // A batch's labels, per-clip loss weights (corpus balancing), teacher probabilities (distillation) and corpora
    // (corpus-adversarial training), when used.
    private sealed record Targets(Tensor Labels, Tensor? Weights, Tensor? Soft, Tensor? Corpora)
    {
        public Targets Permuted(Tensor perm) => new(Labels.index_select(0, perm), Weights, Soft?.index_select(0, perm), Corpora?.index_select(0, perm));
    }

    private (Tensor Logits, Tensor Loss, Tensor? Adversarial) Forward(Tensor x, Tensor valid, Targets targets, HeldScalars scalars)
    {
        var (logits, corpusLogits) = Run(x, valid);
        var adversarial = corpusLogits is null ? null : nn.functional.cross_entropy(corpusLogits, targets.Corpora!);
        return (logits, Loss(logits, targets, scalars), adversarial);
    }

    // Mixup: clip i is blended with clip perm[i]; the blend keeps the longer of the two valid lengths, and the
    // loss weighs both clips' targets by the same factor, the corpus loss too. The weight comes from torch's seeded
    // global generator.
    private (Tensor Logits, Tensor Loss, Tensor? Adversarial) MixedForward(Tensor x, Tensor valid, Targets targets, HeldScalars scalars)
    {
        using var concentration = torch.tensor(new[] { (float)options.MixupAlpha, (float)options.MixupAlpha });
        var weight = torch.distributions.Beta(concentration[0], concentration[1]).sample().item<float>();
        var perm = torch.randperm(x.shape[0], device: x.device);
        var keep = scalars.Of(weight);
        var take = scalars.Of(1f - weight);
        var mixed = x.mul(keep).add_(x.index_select(0, perm).mul_(take), scalars.One);
        var (logits, corpusLogits) = Run(mixed, valid.maximum(valid.index_select(0, perm)));
        var permuted = targets.Permuted(perm);
        var loss = Loss(logits, targets, scalars).mul_(keep).add_(Loss(logits, permuted, scalars).mul_(take), scalars.One);
        var adversarial = corpusLogits is null ? null
            : nn.functional.cross_entropy(corpusLogits, targets.Corpora!).mul_(keep)
                .add_(nn.functional.cross_entropy(corpusLogits, permuted.Corpora!).mul_(take), scalars.One);
        return (logits, loss, adversarial);
    }

    // The network's logits and, with a discriminator, its corpus logits of the clip embeddings.
    private (Tensor Logits, Tensor? CorpusLogits) Run(Tensor x, Tensor valid)
    {
        if (discriminator is null)
            return (model.call(x, valid), null);
        var (logits, embedding) = model.ForwardWithEmbedding(x, valid);
        return (logits, discriminator.call(embedding));
    }

    // Cross-entropy with the labels; with a teacher, blended with the cross-entropy with its probabilities.
    private Tensor Loss(Tensor logits, Targets targets, HeldScalars scalars)
    {
        var hard = LabelLoss(logits, targets.Labels, targets.Weights);
        if (targets.Soft is not { } soft)
            return hard;
        var perClip = soft.mul(nn.functional.log_softmax(logits, 1)).sum(1).neg();
        var distilled = targets.Weights is { } w ? perClip.mul(w).sum().div(w.sum()) : perClip.mean();
        var labelShare = scalars.Of((float)(1 - options.DistillationWeight));
        var teacherShare = scalars.Of((float)options.DistillationWeight);
        return hard.mul(labelShare).add_(distilled.mul(teacherShare), scalars.One);
    }

    // With per-clip weights (corpus balancing) the loss is their weighted mean; otherwise torch's class-weighted mean.
    private Tensor LabelLoss(Tensor logits, Tensor y, Tensor? weights) => weights is null
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
