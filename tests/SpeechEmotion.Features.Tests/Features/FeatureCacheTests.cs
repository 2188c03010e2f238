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
}
