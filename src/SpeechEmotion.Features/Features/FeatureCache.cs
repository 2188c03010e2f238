using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using SpeechEmotion.Audio;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Features;

/// <summary>
/// A file of feature matrices keyed by the SHA-256 of each source file's bytes, valid for one set of
/// <see cref="FeatureOptions"/>. A second run over the same corpus reads features instead of
/// recomputing them. Thread-safe; <see cref="Save"/> writes atomically (temp file + rename).
/// Opening reads the file once to check it but keeps only an index in memory: saved matrices are read from the
/// file when asked for (<see cref="TryGet"/>, <see cref="ReadRows"/>), so a process's memory does not grow with
/// the cache (a four-corpus cache with augmented copies is most of a gigabyte). Entries added since the last
/// <see cref="Save"/> are held in memory until it.
/// </summary>
/// <remarks>
/// File layout (little-endian): magic <c>SEFCACHE</c>, format version (int32), identity hash (32 bytes:
/// SHA-256 of the options JSON and the resampler), options JSON (int32 length + UTF-8, for people reading
/// the file), entry count (int32), then per entry: key (32 bytes), source name (int32 length + UTF-8,
/// -1 for none), frames and features (int32), frames * features float32 values (row-major); last, a SHA-256 of all the
/// bytes before it. A file with another version or identity, or one that is truncated or corrupt, is
/// ignored (the cache starts empty and <see cref="IgnoredReason"/> says why) and replaced on <see cref="Save"/>.
/// Matrices given to <see cref="Set"/> are kept, not copied, until the next save: do not modify one after it.
/// </remarks>
public sealed class FeatureCache : IDisposable
{
    /// <summary>Version of the file layout; files with another version are ignored.</summary>
    public const int FormatVersion = 1;

    private static readonly byte[] Magic = "SEFCACHE"u8.ToArray();
    private const int HashLength = 32;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly byte[] _identity;
    private readonly string _optionsJson;
    private readonly Lock _saveLock = new();
    // Readers of saved entries hold it shared; a save swaps the file (and every saved entry's offset) holding it exclusively.
    private readonly ReaderWriterLockSlim _fileLock = new(LockRecursionPolicy.NoRecursion);
    // The file the saved entries' offsets refer to, open for the cache's lifetime: another process saving the same
    // path renames a new file over it, which this handle does not see.
    private FileStream? _file;
    private bool _disposed;

    private FeatureCache(string path, FeatureOptions options, ResamplerBackend resampler)
    {
        Path = path;
        Options = options;
        Resampler = resampler;
        _optionsJson = options.ToJson();
        _identity = SHA256.HashData(Encoding.UTF8.GetBytes($"{_optionsJson}\nresampler={resampler}"));
    }

    /// <summary>The cache file.</summary>
    public string Path { get; }

    /// <summary>The feature settings every entry was computed with.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The resampler the entries were computed with (it is part of the cache's identity).</summary>
    public ResamplerBackend Resampler { get; }

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The content keys of all entries.</summary>
    public IReadOnlyCollection<string> Keys => [.. _entries.Keys];

    /// <summary>Why an existing file was not loaded (other options, other version, corrupt...), or null.</summary>
    public string? IgnoredReason { get; private set; }

    /// <summary>
    /// Opens <paramref name="path"/> if it exists and was written with equal options; otherwise starts empty
    /// (a file for other options is replaced on <see cref="Save"/>).
    /// </summary>
    public static FeatureCache OpenOrCreate(string path, FeatureOptions options) =>
        OpenOrCreate(path, options, Audio.Resampler.Backend);

