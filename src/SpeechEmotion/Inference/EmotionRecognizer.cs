using System.Reflection;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using TorchSharp;

namespace SpeechEmotion.Inference;

/// <summary>
/// Predicts the emotion of speech clips with a trained model bundle. Feature settings, normalization,
/// front end (trimming, level normalisation) and label order all come from the bundle's manifest. Thread-safe: one
/// instance can serve concurrent <c>Predict</c> calls. Decoding and feature extraction run on the callers' threads in
/// parallel; their model windows go to one queue in front of the network, which runs them as batched forward passes
/// (callers that arrive together share a pass; a lone caller runs its own at once). <see cref="PredictMany"/> streams
/// any number of inputs through the same queue.
/// A clip longer than the model window (<see cref="FeatureOptions.MaxFrames"/> frames) is predicted from the
/// mean of the probabilities of windows that cover it (half a window apart), so a long recording is judged as a
/// whole; <see cref="PredictTimeline(AudioInput, double)"/> also returns each window.
/// </summary>
public sealed class EmotionRecognizer : IDisposable
{
    /// <summary>Name of the embedded resource holding the bundled model in the SpeechEmotion assembly.</summary>
    public const string DefaultModelResource = "SpeechEmotion.Models.default.semodel";

    private readonly ModelBundle _bundle;
    private readonly FeatureExtractor _extractor;
    private readonly AudioFrontEnd _frontEnd;
    private readonly string[] _labels;
    private readonly ForwardQueue _queue;
    private volatile bool _disposed;

    private EmotionRecognizer(ModelBundle bundle, RecognizerOptions options)
    {
        _bundle = bundle;
        Options = options;
        FeatureOptions = bundle.Manifest.FeatureOptions;
        // Features of the whole clip; windows are cut from them (what training saw is the first window).
        _extractor = new FeatureExtractor(FeatureOptions with { MaxFrames = null });
        _frontEnd = new AudioFrontEnd(bundle.Manifest.FrontEnd ?? FrontEndOptions.None);
        _labels = [.. bundle.Manifest.Labels];
        _queue = new ForwardQueue(bundle, options.MaxBatchSize, options.MaxQueuedWindows);
    }

    /// <summary>The options this recognizer was loaded with.</summary>
    public RecognizerOptions Options { get; }

    /// <summary>The bundle's manifest: labels, feature settings, normalization, architecture, metrics.</summary>
    public BundleManifest Manifest => _bundle.Manifest;

    /// <summary>The model's labels, in output order.</summary>
    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The feature settings the model was trained with (from the manifest).</summary>
    public FeatureOptions FeatureOptions { get; }

    /// <summary>Length of the model window in seconds; null when the model takes clips of any length.</summary>
    public double? WindowSeconds => FeatureOptions.MaxFrames is int frames ? FramesToSeconds(frames) : null;

    /// <summary>Forward passes and windows run so far, and windows waiting now: the mean batch size is <c>WindowsRun / ForwardPasses</c>.</summary>
    public RecognizerStatistics Statistics => new(_queue.Passes, _queue.WindowsRun, _queue.WaitingWindows);

    /// <summary>The queue in front of the network (tests hold it to make requests wait).</summary>
    internal ForwardQueue Queue => _queue;

    /// <summary>Loads a bundle file (<c>*.semodel</c>).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="InvalidDataException">Not a valid bundle (the message says what does not fit).</exception>
    /// <exception cref="ArgumentException">Invalid options, or the device is unknown or unavailable.</exception>
    public static EmotionRecognizer Load(string bundlePath, RecognizerOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(bundlePath);
        return Open(options, device => ModelBundle.Load(bundlePath, device));
    }

    /// <summary>Loads a bundle from a stream (read to its end; not disposed).</summary>
    /// <exception cref="InvalidDataException">Not a valid bundle.</exception>
    /// <exception cref="ArgumentException">Invalid options, or the device is unknown or unavailable.</exception>
    public static EmotionRecognizer Load(Stream bundle, RecognizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return Open(options, device => ModelBundle.Load(bundle, device));
    }

    /// <summary>Loads the model bundled in the SpeechEmotion assembly (resource <see cref="DefaultModelResource"/>).</summary>
    /// <exception cref="InvalidOperationException">This build carries no bundled model.</exception>
    public static EmotionRecognizer LoadDefault(RecognizerOptions? options = null) =>
        LoadDefault(typeof(EmotionRecognizer).Assembly, DefaultModelResource, options);

