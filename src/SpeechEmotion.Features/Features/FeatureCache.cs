namespace SpeechEmotion.Features;

/// <summary>
/// A file of feature matrices keyed by the SHA-256 of each source file's bytes, valid for one set of
/// <see cref="FeatureOptions"/>. A second run over the same corpus reads features instead of
/// recomputing them. Thread-safe; <see cref="Save"/> writes atomically (temp file + rename).
/// </summary>
public sealed class FeatureCache
{
    private FeatureCache(string path, FeatureOptions options)
    {
        Path = path;
        Options = options;
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>The feature settings every entry was computed with.</summary>
    public FeatureOptions Options { get; }

    /// <summary>Number of entries.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>
    /// Opens <paramref name="path"/> if it exists and was written with equal options; otherwise starts empty
    /// (a file for other options is replaced on <see cref="Save"/>).
    /// </summary>
    public static FeatureCache OpenOrCreate(string path, FeatureOptions options) => new(path, options);

    /// <summary>The key of a source file: lowercase hex SHA-256 of its bytes.</summary>
    public static string ContentKey(ReadOnlySpan<byte> fileBytes) => throw new NotImplementedException();

    /// <summary>Looks up the features of the file with <paramref name="contentKey"/>.</summary>
    public bool TryGet(string contentKey, out FeatureMatrix features) => throw new NotImplementedException();

    /// <summary>Adds or replaces an entry; <paramref name="sourceName"/> is kept for reports only.</summary>
    public void Set(string contentKey, FeatureMatrix features, string? sourceName = null) => throw new NotImplementedException();

    /// <summary>Writes the cache atomically.</summary>
    public void Save() => throw new NotImplementedException();
}
