using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Data;

public class ClipFeatureLoaderTests
{
    /// <summary>The RAVDESS items of a folder, labelled with the eight RAVDESS emotions.</summary>
    internal static IReadOnlyList<MappedItem> Items(string directory) =>
        LabelSet.Ravdess.Apply(CorpusReader.Read(directory, new RavdessScheme()).Items).Kept;

    [Fact]
    public void Load_ExtractsOnce_ThenReadsTheCache_WithoutPadding_AndCutsLongClips()
    {
        // Given 4 clips of 0.5 s at 22050 Hz and 1 s at 48 kHz
        using var corpus = new SyntheticCorpus().AddActors([1, 2], [1, 3]);
        corpus.AddClip(3, 5, seconds: 1.0, sampleRate: 48000);
        var utterances = Items(corpus.Directory);
        var cachePath = Path.Combine(corpus.Directory, "cache", "features.bin");

        // When loaded twice through the same cache file
        var first = new ClipFeatureLoader(new FeatureOptions(), cachePath, maxParallelism: 2).Load(utterances);
        var second = new ClipFeatureLoader(new FeatureOptions(), cachePath).Load(utterances);

        // Then the first run extracts all, the second reads all from the cache with identical values
        Assert.Equal((5, 0), (first.Extracted, first.FromCache));
        Assert.Equal((0, 5), (second.Extracted, second.FromCache));
        Assert.Empty(first.Problems);
        Assert.Equal(utterances.Select(u => u.Item.Id), first.Clips.Select(c => c.Id));
        Assert.All(first.Clips, c => Assert.StartsWith("ravdess/Actor_0", c.Id));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(first.Clips[i].Features.Load().Data, second.Clips[i].Features.Load().Data);
            Assert.Equal(utterances[i].Label, first.Clips[i].Label);
        }

        // and a clip shorter than max_frames (248) is not padded: it holds just the frames librosa gives
        // (1 + n / 512 when centred), all of them valid
        var half = first.Clips.First(c => c.Id.EndsWith("-01.wav", StringComparison.Ordinal));
        Assert.Equal((1 + 11025 / 512, 121), (half.Features.Frames, half.Features.FeatureCount));
        Assert.Equal(half.Features.Frames, half.ValidFrames);
        Assert.Equal(half.ValidFrames * 121, half.Features.Load().Data.Length);
        Assert.Contains(half.Features.Load().Data, v => v != 0f);
        var resampled = first.Clips.Single(c => c.Id.EndsWith("-03.wav", StringComparison.Ordinal));
        Assert.Equal(1 + 22050 / 512, resampled.ValidFrames);
        Assert.Equal(resampled.ValidFrames, resampled.Features.Frames);

        // and with max_frames below a clip's length, from the same cache, the clip is cut to its first max_frames frames
        var cut = new ClipFeatureLoader(new FeatureOptions { MaxFrames = 30 }, cachePath).Load(utterances);
        Assert.Equal((0, 5), (cut.Extracted, cut.FromCache));
        var cutResampled = cut.Clips.Single(c => c.Id.EndsWith("-03.wav", StringComparison.Ordinal));
        Assert.Equal((30, 30), (cutResampled.Features.Frames, cutResampled.ValidFrames));
        Assert.Equal(resampled.Features.Load().Data[..(30 * 121)], cutResampled.Features.Load().Data);
        var uncut = cut.Clips.First(c => c.Id.EndsWith("-01.wav", StringComparison.Ordinal));
        Assert.Equal(half.Features.Load().Data, uncut.Features.Load().Data);

