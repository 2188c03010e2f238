using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data.Corpora;

public class CorpusManifestReaderTests
{
    [Fact]
    public void Read_ResolvesRelativePaths_QuotedCommas_AliasesAndAnyColumnOrder()
    {
        // Given a manifest with a BOM, reordered columns, a quoted path with a comma and an alias label
        using var folder = new TempFolder().With("clips/a.wav", "clips/b, take 2.wav", "clips/c.wav");
        var manifest = folder.Touch("My Set/../Lab.csv",
            "\uFEFFspeaker,Label,path\r\n" +
            "s1,Anger,clips/a.wav\r\n" +
            "\r\n" +
            "s2,happy,\"clips/b, take 2.wav\"\r\n" +
            $"s1,sadness,{Path.Combine(folder.Root, "clips", "c.wav")}\r\n");

        // When it is read
        var result = CorpusManifestReader.Read(manifest);

        // Then the corpus is the lower-cased file name, paths are full, labels canonical and speakers namespaced
        Assert.Equal("lab", result.Corpus);
        Assert.Empty(result.Problems);
        Assert.Equal(
            [
                new CorpusItem("lab/clips/a.wav", Path.Combine(folder.Root, "clips", "a.wav"), "angry", "lab:s1", "lab"),
                new CorpusItem("lab/clips/b, take 2.wav", Path.Combine(folder.Root, "clips", "b, take 2.wav"), "happy", "lab:s2", "lab"),
                new CorpusItem("lab/clips/c.wav", Path.Combine(folder.Root, "clips", "c.wav"), "sad", "lab:s1", "lab"),
            ],
            result.Items);
    }

    [Fact]
    public void Read_ReportsBadRows_WithTheirLineNumbers()
    {
        // Given rows with too few fields, an empty speaker, a missing file and a repeated path
        using var folder = new TempFolder().With("a.wav");
        var manifest = folder.Touch("m.csv",
            "path,label,speaker\n" +
            "a.wav,happy\n" +
            "a.wav,happy,\n" +
            "gone.wav,sad,s1\n" +
            "a.wav,angry,s1\n" +
            "./a.wav,angry,s1\n");

        // When it is read
        var result = CorpusManifestReader.Read(manifest);

        // Then the one good row is kept and every bad row is a problem naming its line
        Assert.Equal("angry", Assert.Single(result.Items).Emotion);
        Assert.Equal(4, result.Problems.Count);
        Assert.StartsWith("m.csv line 2: 2 field(s), expected at least 3", result.Problems[0]);
        Assert.Equal("m.csv line 3: empty speaker; skipped", result.Problems[1]);
        Assert.StartsWith("m.csv line 4: gone.wav not found", result.Problems[2]);
        Assert.Equal("m.csv line 6: ./a.wav is already listed on line 5; skipped", result.Problems[3]);
    }

    [Fact]
    public void Read_KeepsAnUnknownLabelLowerCased_SoTheLabelSetDropsAndCountsIt()
    {
        // Given a manifest with a label outside the vocabulary
        using var folder = new TempFolder().With("a.wav", "b.wav");
        var manifest = folder.Touch("m.csv", "path,label,speaker\na.wav,Contempt,x\nb.wav,neutral,x\n");

        // When it is read and mapped onto the RAVDESS labels
        var result = CorpusManifestReader.Read(manifest);
        var mapping = LabelSet.Ravdess.Apply(result.Items);

        // Then the unknown label is kept as written (lower-case) and dropped with a count
        Assert.Equal(["contempt", "neutral"], result.Items.Select(i => i.Emotion));
        Assert.Equal([new DroppedLabel("m", "contempt", 1)], mapping.Dropped);
        Assert.Equal(0, Assert.Single(mapping.Kept).Label);
    }

    [Fact]
    public void Read_TakesTheCorpusColumn_AndTheGivenName()
    {
        // Given a manifest mixing a named corpus row and a default row
        using var folder = new TempFolder().With("a.wav", "b.wav");
        var manifest = folder.Touch("m.csv", "path,label,speaker,corpus\na.wav,sad,01,TESS\nb.wav,sad,01,\n");

        // When it is read with a corpus name
        var result = CorpusManifestReader.Read(manifest, "extra");

        // Then each row's corpus wins, the others take the given name
        Assert.Equal("extra", result.Corpus);
        Assert.Equal(["tess:01", "extra:01"], result.Items.Select(i => i.Speaker));
        Assert.Equal(["tess/a.wav", "extra/b.wav"], result.Items.Select(i => i.Id));
    }

    [Theory]
    [InlineData("file,label,speaker\na.wav,sad,1\n", "missing path")]
    [InlineData("path,emotion,speaker\na.wav,sad,1\n", "missing label")]
    [InlineData("", "empty manifest")]
    [InlineData("path,label,speaker,path\n", "column 'path' twice")]
    [InlineData("path,label,speaker\n\"a.wav,sad,1\n", "line 2: quoted field is not closed")]
    public void Read_ThrowsInvalidData_ForABadHeaderOrQuote(string csv, string message)
    {
        using var folder = new TempFolder();
        var manifest = folder.Touch("m.csv", csv);
        var error = Assert.Throws<InvalidDataException>(() => CorpusManifestReader.Read(manifest));
        Assert.StartsWith("m.csv: ", error.Message);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Read_ThrowsFileNotFound_ForAMissingManifest()
    {
        var missing = Path.Combine(Path.GetTempPath(), "se-corpora-" + Guid.NewGuid().ToString("N") + ".csv");
        var error = Assert.Throws<FileNotFoundException>(() => CorpusManifestReader.Read(missing));
        Assert.Equal($"{missing}: manifest not found", error.Message);
    }
}
