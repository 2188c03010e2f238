using System.Collections.Concurrent;

namespace SpeechEmotion.Inference;

/// <summary>
/// One long-lived thread on which every LibTorch call of the recognizers runs. With LibTorch 2.10 on CPU,
/// forward passes made on freshly created threads (thread-pool growth, short-lived worker threads)
/// intermittently return NaN from the first convolution, while the same calls on a thread that lives on
/// are always correct; serving requests from thread-pool threads would therefore give random NaN answers.
/// Forward passes are serialized by the model anyway, so one thread costs no throughput.
/// </summary>
internal static class TorchThread
{
    private static readonly BlockingCollection<Action> Queue = [];
    private static readonly Thread Worker = StartWorker();

    /// <summary>Runs <paramref name="work"/> on the torch thread and returns its result (or rethrows its exception).</summary>
    public static T Invoke<T>(Func<T> work)
    {
        if (Thread.CurrentThread == Worker) return work();
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add(() =>
        {
            try
            {
                done.SetResult(work());
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
