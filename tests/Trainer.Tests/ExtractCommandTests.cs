using SpeechEmotion.Features;

namespace SpeechEmotion.Trainer.Tests;

public sealed class ExtractCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("extract-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Extract_PicksUpMp3AndOggFiles()
    {
        // Given a folder with an MP3, an Ogg Vorbis and an upper-case .OGG copy of it
        string corpus = Directory.CreateDirectory(Path.Combine(_dir, "compressed")).FullName;
        string source = Path.Combine(AppContext.BaseDirectory, "TestData", "compressed");
        File.Copy(Path.Combine(source, "speech.mp3"), Path.Combine(corpus, "a.mp3"));
        File.Copy(Path.Combine(source, "tone-stereo.ogg"), Path.Combine(corpus, "b.ogg"));
        File.Copy(Path.Combine(source, "speech.ogg"), Path.Combine(corpus, "c.OGG"));
        string cachePath = Path.Combine(_dir, "compressed.cache");

        // When extract runs, then all three are decoded and cached
        var (code, output, error) = Cli.Run("extract", corpus, "--out", cachePath);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("3 files: 3 extracted, 0 reused, 0 failed", output);
        var cache = FeatureCache.OpenOrCreate(cachePath, new FeatureOptions());
        Assert.True(cache.TryGet(FeatureCache.ContentKey(File.ReadAllBytes(Path.Combine(corpus, "a.mp3"))), out var features));
        Assert.Equal(new FeatureExtractor().ExtractFile(Path.Combine(corpus, "a.mp3")).Data, features.Data);
    }

    [Fact]
    public void Extract_WithOneCorruptFile_CachesTheOthers_AndReusesThemNextTime()
    {
        // Given a folder tree with three good clips (two rates) and one corrupt file
        string corpus = Directory.CreateDirectory(Path.Combine(_dir, "corpus", "actor")).Parent!.FullName;
        TestAudio.WriteWav(Path.Combine(corpus, "a.wav"), 48000, 1.0, 1);
        TestAudio.WriteWav(Path.Combine(corpus, "actor", "b.wav"), 22050, 1.5, 2);
        TestAudio.WriteWav(Path.Combine(corpus, "actor", "c.WAV"), 16000, 0.5, 3);
        File.WriteAllBytes(Path.Combine(corpus, "actor", "broken.wav"), new byte[100]);
        File.WriteAllText(Path.Combine(corpus, "notes.txt"), "not audio");
        string cachePath = Path.Combine(_dir, "features.cache");

        // When extract runs
        var (code, output, error) = Cli.Run("extract", corpus, "--out", cachePath, "--threads", "2");

        // Then it fails (exit 1) naming only the corrupt file, and the good clips are cached
        Assert.Equal(1, code);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(errors);
        Assert.Contains("broken.wav", errors[0]);
        Assert.Contains("4 files: 3 extracted, 0 reused, 1 failed", output);
        Assert.Contains("files/s", output);
        var cache = FeatureCache.OpenOrCreate(cachePath, new FeatureOptions());
        Assert.Equal(3, cache.Count);
        byte[] b = File.ReadAllBytes(Path.Combine(corpus, "actor", "b.wav"));
        Assert.True(cache.TryGet(FeatureCache.ContentKey(b), out var features));
        Assert.Equal(new FeatureExtractor().ExtractFile(Path.Combine(corpus, "actor", "b.wav")).Data, features.Data);

        // When it runs again
        var second = Cli.Run("extract", corpus, "--out", cachePath);

        // Then the three clips are reused, not recomputed
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("4 files: 0 extracted, 3 reused, 1 failed", second.Out);
    }

    [Fact]
    public void Extract_AllGood_ExitsZero()
    {
        string corpus = Directory.CreateDirectory(Path.Combine(_dir, "good")).FullName;
        TestAudio.WriteWav(Path.Combine(corpus, "a.wav"), 22050, 0.5, 1);
        var (code, output, error) = Cli.Run("extract", corpus, "--out", Path.Combine(_dir, "f.cache"));
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Contains("1 files: 1 extracted", output);
    }

    [Fact]
    public void Extract_MissingFolder_FailsWithOneLine()
    {
        var (code, _, error) = Cli.Run("extract", Path.Combine(_dir, "nope"), "--out", Path.Combine(_dir, "f.cache"));
        Assert.Equal(1, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("folder not found", error);
    }

    [Fact]
    public void Extract_WithoutOut_IsAUsageError()
    {
        var (code, _, error) = Cli.Run("extract", _dir);
        Assert.Equal(2, code);
        Assert.Contains("--out", error);
    }

    [Fact]
    public void BenchFeatures_PrintsTimings()
    {
        // Given two short clips
        string corpus = Directory.CreateDirectory(Path.Combine(_dir, "bench")).FullName;
        TestAudio.WriteWav(Path.Combine(corpus, "a.wav"), 48000, 0.5, 1);
        TestAudio.WriteWav(Path.Combine(corpus, "b.wav"), 22050, 0.5, 2);

        // When the benchmark runs
        var (code, output, _) = Cli.Run("bench-features", corpus, "--limit", "2");

        // Then it reports per-clip times and throughput for one and all threads
        Assert.Equal(0, code);
        Assert.Contains("2 clips", output);
        Assert.Contains("ms per clip", output);
        Assert.Contains("files/s", output);
    }
}
