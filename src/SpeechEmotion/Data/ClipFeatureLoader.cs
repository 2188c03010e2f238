using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SpeechEmotion.Audio;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;

namespace SpeechEmotion.Data;

/// <summary>
/// Turns corpus items into <see cref="LabeledClip"/>s through a <see cref="FeatureCache"/>: cached clips are read,
/// missing ones are decoded, passed through the front end (<see cref="FrontEndOptions"/>) and extracted in parallel,
/// then added. The cache holds full-length features; a clip is its first <see cref="FeatureOptions.MaxFrames"/> frames
/// (at most, no padding), read from the cache file whenever it is used (<see cref="ClipFeatures"/>), so memory does not
/// grow with the number of clips.
/// Augmented copies (augmentation runs before the front end, as a recording would) are cached under a key made
/// of the content key, the recipe, the seed and the copy number.
/// </summary>
public sealed class ClipFeatureLoader
{
    private const int SaveEvery = 400;
    private readonly FeatureExtractor _extractor;
    private readonly AudioFrontEnd _frontEnd;
    private readonly string _frontEndKey;
    private readonly int _maxFrames;
    private readonly int _parallelism;

    /// <summary>Creates a loader.</summary>
    /// <param name="options">Feature settings; <see cref="FeatureOptions.MaxFrames"/> must be set (clips are padded or cut to it).</param>
    /// <param name="cachePath">Cache file (created on first save).</param>
    /// <param name="maxParallelism">Extraction threads; default = processor count.</param>
    /// <param name="frontEnd">Waveform processing before the features; null = none (<see cref="FrontEndOptions.None"/>).</param>
    /// <exception cref="ArgumentException"><see cref="FeatureOptions.MaxFrames"/> is null, or invalid front-end options.</exception>
    public ClipFeatureLoader(FeatureOptions options, string cachePath, int? maxParallelism = null, FrontEndOptions? frontEnd = null)
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
        FrontEnd = frontEnd ?? FrontEndOptions.None;
        _frontEnd = new AudioFrontEnd(FrontEnd);
        _frontEndKey = FrontEnd.IsIdentity ? "" : FrontEnd.ToJson();
    }

    /// <summary>The front end applied before feature extraction.</summary>
    public FrontEndOptions FrontEnd { get; }

    /// <summary>The feature settings of the clips produced.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The cache in use.</summary>
    public FeatureCache Cache { get; }

    /// <summary><c>features-&lt;hash&gt;.bin</c>, the hash being that of the feature and front-end settings, so different settings never share a file.</summary>
    public static string DefaultCacheFileName(FeatureOptions options, FrontEndOptions? frontEnd = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = JsonSerializer.Serialize(options with { MaxFrames = null }, DataJson.Options);
        if (frontEnd is { IsIdentity: false })
            json += "\n" + frontEnd.ToJson();
        return $"features-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..12]}.bin";
    }

    /// <summary>Features of <paramref name="items"/> as they are; a clip's label is its item's <see cref="MappedItem.Label"/>.</summary>
    public FeatureLoadResult Load(IReadOnlyList<MappedItem> items, IProgress<FeatureLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        return Run(items.Select(u => (u, 0)).ToArray(), null, 0, progress, cancellationToken);
    }

    /// <summary>
    /// <see cref="AugmentationOptions.Copies"/> augmented copies of each utterance (copy k of utterance u at index
    /// <c>u * Copies + k - 1</c>); the originals are not included.
    /// </summary>
    public FeatureLoadResult LoadAugmented(IReadOnlyList<MappedItem> items, AugmentationOptions augmentation, int seed,
        IProgress<FeatureLoadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var augmenter = new WaveformAugmenter(augmentation);
        var requests = items.SelectMany(u => Enumerable.Range(1, augmentation.Copies).Select(k => (u, k))).ToArray();
        return Run(requests, augmenter, seed, progress, cancellationToken);
    }

    private FeatureLoadResult Run((MappedItem Item, int Copy)[] requests, WaveformAugmenter? augmenter, int seed,
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
                var (mapped, copy) = requests[i];
                var item = mapped.Item;
                var id = copy == 0 ? item.Id : $"{item.Id}#aug{copy}";
                try
                {
                    var bytes = File.ReadAllBytes(item.Path);
                    var contentKey = contentKeys[i] = FeatureCache.ContentKey(bytes);
                    var key = augmenter is null ? contentKey : AugmentedKey(contentKey, augmenter.Options, seed, copy);
                    if (_frontEndKey.Length > 0)
                        key = FeatureCache.ContentKey(Encoding.UTF8.GetBytes($"{key}|{_frontEndKey}"));
                    if (!Cache.Contains(key))
                    {
                        var audio = AudioLoader.Resample(AudioReader.Read(bytes, Path.GetFileName(item.Path)), Options.SampleRate, Cache.Resampler);
                        if (augmenter is not null)
                            audio = augmenter.Apply(audio, seed, contentKey, copy);
                        audio = _frontEnd.Apply(audio).Audio;
                        var features = _extractor.Extract(audio);
                        Cache.Set(key, features, id);
                        Interlocked.Increment(ref extracted);
                        if (Interlocked.Increment(ref unsaved) % SaveEvery == 0)
                            TrySave(problems);   // keeps most of the work if the process is killed
                    }
                    var window = ClipFeatures.FromCache(Cache, key, _maxFrames);
                    if (window.Frames == 0)
                        throw new InvalidDataException("no feature frames (empty audio)");
                    clips[i] = new LabeledClip(id, window, mapped.Label, window.Frames) { Corpus = item.Corpus };
                }
                catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
                {
                    problems.Add((i, $"{item.Path}: {e.Message}; skipped"));
                }
                progress?.Report(new FeatureLoadProgress(Interlocked.Increment(ref done), requests.Length, Volatile.Read(ref extracted)));
            });
        }
        finally
        {
            if (Volatile.Read(ref unsaved) > 0)
                TrySave(problems);
        }

        var lines = problems.OrderBy(p => p.Index).Select(p => p.Message).Distinct().ToList();   // one line for repeated failed saves
        if (augmenter is null)
            lines.AddRange(IdenticalFiles(requests, contentKeys));
        var loaded = clips.Where(c => c is not null).Select(c => c!).ToArray();
        return new FeatureLoadResult(loaded, lines, loaded.Length - Math.Min(loaded.Length, extracted), extracted);
    }

    // A cache that cannot be written (a read-only folder, a full disk, a file another process holds on Windows) costs
    // the next run the extraction again, not this run its clips: unsaved features stay in memory, and the problem is reported.
    private void TrySave(ConcurrentBag<(int Index, string Message)> problems)
    {
        try
        {
            Cache.Save();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add((int.MaxValue, $"feature cache not saved, features kept in memory: {e.Message}"));
        }
    }

    private static IEnumerable<string> IdenticalFiles((MappedItem Item, int Copy)[] requests, string?[] contentKeys) =>
        Enumerable.Range(0, requests.Length)
            .Where(i => contentKeys[i] is not null)
            .GroupBy(i => contentKeys[i])
            .Where(g => g.Count() > 1)
            .Select(g => $"byte-identical files (all kept): {string.Join(", ", g.Select(i => requests[i].Item.Item.Id))}");

    private static string AugmentedKey(string contentKey, AugmentationOptions options, int seed, int copy) =>
        FeatureCache.ContentKey(Encoding.UTF8.GetBytes($"{contentKey}|{options.Recipe}|seed{seed}|copy{copy}"));
}
