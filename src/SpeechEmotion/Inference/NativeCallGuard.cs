using System.Runtime;

namespace SpeechEmotion.Inference;

/// <summary>
/// Runs the recognizers' LibTorch work one call at a time inside a no-GC region. TorchSharp 0.107 frees
/// implicit temporaries (such as the <c>Scalar</c> made for <c>masked_fill(mask, 0)</c> in the network) in
/// finalizers, and a garbage collection triggered by another thread can run them while LibTorch still uses
/// the object: under web load this failed about 1 % of requests with "Expected false to be true" from
/// <c>Scalar::toFloat</c> (and could as well read a wrong value silently). With no collection during the
/// call the temporaries stay alive. The price is one blocking collection when each region starts.
/// Forward passes are serialized by the model anyway, so the lock costs no throughput.
/// </summary>
internal static class NativeCallGuard
{
    /// <summary>Allocation budget (all threads together) of one region; beyond it the runtime ends the region early.</summary>
    private const long NoGcBudgetBytes = 64L << 20;

    private static readonly Lock Gate = new();

    /// <summary>Runs <paramref name="work"/> with no garbage collection while it runs (within the budget).</summary>
    public static T Run<T>(Func<T> work)
    {
        lock (Gate)
        {
            bool region = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(NoGcBudgetBytes);
            try
            {
                return work();
            }
            finally
            {
                if (region && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
            }
        }
    }

    /// <summary>Runs <paramref name="work"/> like <see cref="Run{T}"/>.</summary>
    public static void Run(Action work) => Run(() =>
    {
        work();
        return true;
    });
}
