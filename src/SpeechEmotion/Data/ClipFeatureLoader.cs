using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;

namespace SpeechEmotion.Data;

/// <summary>
/// Turns utterances into <see cref="LabeledClip"/>s through a <see cref="FeatureCache"/>: cached clips are read,
/// missing ones are extracted in parallel and added. The cache holds full-length features, so each clip knows
/// how many of its <see cref="FeatureOptions.MaxFrames"/> frames are real (<see cref="LabeledClip.ValidFrames"/>).
/// Augmented copies are cached under a key made of the content key, the recipe, the seed and the copy number.
/// </summary>
public sealed class ClipFeatureLoader
{
    private const int SaveEvery = 400;
    private readonly FeatureExtractor _extractor;
    private readonly int _maxFrames;
    private readonly int _parallelism;

    /// <summary>Creates a loader.</summary>
    /// <param name="options">Feature settings; <see cref="FeatureOptions.MaxFrames"/> must be set (clips are padded or cut to it).</param>
    /// <param name="cachePath">Cache file (created on first save).</param>
    /// <param name="maxParallelism">Extraction threads; default = processor count.</param>
    /// <exception cref="ArgumentException"><see cref="FeatureOptions.MaxFrames"/> is null.</exception>
    public ClipFeatureLoader(FeatureOptions options, string cachePath, int? maxParallelism = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(cachePath);
        if (options.MaxFrames is not int maxFrames || maxFrames <= 0)
            throw new ArgumentException("feature options: max_frames must be a positive number for training (fixed-length batches).", nameof(options));
        Options = options;
        _maxFrames = maxFrames;
        _parallelism = Math.Max(1, maxParallelism ?? Environment.ProcessorCount);
        // Full-length features are cached; padding or cutting to MaxFrames happens on the way out.
        Cache = FeatureCache.OpenOrCreate(cachePath, options with { MaxFrames = null });
        _extractor = new FeatureExtractor(Cache.Options, Cache.Resampler);
    }

    /// <summary>The feature settings of the clips produced.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The cache in use.</summary>
    public FeatureCache Cache { get; }

    /// <summary><c>features-&lt;hash&gt;.bin</c>, the hash being that of the feature settings, so different settings never share a file.</summary>
    public static string DefaultCacheFileName(FeatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = JsonSerializer.Serialize(options with { MaxFrames = null }, DataJson.Options);
        return $"features-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12]}.bin";
    }

    /// <summary>Features of <paramref name="utterances"/> as they are.</summary>
    public FeatureLoadResult Load(IReadOnlyList<Utterance> utterances, IProgress<FeatureLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        return Run(utterances.Select(u => (u, 0)).ToArray(), null, 0, progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="AugmentationOptions.Copies"/> augmented copies of each utterance (copy k of utterance u at index
    /// <c>u * Copies + k - 1</c>); the originals are not included.
    /// </summary>
    public FeatureLoadResult LoadAugmented(IReadOnlyList<Utterance> utterances, AugmentationOptions augmentation, int seed,
        IProgress<FeatureLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        var augmenter = new WaveformAugmenter(augmentation);
        var requests = utterances.SelectMany(u => Enumerable.Range(1, augmentation.Copies).Select(k => (u, k))).ToArray();
        return Run(requests, augmenter, seed, progress, cancellationToken);
    }

    private FeatureLoadResult Run((Utterance Utterance, int Copy)[] requests, WaveformAugmenter? augmenter, int seed,
        IProgress<FeatureLoadProgress>? progress, CancellationToken cancellationToken)
    {
        var clips = new LabeledClip?[requests.Length];
        var contentKeys = new string?[requests.Length];
        var problems = new ConcurrentBag<(int Index, string Message)>();
        int done = 0, extracted = 0, unsaved = 0;
        try
        {
            Parallel.For(0, requests.Length, new ParallelOptions { MaxDegreeOfParallelism = _parallelism, CancellationToken = cancellationToken }, i =>
            {
                var (utterance, copy) = requests[i];
                var id = copy == 0 ? utterance.FileName : $"{utterance.FileName}#aug{copy}";
                try
                {
                    var bytes = File.ReadAllBytes(utterance.Path);
                    var contentKey = contentKeys[i] = FeatureCache.ContentKey(bytes);
                    var key = augmenter is null ? contentKey : AugmentedKey(contentKey, augmenter.Options, seed, copy);
                    if (!Cache.TryGet(key, out var features))
                    {
                        var audio = AudioLoader.Resample(WavReader.Read(bytes, utterance.FileName), Options.SampleRate, Cache.Resampler);
                        if (augmenter is not null)
                            audio = augmenter.Apply(audio, seed, contentKey, copy);
                        features = _extractor.Extract(audio);
                        Cache.Set(key, features, id);
                        Interlocked.Increment(ref extracted);
                        if (Interlocked.Increment(ref unsaved) % SaveEvery == 0)
                            Cache.Save();   // keeps most of the work if the process is killed
                    }
                    clips[i] = new LabeledClip(id, FitFrames(features), utterance.Label, Math.Min(features.Frames, _maxFrames));
                }
                catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
                {
                    problems.Add((i, $"{utterance.Path}: {e.Message}; skipped"));
                }
                progress?.Report(new FeatureLoadProgress(Interlocked.Increment(ref done), requests.Length, Volatile.Read(ref extracted)));
            });
        }
        finally
        {
            if (Volatile.Read(ref unsaved) > 0)
                Cache.Save();
        }

        var lines = problems.OrderBy(p => p.Index).Select(p => p.Message).ToList();
        if (augmenter is null)
            lines.AddRange(IdenticalFiles(requests, contentKeys));
        var loaded = clips.Where(c => c is not null).Select(c => c!).ToArray();
        return new FeatureLoadResult(loaded, lines, loaded.Length - Math.Min(loaded.Length, extracted), extracted);
    }

    private static IEnumerable<string> IdenticalFiles((Utterance Utterance, int Copy)[] requests, string?[] contentKeys) =>
        Enumerable.Range(0, requests.Length)
            .Where(i => contentKeys[i] is not null)
            .GroupBy(i => contentKeys[i])
            .Where(g => g.Count() > 1)
            .Select(g => $"byte-identical files (all kept): {string.Join(", ", g.Select(i => requests[i].Utterance.FileName))}");

    private static string AugmentedKey(string contentKey, AugmentationOptions options, int seed, int copy) =>
        FeatureCache.ContentKey(Encoding.UTF8.GetBytes($"{contentKey}|{options.Recipe}|seed{seed}|copy{copy}"));

    /// <summary>Pads with zero rows or cuts trailing frames to <see cref="FeatureOptions.MaxFrames"/>.</summary>
    private FeatureMatrix FitFrames(FeatureMatrix features)
    {
        if (features.Frames == _maxFrames)
            return features;
        var data = new float[_maxFrames * features.Features];
        Array.Copy(features.Data, data, Math.Min(features.Data.Length, data.Length));
        return new FeatureMatrix(data, _maxFrames, features.Features);
    }
}
