using SpeechEmotion.Data;
using SpeechEmotion.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>
/// The clips of a split as batches of device tensors: normalized features <c>[B, T, F]</c> float32 (zero padding
/// up to the longest clip of the batch), valid frames <c>[B]</c> and labels <c>[B]</c> int64. Batches are built
/// from the clips' features when asked for (read from the feature cache file for clips kept there), so memory holds
/// a batch, not every clip and augmented copy of a run; a batch of short clips also costs the network fewer frames.
/// </summary>
internal sealed class ClipTensors : IDisposable
{
    private readonly IReadOnlyList<LabeledClip>? _clips;
    private readonly FeatureNormalization? _normalization;
    private readonly Device? _device;
    private readonly Tensor? _features, _validFrames, _labels;

    /// <summary>Pre-built tensors holding every clip (benchmarks): features <c>[N, T, F]</c>, valid frames <c>[N]</c>, labels <c>[N]</c>.</summary>
    public ClipTensors(Tensor features, Tensor validFrames, Tensor labels, int[] labelArray)
    {
        _features = features;
        _validFrames = validFrames;
        _labels = labels;
        LabelArray = labelArray;
    }

    private ClipTensors(IReadOnlyList<LabeledClip> clips, FeatureNormalization normalization, Device device)
    {
        _clips = clips;
        _normalization = normalization;
        _device = device;
        LabelArray = clips.Select(c => c.Label).ToArray();
    }

    public int[] LabelArray { get; }

    /// <summary>Loss weight of every clip, or null for equal weights (see <see cref="TrainingOptions.BalanceCorpora"/>).</summary>
    public float[]? SampleWeights { get; init; }

    /// <summary>The loss weights of the clips at <paramref name="indices"/> on the batch's device, or null.</summary>
    public Tensor? Weights(ReadOnlySpan<long> indices, Device device) =>
        SampleWeights is { } weights ? torch.tensor(Pick(weights, indices), device: device) : null;

    /// <summary>Valid frames of every clip (for length bucketing); empty for pre-built tensors.</summary>
    public int[] Lengths => _clips?.Select(c => c.ValidFrames).ToArray() ?? [];
    public int Count => LabelArray.Length;

    /// <summary>Every clip's corpus as an index (corpus-adversarial training), or null.</summary>
    public long[]? CorpusIndices { get; init; }

    /// <summary>The corpus indices <c>[B]</c> of the clips at <paramref name="indices"/> on the batch's device, or null.</summary>
    public Tensor? Corpora(ReadOnlySpan<long> indices, Device device) =>
        CorpusIndices is { } corpora ? torch.tensor(Pick(corpora, indices), device: device) : null;

    // The values of the clips at `indices`, in that order.
    private static T[] Pick<T>(T[] values, ReadOnlySpan<long> indices)
    {
        var picked = new T[indices.Length];
        for (var k = 0; k < indices.Length; k++)
            picked[k] = values[indices[k]];
        return picked;
    }

    /// <summary>A teacher's probabilities for every clip (knowledge distillation), or null.</summary>
    public IReadOnlyList<float[]>? SoftTargets { get; init; }

    /// <summary>The teacher's probabilities <c>[B, classes]</c> of the clips at <paramref name="indices"/> on the batch's device, or null.</summary>
    public Tensor? Soft(ReadOnlySpan<long> indices, Device device)
    {
        if (SoftTargets is not { } soft)
            return null;
        var classes = soft[0].Length;
        var batch = new float[indices.Length * classes];
        for (var k = 0; k < indices.Length; k++)
            soft[(int)indices[k]].CopyTo(batch, k * classes);
        return torch.tensor(batch, [indices.Length, classes], device: device);
    }

    /// <summary>
    /// Batches of <paramref name="clips"/>, normalized with <paramref name="normalization"/>, on <paramref name="device"/>,
    /// with corpus-balanced loss weights, a teacher's probabilities (<paramref name="softTargets"/>) and corpus indices
    /// (<paramref name="corpusIndex"/>, for corpus-adversarial training) when asked for.
    /// </summary>
    public static ClipTensors Build(IReadOnlyList<LabeledClip> clips, FeatureNormalization normalization, Device device, bool balanceCorpora = false,
        IReadOnlyList<float[]>? softTargets = null, IReadOnlyDictionary<string, int>? corpusIndex = null) =>
        new(clips, normalization, device)
        {
            SampleWeights = balanceCorpora ? CorpusBalancedWeights(clips) : null,
            SoftTargets = softTargets is { Count: > 0 } ? softTargets : null,
            CorpusIndices = corpusIndex is null ? null : clips.Select(c => (long)corpusIndex[c.Corpus ?? ""]).ToArray(),
        };

    /// <summary>
    /// Weights <c>N / (G * K_g * n_gl)</c> for a clip of label l in corpus g (G corpora, K_g labels in corpus g,
    /// n_gl such clips): every corpus carries the same total weight, split equally among its labels; mean 1.
    /// </summary>
    internal static float[] CorpusBalancedWeights(IReadOnlyList<LabeledClip> clips)
    {
        var groups = clips.GroupBy(c => (c.Corpus ?? "", c.Label)).ToDictionary(g => g.Key, g => g.Count());
        var corpora = clips.Select(c => c.Corpus ?? "").Distinct().Count();
        var labelsPerCorpus = groups.Keys.GroupBy(k => k.Item1).ToDictionary(g => g.Key, g => g.Count());
        return clips.Select(c =>
        {
            var corpus = c.Corpus ?? "";
            return (float)(clips.Count / ((double)corpora * labelsPerCorpus[corpus] * groups[(corpus, c.Label)]));
        }).ToArray();
    }

    /// <summary>Gathers the clips at <paramref name="indices"/>: features, valid frames, labels (in the current dispose scope).</summary>
    public (Tensor X, Tensor Valid, Tensor Y) Batch(ReadOnlySpan<long> indices)
    {
        if (_features is not null)
        {
            var index = torch.tensor(indices.ToArray(), device: _features.device);
            return (_features.index_select(0, index), _validFrames!.index_select(0, index), _labels!.index_select(0, index));
        }

        var clips = _clips!;
        var features = _normalization!.FeatureCount;
        var frames = 1;
        foreach (var i in indices)
            frames = Math.Max(frames, clips[(int)i].ValidFrames);
        var rowValues = frames * features;
        var host = new float[indices.Length * rowValues];
        var valid = new long[indices.Length];
        var labels = new long[indices.Length];
        for (var k = 0; k < indices.Length; k++)
        {
            var clip = clips[(int)indices[k]];
            var rows = host.AsSpan(k * rowValues, clip.ValidFrames * features);
            clip.Features.CopyRows(clip.ValidFrames, rows);
            _normalization.ApplyInPlace(rows);
            valid[k] = clip.ValidFrames;
            labels[k] = clip.Label;
        }
        var x = torch.tensor(host, [indices.Length, frames, features]);
        return _device!.type == DeviceType.CPU
            ? (x, torch.tensor(valid), torch.tensor(labels))
            : (x.to(_device), torch.tensor(valid, device: _device), torch.tensor(labels, device: _device));
    }

    public void Dispose()
    {
        _features?.Dispose();
        _validFrames?.Dispose();
        _labels?.Dispose();
    }
}