    /// <summary>
    /// Opens <paramref name="path"/> if it exists and was written with equal options and the same resampler;
    /// otherwise starts empty. Never throws for a bad file: see <see cref="IgnoredReason"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public static FeatureCache OpenOrCreate(string path, FeatureOptions options, ResamplerBackend resampler)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var cache = new FeatureCache(System.IO.Path.GetFullPath(path), options, resampler);
        if (File.Exists(cache.Path))
            cache.Load();
        return cache;
    }

    /// <summary>The key of a source file: lowercase hex SHA-256 of its bytes.</summary>
    public static string ContentKey(ReadOnlySpan<byte> fileBytes) => Convert.ToHexStringLower(SHA256.HashData(fileBytes));

    /// <summary>Whether an entry with <paramref name="contentKey"/> exists (reads nothing).</summary>
    public bool Contains(string contentKey)
    {
        ArgumentNullException.ThrowIfNull(contentKey);
        return _entries.ContainsKey(contentKey);
    }

    /// <summary>Looks up the features of the file with <paramref name="contentKey"/> (a saved entry is read from the cache file).</summary>
    /// <exception cref="InvalidDataException">The cache file changed or was cut short since it was opened.</exception>
    public bool TryGet(string contentKey, out FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(contentKey);
        if (!_entries.TryGetValue(contentKey, out var entry))
        {
            features = null!;
            return false;
        }
        if (entry.Features is { } held)
        {
            features = held;
            return true;
        }
        var data = new float[(long)entry.Frames * entry.FeatureCount];
        ReadRows(contentKey, entry.Frames, data);
        features = new FeatureMatrix(data, entry.Frames, entry.FeatureCount);
        return true;
    }

    /// <summary>The frames and features per frame of an entry, without reading it.</summary>
    public bool TryGetShape(string contentKey, out int frames, out int features)
    {
        ArgumentNullException.ThrowIfNull(contentKey);
        var found = _entries.TryGetValue(contentKey, out var entry);
        (frames, features) = found ? (entry!.Frames, entry.FeatureCount) : (0, 0);
        return found;
    }

    /// <summary>
    /// Copies the first <paramref name="rows"/> frames of an entry (row-major) into <paramref name="destination"/>,
    /// from memory or from the cache file; the rest of <paramref name="destination"/> is left as it is.
    /// </summary>
    /// <exception cref="KeyNotFoundException">No such entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> is negative or more than the entry has, or <paramref name="destination"/> is too short.</exception>
    /// <exception cref="InvalidDataException">The cache file changed or was cut short since it was opened.</exception>
    public void ReadRows(string contentKey, int rows, Span<float> destination)
    {
        ArgumentNullException.ThrowIfNull(contentKey);
        _fileLock.EnterReadLock();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            // Looked up under the lock: a save moves saved entries to new offsets.
            if (!_entries.TryGetValue(contentKey, out var entry))
                throw new KeyNotFoundException($"The feature cache has no entry {contentKey}.");
            ArgumentOutOfRangeException.ThrowIfNegative(rows);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, entry.Frames);
            var values = rows * entry.FeatureCount;
            ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, values);
            if (entry.Features is { } held)
            {
                held.Data.AsSpan(0, values).CopyTo(destination);
                return;
            }
            var file = _file ?? throw new InvalidDataException($"{Path}: the feature cache file could not be opened again after a failed save.");
            if (!TryReadAt(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(destination[..values]), entry.Offset))
                throw new InvalidDataException($"{Path}: the feature cache was cut short after it was opened.");
        }
        finally
        {
            _fileLock.ExitReadLock();
        }
    }

    /// <summary>The source name stored with an entry, or null.</summary>
    public string? SourceName(string contentKey) =>
        _entries.TryGetValue(contentKey, out var entry) ? entry.SourceName : null;

    /// <summary>Adds or replaces an entry; <paramref name="sourceName"/> is kept for reports only.</summary>
    /// <exception cref="ArgumentException">The key is not a SHA-256 hex string or the matrix does not fit the options.</exception>
    public void Set(string contentKey, FeatureMatrix features, string? sourceName = null)
    {
        ArgumentNullException.ThrowIfNull(contentKey);
        ArgumentNullException.ThrowIfNull(features);
        if (contentKey.Length != 2 * HashLength || !contentKey.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{contentKey}' is not a SHA-256 key (64 hex digits).", nameof(contentKey));
        if (features.Features != Options.FeatureCount || Options.MaxFrames is { } max && features.Frames != max)
            throw new ArgumentException(
                $"A {features.Frames} x {features.Features} matrix does not fit this cache's options ({Options.MaxFrames?.ToString() ?? "any"} x {Options.FeatureCount}).",
                nameof(features));
        _entries[contentKey.ToLowerInvariant()] = Entry.Held(features, sourceName);
    }

    /// <summary>
    /// Writes the cache atomically (temp file in the same folder, then rename over the old file); afterwards every
    /// entry is read from the new file and the matrices held since the last save are let go.
    /// </summary>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public void Save()
    {
        lock (_saveLock)
        {
            _fileLock.EnterWriteLock();
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                var snapshot = _entries.ToArray();
                var offsets = new long[snapshot.Length];
                var written = false;
                try
                {
                    _file = AtomicFile.WriteAndOpen(Path, file =>
                    {
                        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                        var buffered = new BufferedStream(file, 1 << 16);
                        using (var writer = new BinaryWriter(new HashingStream(buffered, hash), Encoding.UTF8, leaveOpen: true))
                        {
                            writer.Write(Magic);
                            writer.Write(FormatVersion);
                            writer.Write(_identity);
                            WriteString(writer, _optionsJson);
                            writer.Write(snapshot.Length);
                            var copy = new byte[1 << 16];
                            for (var i = 0; i < snapshot.Length; i++)
                            {
                                var (key, entry) = snapshot[i];
                                writer.Write(Convert.FromHexString(key));
                                WriteString(writer, entry.SourceName);
                                writer.Write(entry.Frames);
                                writer.Write(entry.FeatureCount);
                                offsets[i] = buffered.Position;
                                if (entry.Features is { } held)
                                    writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(held.Data.AsSpan()));
                                else
                                    CopySavedData(entry, writer, copy);
                            }
                        }
                        buffered.Flush();
                        file.Write(hash.GetHashAndReset());
                        // The old file is closed before it is replaced (Windows refuses to replace an open file).
                        _file?.Dispose();
                        _file = null;
                    });
                    written = true;
                }
                finally
                {
                    // After a failed write the old file is still in place, and its entries where they were.
                    if (!written && _file is null && snapshot.Any(e => e.Value.Features is null))
                        _file = TryOpenForReading(Path);
                }
                if (written)
                {
                    for (var i = 0; i < snapshot.Length; i++)
                    {
                        var (key, entry) = snapshot[i];
                        // An entry replaced meanwhile keeps its new matrix until the next save.
                        _entries.TryUpdate(key, Entry.Saved(offsets[i], entry.Frames, entry.FeatureCount, entry.SourceName), entry);
                    }
                }
            }
            finally
            {
                _fileLock.ExitWriteLock();
            }
        }
    }

    /// <summary>Closes the cache file; the cache must not be used afterwards.</summary>
    public void Dispose()
    {
        _fileLock.EnterWriteLock();
        try
        {
            _file?.Dispose();
            _file = null;
            _disposed = true;
        }
        finally
        {
            _fileLock.ExitWriteLock();
        }
    }

    private void CopySavedData(Entry entry, BinaryWriter writer, byte[] buffer)
    {
        var left = (long)entry.Frames * entry.FeatureCount * sizeof(float);
        for (var offset = entry.Offset; left > 0;)
        {
            var chunk = buffer.AsSpan(0, (int)Math.Min(buffer.Length, left));
            if (!TryReadAt(_file!, chunk, offset))
                throw new IOException($"{Path}: the feature cache was cut short after it was opened.");
            writer.Write(chunk);
            left -= chunk.Length;
            offset += chunk.Length;
        }
    }

    // Fills `bytes` from `file` at `offset`; false when the file ends first.
    private static bool TryReadAt(FileStream file, Span<byte> bytes, long offset)
    {
        while (bytes.Length > 0)
        {
            var n = RandomAccess.Read(file.SafeFileHandle, bytes, offset);
            if (n == 0)
                return false;
            bytes = bytes[n..];
            offset += n;
        }
        return true;
    }

    private static FileStream? TryOpenForReading(string path)
    {
        try
        {
            return OpenForReading(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static FileStream OpenForReading(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16);

    private void Load()
    {
        FileStream? file = null;
        try
        {
            file = OpenForReading(Path);
            long payloadLength = file.Length - HashLength;
            if (payloadLength < Magic.Length + 4 + HashLength)
            {
                IgnoredReason = "too short to be a feature cache";
                return;
            }
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            using var reader = new BinaryReader(new HashingStream(file, hash, payloadLength), Encoding.UTF8, leaveOpen: true);
            if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
            {
                IgnoredReason = "not a feature cache file";
                return;
            }
            int version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                IgnoredReason = $"format version {version}, expected {FormatVersion}";
                return;
            }
            if (!reader.ReadBytes(HashLength).AsSpan().SequenceEqual(_identity))
            {
                IgnoredReason = "written for other feature options or another resampler";
                return;
            }
            ReadString(reader, payloadLength);
            int count = reader.ReadInt32();
            var loaded = new List<KeyValuePair<string, Entry>>(Math.Clamp(count, 0, 100_000));
            var skip = new byte[1 << 16];
            for (int i = 0; i < count; i++)
            {
                string key = Convert.ToHexStringLower(reader.ReadBytes(HashLength));
                string? name = ReadString(reader, payloadLength);
                int frames = reader.ReadInt32(), features = reader.ReadInt32();
                long values = (long)frames * features;
                if (frames < 0 || features <= 0 || values * sizeof(float) > payloadLength - file.Position)
                    throw new InvalidDataException($"entry {i} claims {frames} x {features} values, more than the file holds");
                // Only the index is kept; the values pass through the checksum and are read again when asked for.
                var offset = file.Position;
                for (var left = values * sizeof(float); left > 0;)
                {
                    var n = reader.BaseStream.Read(skip, 0, (int)Math.Min(skip.Length, left));
                    if (n == 0)
                        throw new EndOfStreamException();
                    left -= n;
                }
                loaded.Add(new(key, Entry.Saved(offset, frames, features, name)));
            }
            if (file.Position != payloadLength)
                throw new InvalidDataException("unexpected bytes after the last entry");
            var expected = new byte[HashLength];
            file.ReadExactly(expected);
            if (!hash.GetHashAndReset().AsSpan().SequenceEqual(expected))
                throw new InvalidDataException("checksum mismatch");
            foreach (var (key, entry) in loaded)
                _entries[key] = entry;
            // Kept open: the entries are read from this very file, whatever later replaces the path.
            _file = file;
            file = null;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException or DecoderFallbackException or OverflowException)
        {
            _entries.Clear();
            IgnoredReason = $"corrupt or truncated ({e.Message})";
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static void WriteString(BinaryWriter writer, string? value)
    {
        if (value is null)
        {
            writer.Write(-1);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static string? ReadString(BinaryReader reader, long limit)
    {
        int length = reader.ReadInt32();
        if (length == -1)
            return null;
        if (length < 0 || length > limit - reader.BaseStream.Position)
            throw new InvalidDataException($"a string claims {length} bytes, more than the file holds");
        return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(reader.ReadBytes(length));
    }

    /// <summary>An entry's shape and name, with its matrix held in memory (added since the last save) or its offset in the file.</summary>
    private sealed record Entry(FeatureMatrix? Features, long Offset, int Frames, int FeatureCount, string? SourceName)
    {
        public static Entry Held(FeatureMatrix features, string? name) => new(features, -1, features.Frames, features.Features, name);
        public static Entry Saved(long offset, int frames, int features, string? name) => new(null, offset, frames, features, name);
    }

    /// <summary>Passes bytes through to a stream (reads limited to a length) and hashes them.</summary>
    private sealed class HashingStream(Stream inner, IncrementalHash hash, long readLimit = long.MaxValue) : Stream
    {
        public override bool CanRead => inner.CanRead;
        public override bool CanSeek => false;
        public override bool CanWrite => inner.CanWrite;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            long left = readLimit - inner.Position;
            if (left <= 0)
                return 0;
            int n = inner.Read(buffer[..(int)Math.Min(buffer.Length, left)]);
            hash.AppendData(buffer[..n]);
            return n;
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            inner.Write(buffer);
        }
    }
}