        // and no clip holds its features in memory: they are read from the cache file when used
        Assert.All(first.Clips.Concat(second.Clips).Concat(cut.Clips), c => Assert.False(c.Features.InMemory));
    }

    [Fact]
    public void Load_SkipsAnUnreadableFile_AndNotesByteIdenticalFiles()
    {
        // Given two good clips, a byte-identical copy of one under another name, and a broken file
        using var corpus = new SyntheticCorpus();
        var good = corpus.AddClip(1, 2);
        corpus.AddClip(1, 3);
        File.Copy(good, Path.Combine(corpus.Directory, "Actor_01", "03-01-02-01-01-02-01.wav"));
        corpus.AddFile("Actor_01/03-01-04-01-01-01-01.wav", "RIFF\0\0\0\0WAVEjunk"u8.ToArray());
        var utterances = Items(corpus.Directory);
        Assert.Equal(4, utterances.Count);

        // When loaded
        var result = new ClipFeatureLoader(new FeatureOptions(), Path.Combine(corpus.Directory, "c.bin")).Load(utterances);

        // Then the broken file is reported by name and left out, the copy is noted but kept
        Assert.Equal(3, result.Clips.Count);
        Assert.Contains(result.Problems, p => p.Contains("03-01-04-01-01-01-01.wav") && p.EndsWith("skipped", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.StartsWith("byte-identical files", StringComparison.Ordinal)
            && p.Contains("03-01-02-01-01-01-01.wav") && p.Contains("03-01-02-01-01-02-01.wav"));
    }

    [Fact]
    public void Load_WithACacheThatCannotBeWritten_KeepsEveryClip_AndSaysSo()
    {
        // Given two clips and a cache path where a folder stands (a cache file can never replace it)
        using var corpus = new SyntheticCorpus().AddActors([1], [2, 3]);
        var utterances = Items(corpus.Directory);
        var cachePath = Directory.CreateDirectory(Path.Combine(corpus.Directory, "cache-is-a-folder")).FullName;

        // When loaded
        var result = new ClipFeatureLoader(new FeatureOptions(), cachePath).Load(utterances);

        // Then both clips are there with their features (held in memory), and the unsaved cache is reported
        Assert.Equal(2, result.Clips.Count);
        Assert.All(result.Clips, c => Assert.Contains(c.Features.Load().Data, v => v != 0f));
        Assert.Single(result.Problems, p => p.StartsWith("feature cache not saved", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadAugmented_IsSeeded_Cached_AndDiffersFromTheOriginal()
    {
        // Given two clips and two augmented copies each
        using var corpus = new SyntheticCorpus().AddActors([1], [2, 6]);
        var utterances = Items(corpus.Directory);
        var augmentation = new AugmentationOptions { Copies = 2 };
        var cacheA = Path.Combine(corpus.Directory, "a.bin");

        // When the copies are made with one seed twice (two caches), once more from the cache, and with another seed
        var a = new ClipFeatureLoader(new FeatureOptions(), cacheA).LoadAugmented(utterances, augmentation, seed: 5);
        var b = new ClipFeatureLoader(new FeatureOptions(), Path.Combine(corpus.Directory, "b.bin")).LoadAugmented(utterances, augmentation, seed: 5);
        var cached = new ClipFeatureLoader(new FeatureOptions(), cacheA).LoadAugmented(utterances, augmentation, seed: 5);
        var other = new ClipFeatureLoader(new FeatureOptions(), cacheA).LoadAugmented(utterances, augmentation, seed: 6);
        var originals = new ClipFeatureLoader(new FeatureOptions(), cacheA).Load(utterances);

        // Then the same seed gives the same features, a cache hit the second time, and other seeds and the originals differ
        Assert.Equal(4, a.Clips.Count);
        Assert.Equal(["#aug1", "#aug2", "#aug1", "#aug2"], a.Clips.Select(c => c.Id[c.Id.IndexOf('#')..]));
        Assert.Equal(a.Clips.Select(c => c.Features.Load().Data), b.Clips.Select(c => c.Features.Load().Data));
        Assert.Equal((0, 4), (cached.Extracted, cached.FromCache));
        Assert.Equal(4, other.Extracted);
        Assert.NotEqual(a.Clips[0].Features.Load().Data, other.Clips[0].Features.Load().Data);
        Assert.NotEqual(a.Clips[0].Features.Load().Data, a.Clips[1].Features.Load().Data);
        Assert.NotEqual(originals.Clips[0].Features.Load().Data, a.Clips[0].Features.Load().Data);
        Assert.Equal(originals.Clips[0].ValidFrames, a.Clips[0].ValidFrames);
        Assert.Equal(originals.Clips[0].Label, a.Clips[0].Label);
    }

    [Fact]
    public void DefaultCacheFileName_DependsOnTheFeatureSettings()
    {
        var name = ClipFeatureLoader.DefaultCacheFileName(new FeatureOptions());
        Assert.Matches("^features-[0-9a-f]{12}\\.bin$", name);
        Assert.Equal(name, ClipFeatureLoader.DefaultCacheFileName(new FeatureOptions { MaxFrames = 300 }));
        Assert.NotEqual(name, ClipFeatureLoader.DefaultCacheFileName(new FeatureOptions { NMfcc = 20 }));
    }

    [Fact]
    public void Constructor_RefusesOptionsWithoutMaxFrames()
    {
        var error = Assert.Throws<ArgumentException>(() => new ClipFeatureLoader(new FeatureOptions { MaxFrames = null }, "/tmp/x.bin"));
        Assert.Contains("max_frames", error.Message);
    }
}
