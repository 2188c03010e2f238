using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// The numbers that tensor code hands to LibTorch, as <see cref="Scalar"/> objects kept alive until this is disposed.
/// </summary>
/// <remarks>
/// TorchSharp turns a C# number passed where a <see cref="Scalar"/> is expected (<c>masked_fill(mask, 0)</c>,
/// <c>clamp(1, n)</c>, <c>valid - 1</c>, <c>arange(n)</c>, and the alpha of 1 that <c>a + b</c> and <c>add_(b)</c> pass
/// for two tensors) into a temporary that nothing references once its handle
/// has been read, and only its finalizer frees it. A garbage collection triggered on another thread can run that
/// finalizer while LibTorch still reads the value: under concurrent load this failed requests with "Expected false
/// to be true" from <c>Scalar::toFloat</c>, and could as well read a wrong number silently. Every number the
/// network and the training steps pass to LibTorch comes from here instead, so no lock or no-GC region is needed
/// around forward passes (see ConcurrentForwardTests). Not thread-safe: one instance per call.
/// </remarks>
internal sealed class HeldScalars : IDisposable
{
    private readonly List<Scalar> _held = new(8);

    /// <summary>
    /// 1 as an int64 scalar, held: the alpha to pass to <c>add</c> and <c>add_</c> (<c>a.add(b, scalars.One)</c> instead of
    /// <c>a + b</c>), whose overloads without one pass a temporary.
    /// </summary>
    public Scalar One => _one ??= Of(1L);

    private Scalar? _one;

    /// <summary>An int64 scalar that lives until <see cref="Dispose"/>.</summary>
    public Scalar Of(long value) => Hold(value.ToScalar());

    /// <summary>A float32 scalar that lives until <see cref="Dispose"/>.</summary>
    public Scalar Of(float value) => Hold(value.ToScalar());

    /// <summary>A float64 scalar that lives until <see cref="Dispose"/>.</summary>
    public Scalar Of(double value) => Hold(value.ToScalar());

    /// <summary><c>[0, 1, ..., count - 1]</c> as int64 on <paramref name="device"/>, its bounds held.</summary>
    public torch.Tensor Arange(long count, torch.Device device) =>
        torch.arange(Of(0L), Of(count), Of(1L), ScalarType.Int64, device);

    /// <summary><c>[0, 1, ..., count - 1]</c> as float32 on <paramref name="device"/>, its bounds held.</summary>
    public torch.Tensor ArangeFloat(long count, torch.Device device) =>
        torch.arange(Of(0L), Of(count), Of(1L), ScalarType.Float32, device);

    private Scalar Hold(Scalar scalar)
    {
        _held.Add(scalar);
        return scalar;
    }

    /// <summary>Frees every scalar handed out.</summary>
    public void Dispose()
    {
        foreach (var scalar in _held) scalar.Dispose();
        _held.Clear();
        _one = null;
    }
}
