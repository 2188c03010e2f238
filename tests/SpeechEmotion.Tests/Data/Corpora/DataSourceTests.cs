using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data.Corpora;

public class DataSourceTests
{
    [Theory]
    [InlineData("savee=data/SAVEE", "savee", "data/SAVEE", false)]
    [InlineData("data/SAVEE", null, "data/SAVEE", false)]
    [InlineData("my.CSV", null, "my.CSV", true)]
    [InlineData("lab=sets/my.csv", "lab", "sets/my.csv", true)]
    [InlineData(" emo-db = /x/wav ", "emo-db", "/x/wav", false)]
    [InlineData("/runs/a=b/clips", null, "/runs/a=b/clips", false)]
    public void Parse_SplitsNameAndPath(string text, string? name, string path, bool manifest)
    {
        var source = DataSource.Parse(text);
        Assert.Equal(name, source.Name);
        Assert.Equal(path, source.Path);
        Assert.Equal(manifest, source.IsManifest);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("savee=")]
    public void Parse_RefusesEmptySources(string text) =>
        Assert.Throws<ArgumentException>(() => DataSource.Parse(text));

    [Fact]
    public void Load_ReadsByNamedScheme_ByDetection_AndByManifest()
    {
        // Given an EmoDB folder and a manifest
        using var folder = new TempFolder().With("wav/03a01Wa.wav", "wav/08a02Lb.wav");
        folder.Touch("list.csv", "path,label,speaker\nwav/03a01Wa.wav,angry,03\n");
        var dir = Path.Combine(folder.Root, "wav");

        // When it is loaded by scheme alias, by a corpus name, without a name and as a manifest
        var byAlias = CorpusLoader.Load(DataSource.Parse($"berlin={dir}"));
        var renamed = CorpusLoader.Load(DataSource.Parse($"mine={dir}"));
        var detected = CorpusLoader.Load(DataSource.Parse(dir));
        var manifest = CorpusLoader.Load(DataSource.Parse(Path.Combine(folder.Root, "list.csv")));

        // Then the scheme reads the folder each time, under the right corpus name
        Assert.Equal(("emodb", 2), (byAlias.Corpus, byAlias.Items.Count));
        Assert.Equal(("mine", 2), (renamed.Corpus, renamed.Items.Count));
        Assert.Equal("mine:03", renamed.Items[0].Speaker);
        Assert.Equal(("emodb", 2), (detected.Corpus, detected.Items.Count));
        Assert.Equal(("list", 1), (manifest.Corpus, manifest.Items.Count));
    }

    [Fact]
    public void Load_IncludesRavdessSong_WhenAsked()
    {
        using var folder = new TempFolder().With("03-01-01-01-01-01-01.wav", "03-02-03-01-01-01-01.wav");
        Assert.Single(CorpusLoader.Load(DataSource.Parse(folder.Root)).Items);
        Assert.Equal(2, CorpusLoader.Load(DataSource.Parse(folder.Root), includeSong: true).Items.Count);
        Assert.Equal(2, CorpusLoader.Load(DataSource.Parse($"ravdess={folder.Root}"), includeSong: true).Items.Count);
    }
}
