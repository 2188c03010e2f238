using System.Reflection;
using System.Runtime.ExceptionServices;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using TorchSharp;

namespace SpeechEmotion.Inference;

/// <summary>
/// Predicts the emotion of speech clips with a trained model bundle. Feature settings, normalization
/// front end (trimming, level normalisation) and label order all come from the bundle's manifest. Thread-safe: one instance can serve concurrent
/// <c>Predict</c> calls (decoding and feature extraction run on the callers' threads in parallel; forward
/// passes run one at a time).
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
        Predict(await AudioInput.FromFile(path).BufferAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Reads a WAV stream asynchronously to its end, then predicts it.</summary>
    public async Task<EmotionPrediction> PredictAsync(Stream audio, string? name = null, CancellationToken cancellationToken = default) =>
        Predict(await AudioInput.FromStream(audio, name).BufferAsync(cancellationToken).ConfigureAwait(false));

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
        if (timelineHopSeconds is double hop) CheckHop(hop);
        var (predictions, errors) = Run(inputs, timelineHopSeconds);
        var results = new BatchPrediction[inputs.Count];
        for (int i = 0; i < results.Length; i++)
        {
            results[i] = new BatchPrediction(inputs[i].Name, predictions[i], errors[i] is { } e ? Describe(e, inputs[i].Name) : null);
        }
        return results;
    }

    /// <summary>Releases the model. Do not call while predictions are running.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _bundle.Dispose();
    }

    private static EmotionRecognizer Open(RecognizerOptions? options, Func<string, ModelBundle> load)
    {
        options ??= new RecognizerOptions();
        options.Validate();
        NativeMemoryTuning.Apply();
        var bundle = NativeCallGuard.Run(() =>
        {
            if (options.Threads is int threads) torch.set_num_threads(threads);
            return load(options.Device);
        });
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

    private EmotionPrediction Single(AudioInput input, double? hopSeconds, CancellationToken cancellationToken)
    {
        var (predictions, errors) = Run([input], hopSeconds, cancellationToken);
        if (errors[0] is { } error) ExceptionDispatchInfo.Throw(error);
        return predictions[0]!;
    }

    /// <summary>Decodes and extracts every input (in parallel), then runs all their windows in batches.</summary>
    private (EmotionPrediction?[] Predictions, Exception?[] Errors) Run(IReadOnlyList<AudioInput> inputs, double? hopSeconds, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        int n = inputs.Count;
        var clips = new Clip?[n];
        var errors = new Exception?[n];
        void Prepare(int i)
        {
            try
            {
                clips[i] = Analyze(inputs[i], hopSeconds);
            }
            catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException)
            {
                errors[i] = e;
            }
        }
        if (n == 1) Prepare(0);
        else Parallel.For(0, n, Prepare);

        var windows = new List<(int Clip, int Window)>();
        for (int i = 0; i < n; i++)
        {
            for (int w = 0; w < (clips[i]?.WindowStarts.Length ?? 0); w++) windows.Add((i, w));
        }
        var probabilities = new float[n][][];
        for (int i = 0; i < n; i++) probabilities[i] = new float[clips[i]?.WindowStarts.Length ?? 0][];
        foreach (var chunk in windows.Chunk(Options.MaxBatchSize))
        {
            int length = FeatureOptions.MaxFrames ?? chunk.Max(c => clips[c.Clip]!.ValidFrames(c.Window, null));
            var batch = new FeatureMatrix[chunk.Length];
            var valid = new int[chunk.Length];
            for (int k = 0; k < chunk.Length; k++)
            {
                var clip = clips[chunk[k].Clip]!;
                valid[k] = clip.ValidFrames(chunk[k].Window, FeatureOptions.MaxFrames);
                batch[k] = clip.Window(chunk[k].Window, valid[k], length);
            }
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            float[][] output = NativeCallGuard.Run(() => _bundle.PredictProbabilities(batch, valid));
            for (int k = 0; k < chunk.Length; k++) probabilities[chunk[k].Clip][chunk[k].Window] = output[k];
        }

        var predictions = new EmotionPrediction?[n];
        for (int i = 0; i < n; i++)
        {
            if (clips[i] is not { } clip) continue;
            List<TimelineSegment>? timeline = null;
            if (clip.TimelineWindows is { } timelineWindows)
            {
                timeline = new List<TimelineSegment>(timelineWindows.Length);
                foreach (int w in timelineWindows)
                {
                    var p = new LabelProbabilities(_labels, probabilities[i][w]);
                    int best = EmotionPrediction.ArgMax(p.Values);
                    int start = clip.WindowStarts[w];
                    double end = Math.Min(clip.DurationSeconds, clip.OffsetSeconds + FramesToSeconds(start + clip.ValidFrames(w, FeatureOptions.MaxFrames)));
                    timeline.Add(new TimelineSegment(clip.OffsetSeconds + FramesToSeconds(start), end, _labels[best], p.Values[best], p));
                }
            }
            predictions[i] = new EmotionPrediction(clip.Name, new LabelProbabilities(_labels, Mean(probabilities[i], clip.SummaryWindows)), clip.DurationSeconds, timeline);
        }
        return (predictions, errors);
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

        /// <summary>Rows [start, start + valid) followed by zero rows up to <paramref name="length"/>.</summary>
        public FeatureMatrix Window(int window, int valid, int length)
        {
            int start = WindowStarts[window], width = Features.Features;
            if (start == 0 && valid == Features.Frames && length == valid) return Features;
            var data = new float[length * width];
            Array.Copy(Features.Data, start * width, data, 0, valid * width);
            return new FeatureMatrix(data, length, width);
        }
    }
}
