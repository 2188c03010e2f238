using SpeechEmotion.Data;

namespace SpeechEmotion.Tests.Data;

public class SplitManifestTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "se-manifest-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
            Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void SaveAndLoad_RoundTrips_AndResolvesToTheSameSplit()
    {
        // Given a split of the full corpus
        var corpus = CorpusSplitterTests.FullCorpus();
        var split = CorpusSplitter.Split(corpus, SplitSpec.EmoBox(2), 5);
        var manifest = SplitManifest.FromSplit(split, new ValidationSplitOptions(), includeSong: false, ["ravdess=/corpus"]);

        // When it is saved, loaded and resolved against the corpus
        var path = Path.Combine(_folder, "run", "split.json");
        manifest.Save(path);
        var loaded = SplitManifest.Load(path);
        var resolved = loaded.Resolve(corpus);

        // Then every part, the spec and the seed survive, and the JSON uses snake_case
        Assert.Equal("emobox:2", loaded.Split);
        Assert.Equal(5, loaded.Seed);
        Assert.Equal(split.Spec, resolved.Spec);
        Assert.Equal(["ravdess=/corpus"], loaded.DataSources);
        Assert.Equal(SplitManifest.CurrentFormatVersion, loaded.FormatVersion);
        Assert.Equal(["ravdess:04", "ravdess:10", "ravdess:12", "ravdess:14"], resolved.TestSpeakers);
        Assert.Equal(split.TestSpeakers, resolved.TestSpeakers);
        Assert.Equal(split.ValidationSpeakers, resolved.ValidationSpeakers);
        Assert.Equal(split.Train, resolved.Train);
        Assert.Equal(split.Validation, resolved.Validation);
        Assert.Equal(split.Test, resolved.Test);
        var json = File.ReadAllText(path);
        Assert.Contains("\"format_version\": 2", json);
        Assert.Contains("\"validation_speakers\"", json);
        Assert.Contains("\"ravdess:04\"", json);
        Assert.Contains("\"ravdess/Actor_04/03-01-01-01-01-01-04.wav\"", json);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Resolve_NamesTheFilesMissingFromTheCorpus()
    {
        var corpus = CorpusSplitterTests.FullCorpus();
        var manifest = SplitManifest.FromSplit(CorpusSplitter.Split(corpus, SplitSpec.EmoBox(1), 1), new ValidationSplitOptions(), false, []);
        var withoutActor1 = corpus.Where(m => m.Item.Speaker != "ravdess:01").ToArray();

        var error = Assert.Throws<InvalidDataException>(() => manifest.Resolve(withoutActor1));
        Assert.Contains("60 clip(s) not in the data", error.Message);
        Assert.Contains("ravdess/Actor_01/", error.Message);
        Assert.Contains("-01.wav", error.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format_version\": 2, \"split\": \"emobox:9\", \"seed\": 1}")]
    [InlineData("{\"format_version\": 7, \"split\": \"emobox:1\", \"seed\": 1}")]
    [InlineData("{\"format_version\": 1, \"split\": \"emobox:1\", \"seed\": 1, \"test_actors\": [1], \"train\": [\"03-01-01-01-01-01-02.wav\"]}")]
    [InlineData("{\"format_version\": 2, \"split\": \"emobox:1\", \"seed\": 1, \"extra\": 2}")]
    [InlineData("{\"format_version\": 2, \"seed\": 1}")]
    public void Load_RejectsABadFile_WithItsPath(string json)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "split.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<InvalidDataException>(() => SplitManifest.Load(path));
        Assert.StartsWith(path, error.Message);
    }
}
