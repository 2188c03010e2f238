using SpeechEmotion.Features;

namespace SpeechEmotion.Data;

/// <summary>
/// A clip's feature matrix <c>[frames, features]</c>, either held in memory or kept in a <see cref="FeatureCache"/>
/// file and read each time it is needed. Clips loaded for training are the second kind, so a run's memory holds the
/// batch being built, not every clip and augmented copy of its corpora; the operating system's file cache keeps
/// re-reading cheap while memory allows.
/// </summary>
public sealed class ClipFeatures
{
    private readonly FeatureMatrix? _matrix;
    private readonly FeatureCache? _cache;
    private readonly string? _key;

    private ClipFeatures(FeatureMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        _matrix = matrix;
        Frames = matrix.Frames;
        FeatureCount = matrix.Features;
    }

    private ClipFeatures(FeatureCache cache, string key, int frames, int featureCount)
    {
        _cache = cache;
        _key = key;
        Frames = frames;
        FeatureCount = featureCount;
    }

    /// <summary>Number of frames (rows).</summary>
    public int Frames { get; }

    /// <summary>Number of features per frame (columns).</summary>
    public int FeatureCount { get; }

    /// <summary>Whether the matrix is held in memory (true) or read from a cache file when needed.</summary>
    public bool InMemory => _matrix is not null;

    /// <summary>Wraps a matrix held in memory (not copied).</summary>
    public static implicit operator ClipFeatures(FeatureMatrix matrix) => new(matrix);

    /// <summary>The first <paramref name="maxFrames"/> frames (at most) of the cache entry <paramref name="contentKey"/>, read from the cache when needed.</summary>
    /// <exception cref="KeyNotFoundException">The cache has no such entry.</exception>
    public static ClipFeatures FromCache(FeatureCache cache, string contentKey, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFrames);
        if (!cache.TryGetShape(contentKey, out var frames, out var features))
            throw new KeyNotFoundException($"The feature cache has no entry {contentKey}.");
        return new ClipFeatures(cache, contentKey, Math.Min(frames, maxFrames), features);
    }

    /// <summary>The matrix: the one held, or a new copy read from the cache.</summary>
    /// <exception cref="InvalidDataException">The cache file changed or was cut short since it was opened.</exception>
    public FeatureMatrix Load()
    {
        if (_matrix is not null)
            return _matrix;
        var data = new float[(long)Frames * FeatureCount];
        CopyRows(Frames, data);
        return new FeatureMatrix(data, Frames, FeatureCount);
    }

    /// <summary>Copies the first <paramref name="rows"/> frames (row-major) into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative or over <see cref="Frames"/>, or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="InvalidDataException">The cache file changed or was cut short since it was opened.</exception>
    public void CopyRows(int rows, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, Frames);
        if (_matrix is not null)
            _matrix.Data.AsSpan(0, rows * FeatureCount).CopyTo(destination);
        else
            _cache!.ReadRows(_key!, rows, destination);
    }
}