    internal static EmotionRecognizer LoadDefault(Assembly assembly, string resourceName, RecognizerOptions? options)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException(
                $"No bundled model: assembly {assembly.GetName().Name} has no resource '{resourceName}'. " +
                "Load a bundle file instead (EmotionRecognizer.Load(path), CLI --model, web Model:Path).");
        return Load(stream, options);
    }

    /// <summary>Predicts a WAV file.</summary>
    /// <exception cref="AudioFormatException">The file is not readable audio (the message names it).</exception>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    public EmotionPrediction Predict(string path) => Predict(AudioInput.FromFile(path));

    /// <summary>Predicts a WAV file held in a stream (read to its end; not disposed).</summary>
    /// <param name="audio">The WAV data.</param>
    /// <param name="name">Name for the result and error messages.</param>
    /// <exception cref="AudioFormatException">Not readable audio.</exception>
    public EmotionPrediction Predict(Stream audio, string? name = null) => Predict(AudioInput.FromStream(audio, name));

    /// <summary>Predicts mono samples in [-1, 1] at <paramref name="sampleRate"/> Hz.</summary>
    /// <exception cref="AudioFormatException">No samples, or NaN/infinite samples.</exception>
    public EmotionPrediction Predict(float[] samples, int sampleRate) => Predict(AudioInput.FromSamples(samples, sampleRate));

    /// <summary>Predicts one input (the mean over its windows when it is longer than one).</summary>
    /// <exception cref="AudioFormatException">Not readable audio (the message names the input).</exception>
    /// <exception cref="IOException">A file input cannot be read.</exception>
    public EmotionPrediction Predict(AudioInput input) => Predict(input, CancellationToken.None);

    /// <summary>Predicts one input as <see cref="Predict(AudioInput)"/>; stops with <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> fires.</summary>
    /// <exception cref="AudioFormatException">Not readable audio (the message names the input).</exception>
    /// <exception cref="OperationCanceledException">Cancelled (checked before decoding and before each forward pass).</exception>
    public EmotionPrediction Predict(AudioInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Single(input, hopSeconds: null, cancellationToken);
    }

    /// <summary>Reads a WAV file asynchronously, then predicts it.</summary>
    public async Task<EmotionPrediction> PredictAsync(string path, CancellationToken cancellationToken = default) =>
        await PredictAsync(await AudioInput.FromFile(path).BufferAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Reads a WAV stream asynchronously to its end, then predicts it.</summary>
    public async Task<EmotionPrediction> PredictAsync(Stream audio, string? name = null, CancellationToken cancellationToken = default) =>
        await PredictAsync(await AudioInput.FromStream(audio, name).BufferAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Predicts one input as <see cref="Predict(AudioInput)"/>, without blocking a thread while its windows wait for
    /// the network (decoding and features run on the calling thread). Concurrent calls share forward passes.
    /// </summary>
    /// <exception cref="AudioFormatException">Not readable audio (the message names the input).</exception>
    /// <exception cref="RecognizerBusyException">The queue is full (<see cref="RecognizerOptions.MaxQueuedWindows"/>).</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public Task<EmotionPrediction> PredictAsync(AudioInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return SingleAsync(input, hopSeconds: null, cancellationToken);
    }

    /// <summary><see cref="PredictTimeline(AudioInput, double, CancellationToken)"/> without blocking a thread while the windows wait for the network.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hopSeconds"/> is not positive and finite.</exception>
    /// <exception cref="RecognizerBusyException">The queue is full (<see cref="RecognizerOptions.MaxQueuedWindows"/>).</exception>
    public Task<EmotionPrediction> PredictTimelineAsync(AudioInput input, double hopSeconds = 1.0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckHop(hopSeconds);
        return SingleAsync(input, hopSeconds, cancellationToken);
    }

    /// <summary>
    /// Predicts one input and slides the model window over the whole clip every <paramref name="hopSeconds"/>;
    /// the last window is aligned to the clip's end. The result's probabilities are those of
    /// <see cref="Predict(AudioInput)"/> (the mean over windows half a window apart, whatever the hop);
    /// <see cref="EmotionPrediction.Timeline"/> holds every window of this hop.
    /// A clip no longer than one window gets a one-segment timeline.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hopSeconds"/> is not positive and finite.</exception>
    public EmotionPrediction PredictTimeline(AudioInput input, double hopSeconds = 1.0) =>
        PredictTimeline(input, hopSeconds, CancellationToken.None);

    /// <summary>
    /// <see cref="PredictTimeline(AudioInput, double)"/> that stops with <see cref="OperationCanceledException"/>
    /// when <paramref name="cancellationToken"/> fires: checked before decoding and before each batch of windows
    /// goes through the network, so a server stops working for a client that has gone.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hopSeconds"/> is not positive and finite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public EmotionPrediction PredictTimeline(AudioInput input, double hopSeconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        CheckHop(hopSeconds);
        return Single(input, hopSeconds, cancellationToken);
    }

    /// <summary>
    /// Predicts many inputs, their windows batched through the network. A failing item (unreadable,
    /// missing, not audio) gets an error message naming it; the others are still predicted.
    /// </summary>
    /// <param name="inputs">The clips; strings convert to file inputs.</param>
    /// <param name="timelineHopSeconds">When set, every prediction also carries a timeline with this hop.</param>
    /// <returns>One result per input, in input order.</returns>
    public IReadOnlyList<BatchPrediction> PredictBatch(IReadOnlyList<AudioInput> inputs, double? timelineHopSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return [.. PredictMany(inputs, timelineHopSeconds)];
    }

    /// <summary>
    /// Predicts a stream of inputs of any number and length, yielding each result in input order as soon as it is
    /// ready. Decoding and features of the next clips (on <see cref="RecognizerOptions.FeatureThreads"/> threads) overlap
    /// the forward passes of earlier ones, which run in full batches; memory stays bounded (at most
    /// <see cref="MaxClipsInFlight"/> clips, and <see cref="MaxFeatureBytesInFlight"/> of features, between reading
    /// and their answer). A failing item gets an error message naming it; the others are still predicted.
    /// Inputs are read lazily, as the results are consumed.
    /// </summary>
    /// <param name="inputs">The clips.</param>
    /// <param name="timelineHopSeconds">When set, every prediction also carries a timeline with this hop.</param>
    /// <param name="cancellationToken">Stops the enumeration (<see cref="OperationCanceledException"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timelineHopSeconds"/> is not positive and finite.</exception>
    public IEnumerable<BatchPrediction> PredictMany(IEnumerable<AudioInput> inputs, double? timelineHopSeconds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (timelineHopSeconds is double hop) CheckHop(hop);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Pipeline(inputs, timelineHopSeconds, cancellationToken);
    }

    /// <summary>Most clips <see cref="PredictMany"/> holds between reading them and yielding their answer.</summary>
    public int MaxClipsInFlight => 4 * Options.MaxBatchSize;

    /// <summary>Most bytes of features <see cref="PredictMany"/> holds for clips waiting for the network (one longer clip may exceed it alone).</summary>
    public long MaxFeatureBytesInFlight => 64L << 20;

    /// <summary>Releases the model. Do not call while predictions are running.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Dispose();
        _bundle.Dispose();
    }

    private static EmotionRecognizer Open(RecognizerOptions? options, Func<string, ModelBundle> load)
    {
        options ??= new RecognizerOptions();
        options.Validate();
        NativeMemoryTuning.Apply();
        if (options.Threads is int threads) torch.set_num_threads(threads);
        var bundle = load(options.Device);
        try
        {
            return new EmotionRecognizer(bundle, options);
        }
        catch
        {
            bundle.Dispose();
            throw;
        }
    }

    // How long a clip's windows may wait for other clips' in PredictMany: long enough to fill batches.
    private static readonly TimeSpan PipelineBatchDelay = TimeSpan.FromMilliseconds(250);

    private EmotionPrediction Single(AudioInput input, double? hopSeconds, CancellationToken cancellationToken)
    {
        var (clip, probabilities) = Start(input, hopSeconds, cancellationToken);
        return Finish(clip, probabilities.GetAwaiter().GetResult());
    }

    private async Task<EmotionPrediction> SingleAsync(AudioInput input, double? hopSeconds, CancellationToken cancellationToken)
    {
        var (clip, probabilities) = Start(input, hopSeconds, cancellationToken);
        return Finish(clip, await probabilities.ConfigureAwait(false));
    }

    /// <summary>Decodes and analyses the input on this thread and queues its windows; the task gives their probabilities.</summary>
    private (Clip Clip, Task<float[][]> Probabilities) Start(AudioInput input, double? hopSeconds, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Clip clip;
        // While this caller analyses, the worker may hold a part-filled batch for its windows.
        using (_queue.Preparing())
        {
            cancellationToken.ThrowIfCancellationRequested();
            clip = Analyze(input, hopSeconds);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return (clip, _queue.Submit(clip.Windows(FeatureOptions.MaxFrames), Options.BatchDelay, bounded: true, cancellationToken));
    }

    /// <summary>The pipeline behind <see cref="PredictMany"/>: clips start in input order, results are yielded in input order.</summary>
    private IEnumerable<BatchPrediction> Pipeline(IEnumerable<AudioInput> inputs, double? hopSeconds, CancellationToken cancellationToken)
    {
        var flight = new Flight(Options.FeatureThreads ?? Environment.ProcessorCount);
        var pending = new Queue<Task<BatchPrediction>>();
        try
        {
            foreach (var input in inputs)
            {
                while (pending.Count >= MaxClipsInFlight || (pending.Count > 0 && Volatile.Read(ref flight.FeatureBytes) > MaxFeatureBytesInFlight))
                    yield return pending.Dequeue().GetAwaiter().GetResult();
                cancellationToken.ThrowIfCancellationRequested();
                ArgumentNullException.ThrowIfNull(input, nameof(inputs));
                // Counted as preparing from now, so the worker fills batches with the clips that are coming.
                var preparing = _queue.Preparing();
                pending.Enqueue(Task.Run(() => PipelineItemAsync(input, hopSeconds, flight, preparing, cancellationToken)));
            }
            while (pending.Count > 0)
                yield return pending.Dequeue().GetAwaiter().GetResult();
        }
        finally
        {
            // Stopped early (the consumer broke off, cancelled or failed): the clips in flight end before their slots go.
            flight.Abandon();
            foreach (var task in pending)
                ((IAsyncResult)task).AsyncWaitHandle.WaitOne();
            flight.Dispose();
        }
    }

    private async Task<BatchPrediction> PipelineItemAsync(AudioInput input, double? hopSeconds, Flight flight, ForwardQueue.PreparingScope preparing, CancellationToken cancellationToken)
    {
        bool submitted = false;
        try
        {
            Clip clip;
            await flight.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (flight.Abandoned) throw new OperationCanceledException();
                clip = Analyze(input, hopSeconds);
            }
            catch (Exception e) when (IsInputError(e))
            {
                return new BatchPrediction(input.Name, null, Describe(e, input.Name));
            }
            finally
            {
                flight.Slots.Release();
            }
            long bytes = (long)clip.Features.Data.Length * sizeof(float);
            Interlocked.Add(ref flight.FeatureBytes, bytes);
            try
            {
                var probabilities = _queue.Submit(clip.Windows(FeatureOptions.MaxFrames), PipelineBatchDelay, bounded: false, cancellationToken);
                preparing.Dispose();
                submitted = true;
                return new BatchPrediction(input.Name, Finish(clip, await probabilities.ConfigureAwait(false)), null);
            }
            finally
            {
                Interlocked.Add(ref flight.FeatureBytes, -bytes);
            }
        }
        finally
        {
            if (!submitted) preparing.Dispose();
        }
    }

    /// <summary>The shared state of one <see cref="PredictMany"/> enumeration.</summary>
    private sealed class Flight(int featureThreads) : IDisposable
    {
        public readonly SemaphoreSlim Slots = new(featureThreads);
        public long FeatureBytes;
        public volatile bool Abandoned;

        public void Abandon() => Abandoned = true;

        public void Dispose() => Slots.Dispose();
    }

    private static bool IsInputError(Exception e) => e is AudioFormatException or IOException or UnauthorizedAccessException;

    /// <summary>The prediction of a clip from the probabilities of its windows (in <see cref="Clip.WindowStarts"/> order).</summary>
    private EmotionPrediction Finish(Clip clip, float[][] probabilities)
    {
        List<TimelineSegment>? timeline = null;
        if (clip.TimelineWindows is { } timelineWindows)
        {
            timeline = new List<TimelineSegment>(timelineWindows.Length);
            foreach (int w in timelineWindows)
            {
                var p = new LabelProbabilities(_labels, probabilities[w]);
                int best = EmotionPrediction.ArgMax(p.Values);
                int start = clip.WindowStarts[w];
                double end = Math.Min(clip.DurationSeconds, clip.OffsetSeconds + FramesToSeconds(start + clip.ValidFrames(w, FeatureOptions.MaxFrames)));
                timeline.Add(new TimelineSegment(clip.OffsetSeconds + FramesToSeconds(start), end, _labels[best], p.Values[best], p));
            }
        }
        return new EmotionPrediction(clip.Name, new LabelProbabilities(_labels, Mean(probabilities, clip.SummaryWindows)), clip.DurationSeconds, timeline);
    }

    private Clip Analyze(AudioInput input, double? hopSeconds)
    {
        var audio = input.Decode();
        // The front end works at the feature rate, as in training; timeline times stay those of the input.
        var processed = _frontEnd.Apply(AudioLoader.Resample(audio, FeatureOptions.SampleRate, _extractor.Resampler));
        var features = _extractor.Extract(processed.Audio);
        if (features.Frames == 0) throw new AudioFormatException(input.Name, "too short to analyse (no feature frames)");
        int window = FeatureOptions.MaxFrames ?? features.Frames;
        // The clip's answer always comes from windows half a window apart, so it does not depend on whether (or
        // with what hop) a timeline was asked for; the timeline's windows run in the same batches.
        var summary = WindowStarts(features.Frames, window, Math.Max(1, window / 2));
        var timeline = hopSeconds is double hop
            ? WindowStarts(features.Frames, window, Math.Max(1, (int)Math.Round(hop * FeatureOptions.SampleRate / FeatureOptions.HopLength)))
            : null;
        int[] starts = [.. summary.Concat(timeline ?? []).Distinct().Order()];
        var offset = (double)processed.TrimStart / FeatureOptions.SampleRate;
        return new Clip(input.Name, features, audio.DurationSeconds, starts, offset,
            [.. summary.Select(s => Array.IndexOf(starts, s))], timeline?.Select(s => Array.IndexOf(starts, s)).ToArray());
    }

    /// <summary>The mean of the probabilities of the windows at <paramref name="which"/> (the window's own when there is one).</summary>
    private static float[] Mean(float[][] windows, int[] which)
    {
        if (which.Length == 1) return windows[which[0]];
        var mean = new float[windows[which[0]].Length];
        foreach (int w in which)
            for (int k = 0; k < mean.Length; k++) mean[k] += windows[w][k] / which.Length;
        return mean;
    }

    /// <summary>Window starts: 0, hop, 2 hop, ... while a window ends before the clip does, then one window ending at the clip's end.</summary>
    internal static int[] WindowStarts(int frames, int window, int? hopFrames)
    {
        if (hopFrames is not int hop || frames <= window) return [0];
        var starts = new List<int>();
        for (int s = 0; s + window < frames; s += hop) starts.Add(s);
        if (starts[^1] + window < frames) starts.Add(frames - window);
        return [.. starts];
    }

    private double FramesToSeconds(int frames) => (double)frames * FeatureOptions.HopLength / FeatureOptions.SampleRate;

    private static void CheckHop(double hopSeconds)
    {
        if (!double.IsFinite(hopSeconds) || hopSeconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(hopSeconds), hopSeconds, "The timeline hop must be a positive number of seconds.");
    }

    /// <summary>A one-line message naming the input and the problem.</summary>
    private static string Describe(Exception e, string name) => e switch
    {
        AudioFormatException => e.Message,
        FileNotFoundException or DirectoryNotFoundException => $"{name}: file not found",
        UnauthorizedAccessException => $"{name}: permission denied",
        _ => $"{name}: {e.Message}",
    };

    /// <summary>A clip's full feature matrix, the start frames of its model windows (summary and timeline together), and where the front end's output starts in the input.</summary>
    // SummaryWindows: indices into WindowStarts of the windows the clip's answer averages; TimelineWindows: those of
    // the timeline, or null when no timeline was asked for.
    private sealed record Clip(string Name, FeatureMatrix Features, double DurationSeconds, int[] WindowStarts, double OffsetSeconds,
        int[] SummaryWindows, int[]? TimelineWindows)
    {
        public int ValidFrames(int window, int? maxFrames) =>
            Math.Min(maxFrames ?? Features.Frames, Features.Frames - WindowStarts[window]);

        /// <summary>Every model window of the clip, in <see cref="WindowStarts"/> order (views of <see cref="Features"/>, not copies).</summary>
        public FeatureWindow[] Windows(int? maxFrames)
        {
            var windows = new FeatureWindow[WindowStarts.Length];
            for (int w = 0; w < windows.Length; w++) windows[w] = new FeatureWindow(Features, WindowStarts[w], ValidFrames(w, maxFrames));
            return windows;
        }
    }
}
