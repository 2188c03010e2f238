using SpeechEmotion.Data;
using SpeechEmotion.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>
/// A whole split as device tensors, built once: normalized features <c>[N, T, F]</c> float32 (zero padding),
/// valid frames <c>[N]</c> and labels <c>[N]</c> int64. Batches are gathered with <c>index_select</c>, so no
/// per-batch copying from managed memory.
/// </summary>
internal sealed class ClipTensors : IDisposable
{
    public ClipTensors(Tensor features, Tensor validFrames, Tensor labels, int[] labelArray)
    {
        Features = features;
        ValidFrames = validFrames;
        Labels = labels;
        LabelArray = labelArray;
    }

    public Tensor Features { get; }
    public Tensor ValidFrames { get; }
    public Tensor Labels { get; }
    public int[] LabelArray { get; }
    public int Count => LabelArray.Length;

    /// <summary>Normalizes <paramref name="clips"/> into tensors of <paramref name="frames"/> frames on <paramref name="device"/>.</summary>
    public static ClipTensors Build(IReadOnlyList<LabeledClip> clips, FeatureNormalization normalization, int frames, Device device)
    {
        var features = normalization.FeatureCount;
        var rowValues = frames * features;
        var host = torch.zeros([clips.Count, frames, features], ScalarType.Float32);
        var buffer = new float[rowValues];
        var valid = new long[clips.Count];
        var labels = new int[clips.Count];
        using (var accessor = host.data<float>())
        {
            for (var i = 0; i < clips.Count; i++)
            {
                var clip = clips[i];
                Array.Clear(buffer);
                normalization.ApplyTo(clip.Features, clip.ValidFrames, buffer);
                accessor.CopyFrom(buffer, 0, (long)i * rowValues);
                valid[i] = clip.ValidFrames;
                labels[i] = clip.Label;
            }
        }
        var onDevice = device.type == DeviceType.CPU ? host : MoveAndDispose(host, device);
        return new ClipTensors(onDevice, torch.tensor(valid, device: device), torch.tensor(labels.Select(l => (long)l).ToArray(), device: device), labels);
    }

    /// <summary>Gathers the clips at <paramref name="indices"/>: features, valid frames, labels.</summary>
    public (Tensor X, Tensor Valid, Tensor Y) Batch(ReadOnlySpan<long> indices)
    {
        var index = torch.tensor(indices.ToArray(), device: Features.device);
        return (Features.index_select(0, index), ValidFrames.index_select(0, index), Labels.index_select(0, index));
    }

    private static Tensor MoveAndDispose(Tensor host, Device device)
    {
        var moved = host.to(device);
        host.Dispose();
        return moved;
    }

    public void Dispose()
    {
        Features.Dispose();
        ValidFrames.Dispose();
        Labels.Dispose();
    }
}
