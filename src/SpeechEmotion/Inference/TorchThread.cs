using System.Collections.Concurrent;
using System.Runtime;

namespace SpeechEmotion.Inference;

/// <summary>
/// Runs the recognizers' LibTorch calls on one long-lived thread, each without garbage collections.
/// Two failures seen with TorchSharp 0.107 / LibTorch 2.10 on CPU made this necessary:
/// <list type="bullet">
/// <item>Forward passes made on freshly created threads (thread-pool growth, short-lived workers)
/// intermittently return NaN from the first convolution; on a thread that lives on they are always correct.</item>
/// <item>TorchSharp frees implicit temporaries (e.g. the <c>Scalar</c> made from <c>masked_fill(mask, 0)</c>)
/// in finalizers, which a garbage collection triggered by another thread can run while LibTorch still uses
/// them: under load this failed 1 % of requests with "Expected false to be true" from <c>Scalar::toFloat</c>.
/// A no-GC region around each call keeps them alive (at the price of one collection per call).</item>
/// </list>
/// Forward passes are serialized by the model anyway, so one thread costs no throughput.
/// </summary>
internal static class TorchThread
{
    /// <summary>Allocation budget (all threads) of the no-GC region around one call.</summary>
    private const long NoGcBudgetBytes = 64L << 20;

    private static readonly BlockingCollection<Action> Queue = [];
    private static readonly Thread Worker = StartWorker();

    /// <summary>Runs <paramref name="work"/> on the torch thread and returns its result (or rethrows its exception).</summary>
    public static T Invoke<T>(Func<T> work)
    {
        if (Thread.CurrentThread == Worker) return WithoutGc(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add(() =>
        {
            try
            {
                done.SetResult(WithoutGc(work));
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task.GetAwaiter().GetResult();
    }

    /// <summary>Runs <paramref name="work"/> on the torch thread.</summary>
    public static void Invoke(Action work) => Invoke(() =>
    {
        work();
        return true;
    });

    private static T WithoutGc<T>(Func<T> work)
    {
        bool region = GCSettings.LatencyMode != GCLatencyMode.NoGCRegion && GC.TryStartNoGCRegion(NoGcBudgetBytes);
        try
        {
            return work();
        }
        finally
        {
            // The region ends by itself when other threads allocate more than the budget meanwhile.
            if (region && GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }

    private static Thread StartWorker()
    {
        var thread = new Thread(() =>
        {
            foreach (var work in Queue.GetConsumingEnumerable()) work();
        })
        {
            IsBackground = true,
            Name = "SpeechEmotion torch",
        };
        thread.Start();
        return thread;
    }
}
