using System.Diagnostics;
using SpeechEmotion.Modeling;
using TorchSharp;

namespace SpeechEmotion.Inference;

/// <summary>
/// Runs the model windows of all callers through the network on one worker thread, as batches (dynamic batching,
/// as model servers do). A forward pass of 64 windows costs little more than one of a single window, so callers
/// that arrive together share passes instead of queueing for a lock. The worker takes whatever is waiting, up
/// to <c>maxBatch</c> windows; while other callers are still computing features (<see cref="Preparing"/>) it may hold
/// a batch that is not full until the oldest request's delay has passed. A lone caller (nothing waiting, nothing
/// running, nobody preparing) runs its windows on its own thread: handing them to the worker would only add a
/// thread switch, which costs milliseconds on a busy machine. Requests bigger than a batch (a long clip's windows)
/// are split over several passes; one pass runs at a time.
/// </summary>
internal sealed class ForwardQueue : IDisposable
{
    private readonly ModelBundle _bundle;
    private readonly int _maxBatch;
    private readonly int _threads;   // LibTorch threads for full batches
    private readonly int? _capacity;
    private readonly object _gate = new();
    private readonly LinkedList<Request> _waiting = new();
    private readonly Thread _worker;
    private int _waitingWindows;
    private int _preparing;
    private bool _running;   // a forward pass is under way (on the worker or inline)
    private bool _closed;
    private long _passes;       // counters for Statistics, written with Interlocked
    private long _windowsRun;

    /// <param name="bundle">The model.</param>
    /// <param name="maxBatch">Most windows per forward pass.</param>
    /// <param name="capacity">Most windows waiting before <see cref="Submit"/> refuses a request (null: no limit).</param>
    public ForwardQueue(ModelBundle bundle, int maxBatch, int? capacity)
    {
        _bundle = bundle;
        _threads = torch.get_num_threads();
        _maxBatch = maxBatch;
        _capacity = capacity;
        _worker = new Thread(Work) { IsBackground = true, Name = "SpeechEmotion forward passes" };
        _worker.Start();
    }

    /// <summary>Forward passes run so far (with <see cref="WindowsRun"/>: the mean batch size).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    /// <summary>Windows run through the network so far.</summary>
    public long WindowsRun => Interlocked.Read(ref _windowsRun);

    /// <summary>Windows waiting for a forward pass now.</summary>
    public int WaitingWindows
    {
        get { lock (_gate) return _waitingWindows; }
    }

    /// <summary>
    /// Says that the caller is computing windows it will submit soon; dispose the result when they are submitted
    /// (or have failed). The worker may hold a part-filled batch for such callers.
    /// </summary>
    public PreparingScope Preparing()
    {
        lock (_gate) _preparing++;
        return new PreparingScope(this);
    }

