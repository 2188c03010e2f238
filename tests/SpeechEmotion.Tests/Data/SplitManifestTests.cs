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
        var manifest = SplitManifest.FromSplit(split, new ValidationSplitOptions(), includeSong: false, "/corpus");

        // When it is saved, loaded and resolved against the corpus
        var path = Path.Combine(_folder, "run", "split.json");
        manifest.Save(path);
        var loaded = SplitManifest.Load(path);
        var resolved = loaded.Resolve(corpus);

        // Then every part, the spec and the seed survive, and the JSON uses snake_case
        Assert.Equal("emobox:2", loaded.Split);
        Assert.Equal(5, loaded.Seed);
        Assert.Equal(split.Spec, resolved.Spec);
        Assert.Equal(split.TestActors, resolved.TestActors);
        Assert.Equal(split.ValidationActors, resolved.ValidationActors);
        Assert.Equal(split.Train, resolved.Train);
        Assert.Equal(split.Validation, resolved.Validation);
        Assert.Equal(split.Test, resolved.Test);
        var json = File.ReadAllText(path);
        Assert.Contains("\"validation_actors\"", json);
        Assert.Contains("\"03-01-01-01-01-01-04.wav\"", json);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public void Resolve_NamesTheFilesMissingFromTheCorpus()
    {
        var corpus = CorpusSplitterTests.FullCorpus();
        var manifest = SplitManifest.FromSplit(CorpusSplitter.Split(corpus, SplitSpec.EmoBox(1), 1), new ValidationSplitOptions(), false, null);
        var withoutActor1 = corpus.Where(u => u.Actor != 1).ToArray();

        var error = Assert.Throws<InvalidDataException>(() => manifest.Resolve(withoutActor1));
        Assert.Contains("60 file(s) not in the corpus", error.Message);
        Assert.Contains("-01.wav", error.Message);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"format_version\": 1, \"split\": \"emobox:9\", \"seed\": 1}")]
    [InlineData("{\"format_version\": 7, \"split\": \"emobox:1\", \"seed\": 1}")]
    [InlineData("{\"format_version\": 1, \"split\": \"emobox:1\", \"seed\": 1, \"extra\": 2}")]
    [InlineData("{\"format_version\": 1, \"seed\": 1}")]
    public void Load_RejectsABadFile_WithItsPath(string json)
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, "split.json");
        File.WriteAllText(path, json);
        var error = Assert.Throws<InvalidDataException>(() => SplitManifest.Load(path));
        Assert.StartsWith(path, error.Message);
    }
}
