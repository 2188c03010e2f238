using SpeechEmotion.Audio;
using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Features;

public sealed class FeatureCacheTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("feature-cache-").FullName;
    private static readonly FeatureOptions Small = new() { MaxFrames = 4, NMfcc = 2, NMels = 8 };

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string CachePath => Path.Combine(_dir, "features.cache");

    private static FeatureMatrix Matrix(float seed) =>
        new(Enumerable.Range(0, 4 * 7).Select(i => seed + i * 0.25f).ToArray(), 4, 7);

    private static string Key(string text) => FeatureCache.ContentKey(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ContentKey_IsLowercaseSha256Hex()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FeatureCache.ContentKey("abc"u8));
    }

    [Fact]
    public void Save_ThenOpen_ReturnsEveryEntry()
    {
        // Given a cache with two entries, saved
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        cache.Set(Key("a"), Matrix(1), "a.wav");
        cache.Set(Key("b"), Matrix(2));
        cache.Save();

        // When it is opened again with the same options
        var reopened = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);

        // Then both matrices and names come back exactly
        Assert.Null(reopened.IgnoredReason);
        Assert.Equal(2, reopened.Count);
        Assert.True(reopened.TryGet(Key("a"), out var a));
        Assert.Equal(Matrix(1).Data, a.Data);
        Assert.Equal("a.wav", reopened.SourceName(Key("a")));
        Assert.Null(reopened.SourceName(Key("b")));
        Assert.False(reopened.TryGet(Key("c"), out _));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void Open_WithOtherOptions_StartsEmpty()
    {
        // Given a cache saved for some options
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        cache.Set(Key("a"), Matrix(1));
        cache.Save();

        // When it is opened with another hop length, or another resampler
        var other = FeatureCache.OpenOrCreate(CachePath, Small with { HopLength = 256, RmsHopLength = 256 }, ResamplerBackend.Soxr);
        var managed = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Managed);

        // Then nothing is reused and the reason is given
        Assert.Equal(0, other.Count);
        Assert.Equal(0, managed.Count);
        Assert.Contains("other feature options", other.IgnoredReason);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(60)]
    [InlineData(200)]
    [InlineData(-1)]
    public void Open_TruncatedFile_StartsEmptyWithoutThrowing(int keepBytes)
    {
        // Given a saved cache cut short (or with its last byte removed)
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        cache.Set(Key("a"), Matrix(1));
        cache.Set(Key("b"), Matrix(2));
        cache.Save();
        var bytes = File.ReadAllBytes(CachePath);
        File.WriteAllBytes(CachePath, bytes[..(keepBytes < 0 ? bytes.Length - 1 : keepBytes)]);

        // When it is opened
        var reopened = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);

        // Then it is empty and says why
        Assert.Equal(0, reopened.Count);
        Assert.NotNull(reopened.IgnoredReason);
    }

    [Fact]
    public void Open_FlippedDataByte_IsDetectedAsCorrupt()
    {
        // Given a saved cache with one byte of a matrix changed
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        cache.Set(Key("a"), Matrix(1));
        cache.Save();
        var bytes = File.ReadAllBytes(CachePath);
        bytes[^40] ^= 0x10;
        File.WriteAllBytes(CachePath, bytes);

        // When it is opened
        var reopened = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);

        // Then the checksum rejects it
        Assert.Equal(0, reopened.Count);
        Assert.Contains("checksum", reopened.IgnoredReason);
    }

    [Fact]
    public void Open_HostileEntrySize_DoesNotAllocateIt()
    {
        // Given a cache whose entry claims 2^31 - 1 frames
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        cache.Set(Key("a"), Matrix(1));
        cache.Save();
        var bytes = File.ReadAllBytes(CachePath);
        int framesAt = bytes.Length - 32 - 4 * 28 - 8;
        BitConverter.GetBytes(int.MaxValue).CopyTo(bytes, framesAt);
        File.WriteAllBytes(CachePath, bytes);

        // When it is opened
        var reopened = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);

        // Then it is refused as corrupt
        Assert.Equal(0, reopened.Count);
        Assert.Contains("more than the file holds", reopened.IgnoredReason);
    }

    [Fact]
    public void Open_NotACache_StartsEmpty()
    {
        File.WriteAllText(CachePath, string.Concat(Enumerable.Repeat("this is a text file, not a feature cache. ", 10)));
        var cache = FeatureCache.OpenOrCreate(CachePath, Small);
        Assert.Equal(0, cache.Count);
        Assert.Equal("not a feature cache file", cache.IgnoredReason);
    }

    [Fact]
    public void Set_MatrixOfWrongShape_Throws()
    {
        var cache = FeatureCache.OpenOrCreate(CachePath, Small);
        Assert.Throws<ArgumentException>(() => cache.Set(Key("a"), new FeatureMatrix(new float[5 * 7], 5, 7)));
        Assert.Throws<ArgumentException>(() => cache.Set("not-a-key", Matrix(1)));
    }

    [Fact]
    public void SetAndSave_FromManyThreads_KeepsEveryEntry()
    {
        // Given many threads adding entries while others save
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        Parallel.For(0, 200, i =>
        {
            cache.Set(Key(i.ToString()), Matrix(i));
            if (i % 50 == 0)
                cache.Save();
        });
        cache.Save();

        // Then the final file holds all 200
        var reopened = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        Assert.Equal(200, reopened.Count);
        Assert.True(reopened.TryGet(Key("123"), out var m));
        Assert.Equal(Matrix(123).Data, m.Data);
    }

    [Fact]
    public void Open_KeepsAnIndexOnly_AndReadsEntriesFromTheFile()
    {
        // Given a saved cache of 100 full-size clips (about 12 MB of features)
        var options = new FeatureOptions();
        var cache = FeatureCache.OpenOrCreate(CachePath, options, ResamplerBackend.Soxr);
        FeatureMatrix Clip(int i) => new(Enumerable.Range(0, 248 * 121).Select(v => i + v * 1e-3f).ToArray(), 248, 121);
        for (var i = 0; i < 100; i++)
            cache.Set(Key(i.ToString()), Clip(i));
        cache.Save();
        cache.Dispose();

        // When it is opened again
        var before = GC.GetAllocatedBytesForCurrentThread();
        using var reopened = FeatureCache.OpenOrCreate(CachePath, options, ResamplerBackend.Soxr);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then opening allocated a small part of the features' size, and each entry, or its first rows, reads back exactly
        Assert.Equal(100, reopened.Count);
        Assert.True(allocated < 2_000_000, $"opening allocated {allocated} bytes");
        Assert.True(reopened.TryGet(Key("42"), out var m));
        Assert.Equal(Clip(42).Data, m.Data);
        Assert.True(reopened.TryGetShape(Key("7"), out var frames, out var features));
        Assert.Equal((248, 121), (frames, features));
        var rows = new float[3 * 121 + 1];
        reopened.ReadRows(Key("7"), 3, rows);
        Assert.Equal(Clip(7).Data[..(3 * 121)], rows[..(3 * 121)]);
        Assert.Equal(0f, rows[^1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => reopened.ReadRows(Key("7"), 249, new float[249 * 121]));
        Assert.Throws<KeyNotFoundException>(() => reopened.ReadRows(Key("missing"), 1, rows));
    }

    [Fact]
    public void Save_LetsGoOfHeldMatrices_AndKeepsServingEveryEntry()
    {
        // Given a cache reopened from a file, with one entry added to it
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        cache.Set(Key("a"), Matrix(1));
        cache.Save();
        using var reopened = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        var added = Matrix(2);
        reopened.Set(Key("b"), added);

        // When it is saved and the caller then changes the matrix it gave
        reopened.Save();
        Array.Fill(added.Data, -1f);

        // Then the cache serves the saved values (read from its new file), old and new entries alike
        Assert.True(reopened.TryGet(Key("b"), out var b));
        Assert.Equal(Matrix(2).Data, b.Data);
        Assert.True(reopened.TryGet(Key("a"), out var a));
        Assert.Equal(Matrix(1).Data, a.Data);

        // and once disposed it says so instead of reading a closed file
        reopened.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reopened.TryGet(Key("a"), out _));
    }

    [Fact]
    public void Entries_StillReadRight_AfterAnotherWriterReplacesTheFile()
    {
        // Given two caches open on one path, as two processes sharing a cache folder
        var first = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        first.Set(Key("a"), Matrix(1));
        first.Set(Key("b"), Matrix(2));
        first.Save();
        using var reader = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);

        // When the other one saves different entries over the path
        using var other = FeatureCache.OpenOrCreate(Path.Combine(_dir, "other.cache"), Small, ResamplerBackend.Soxr);
        for (var i = 0; i < 5; i++)
            other.Set(Key($"x{i}"), Matrix(10 + i));
        other.Save();
        File.Move(Path.Combine(_dir, "other.cache"), CachePath, overwrite: true);

        // Then the first reader still reads its own file's values (not bytes at the same offsets of the new file)
        Assert.True(reader.TryGet(Key("b"), out var b));
        Assert.Equal(Matrix(2).Data, b.Data);
    }

    [Fact]
    public void Reads_DuringSaves_ReturnTheRightValues()
    {
        // Given a saved cache of 50 entries
        var cache = FeatureCache.OpenOrCreate(CachePath, Small, ResamplerBackend.Soxr);
        for (var i = 0; i < 50; i++)
            cache.Set(Key(i.ToString()), Matrix(i));
        cache.Save();

        // When threads read entries while others add entries and save (offsets move at every save)
        var wrong = 0;
        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            if (i % 40 == 0)
            {
                cache.Set(Key($"new{i}"), Matrix(1000 + i));
                cache.Save();
                return;
            }
            var rows = new float[4 * 7];
            cache.ReadRows(Key((i % 50).ToString()), 4, rows);
            if (!rows.AsSpan().SequenceEqual(Matrix(i % 50).Data))
                Interlocked.Increment(ref wrong);
        });

        // Then every read saw its entry's values
        Assert.Equal(0, wrong);
        Assert.Equal(60, cache.Count);
    }
}