    /// <summary>
    /// Queues <paramref name="windows"/>; the task completes with their probabilities, in order, once every window has
    /// been through the network.
    /// </summary>
    /// <param name="windows">The windows (any number; more than a batch are split).</param>
    /// <param name="maxDelay">How long these windows may wait for others to fill a batch while callers are preparing.</param>
    /// <param name="bounded">
    /// True for single predictions: refused if the queue is full, and run on the calling thread when the queue is idle.
    /// False for callers that bound their own work and keep preparing while the worker runs (the pipeline).
    /// </param>
    /// <param name="cancellationToken">Cancels the request (its task is cancelled; windows not yet run are dropped).</param>
    /// <exception cref="RecognizerBusyException"><paramref name="bounded"/> and the queue already holds its capacity.</exception>
    public Task<float[][]> Submit(FeatureWindow[] windows, TimeSpan maxDelay, bool bounded, CancellationToken cancellationToken)
    {
        if (windows.Length == 0) return Task.FromResult(Array.Empty<float[]>());
        var request = new Request(windows, Stopwatch.GetTimestamp() + (long)(maxDelay.TotalSeconds * Stopwatch.Frequency));
        bool inline = false;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_closed, this);
            if (bounded && _waiting.Count == 0 && !_running && _preparing == 0)
                _running = inline = true;
            else
            {
                // A request is always taken when nothing waits, however big; otherwise the capacity holds.
                if (bounded && _capacity is int capacity && _waitingWindows > 0 && _waitingWindows + windows.Length > capacity)
                    throw new RecognizerBusyException(_waitingWindows, capacity);
                _waiting.AddLast(request);
                _waitingWindows += windows.Length;
                Monitor.Pulse(_gate);
            }
        }
        if (inline) return RunInline(request, cancellationToken);
        if (cancellationToken.CanBeCanceled)
        {
            // The worker drops a cancelled request's remaining windows when it reaches them.
            var registration = cancellationToken.Register(() => request.Completion.TrySetCanceled(cancellationToken));
            request.Completion.Task.ContinueWith(_ => registration.Dispose(), TaskScheduler.Default);
        }
        return request.Completion.Task;
    }

    /// <summary>Stops the worker after the requests already queued; later submissions throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_closed) return;
            _closed = true;
            Monitor.Pulse(_gate);
        }
        if (Thread.CurrentThread != _worker) _worker.Join();
    }

    /// <summary>Runs a lone caller's request on its thread, batch by batch; called with _running set.</summary>
    private Task<float[][]> RunInline(Request request, CancellationToken cancellationToken)
    {
        try
        {
            for (int start = 0; start < request.Windows.Length; start += _maxBatch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = Math.Min(_maxBatch, request.Windows.Length - start);
                var probabilities = Forward(new ArraySegment<FeatureWindow>(request.Windows, start, count));
                Array.Copy(probabilities, 0, request.Results, start, count);
            }
            return Task.FromResult(request.Results);
        }
        catch (OperationCanceledException e)
        {
            return Task.FromCanceled<float[][]>(e.CancellationToken.IsCancellationRequested ? e.CancellationToken : cancellationToken);
        }
        catch (Exception e)
        {
            return Task.FromException<float[][]>(e);
        }
        finally
        {
            lock (_gate)
            {
                _running = false;
                Monitor.Pulse(_gate);   // the worker may have requests that arrived meanwhile
            }
        }
    }

    private void Work()
    {
        var parts = new List<(Request Request, int Start, int Count)>();
        var batch = new List<FeatureWindow>(_maxBatch);
        while (true)
        {
            parts.Clear();
            batch.Clear();
            lock (_gate)
            {
                while (_running || _waiting.Count == 0)
                {
                    if (_closed && !_running && _waiting.Count == 0) return;   // closed and drained
                    Monitor.Wait(_gate);
                }
                HoldForMore();
                Take(parts, batch);
                _running = batch.Count > 0;
            }
            if (batch.Count == 0) continue;
            try
            {
                var probabilities = Forward(batch);
                int offset = 0;
                foreach (var (request, start, count) in parts)
                {
                    Array.Copy(probabilities, offset, request.Results, start, count);
                    offset += count;
                    if (Interlocked.Add(ref request.Done, count) == request.Windows.Length)
                        request.Completion.TrySetResult(request.Results);
                }
            }
            catch (Exception e)
            {
                foreach (var (request, _, _) in parts) request.Completion.TrySetException(e);
            }
            finally
            {
                lock (_gate) _running = false;
            }
        }
    }

    private float[][] Forward(IReadOnlyList<FeatureWindow> batch)
    {
        Interlocked.Increment(ref _passes);
        Interlocked.Add(ref _windowsRun, batch.Count);
        int wanted = batch.Count <= SmallBatch || Volatile.Read(ref _preparing) > 0 ? 1 : _threads, before = torch.get_num_threads();
        if (wanted != before) torch.set_num_threads(wanted);
        try
        {
            return _bundle.PredictProbabilities(batch);
        }
        finally
        {
            if (wanted != before) torch.set_num_threads(before);   // a caller's thread keeps its own setting
        }
    }

    // A pass of a few windows is a chain of small operations (the LSTM steps); with more than one thread each of them
    // waits for the team to wake (OpenMP's passive wait), which doubled batch-1 latency. Such passes run on one
    // thread, and so do passes while other callers are computing features (PredictMany's analysers): those keep the
    // other cores busy, and a team of threads contending with them made a 1440-clip run slower. Otherwise full
    // batches use all threads. The thread count is OpenMP's per-thread setting, so it is set on the thread that runs
    // the pass (the worker, or a lone caller's own thread), and restored after it.
    private const int SmallBatch = 4;

    // Under the lock: wait while the batch is not full, someone is preparing windows, and the oldest request may wait.
    private void HoldForMore()
    {
        while (!_closed && _preparing > 0 && _waitingWindows < _maxBatch)
        {
            long remaining = _waiting.First!.Value.NotAfter - Stopwatch.GetTimestamp();
            if (remaining <= 0) return;
            Monitor.Wait(_gate, TimeSpan.FromSeconds(Math.Max((double)remaining / Stopwatch.Frequency, 0.0005)));
        }
    }

    // Under the lock: up to a batch of windows from the oldest requests, skipping cancelled or failed ones.
    private void Take(List<(Request, int, int)> parts, List<FeatureWindow> batch)
    {
        while (_waiting.First is { } node && batch.Count < _maxBatch)
        {
            var request = node.Value;
            int left = request.Windows.Length - request.Taken;
            if (request.Completion.Task.IsCompleted)
            {
                _waiting.RemoveFirst();
                _waitingWindows -= left;
                continue;
            }
            int count = Math.Min(left, _maxBatch - batch.Count);
            parts.Add((request, request.Taken, count));
            batch.AddRange(request.Windows.AsSpan(request.Taken, count));
            request.Taken += count;
            _waitingWindows -= count;
            if (request.Taken == request.Windows.Length) _waiting.RemoveFirst();
        }
    }

    private void EndPreparing()
    {
        lock (_gate)
        {
            _preparing--;
            if (_preparing == 0) Monitor.Pulse(_gate);   // nothing more is coming: run what waits
        }
    }

    /// <summary>Ends a <see cref="Preparing"/> announcement.</summary>
    public readonly struct PreparingScope(ForwardQueue queue) : IDisposable
    {
        public void Dispose() => queue.EndPreparing();
    }

    private sealed class Request(FeatureWindow[] windows, long notAfter)
    {
        public FeatureWindow[] Windows { get; } = windows;
        public long NotAfter { get; } = notAfter;
        public float[][] Results { get; } = new float[windows.Length][];
        public TaskCompletionSource<float[][]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Taken;   // windows handed to the worker (under the queue's lock)
        public int Done;    // windows whose probabilities are in Results
    }
}
