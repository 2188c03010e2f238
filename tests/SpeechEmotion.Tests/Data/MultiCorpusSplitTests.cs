using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data;

public class MultiCorpusSplitTests
{
    /// <summary>Items of one corpus: every speaker says every emotion <paramref name="perEmotion"/> times.</summary>
    private static IEnumerable<MappedItem> Corpus(string name, IEnumerable<string> speakers, int labels, int perEmotion = 2, Func<string, Gender?>? gender = null) =>
        from speaker in speakers
        from label in Enumerable.Range(0, labels)
        from n in Enumerable.Range(1, perEmotion)
        select new MappedItem(
            new CorpusItem($"{name}/{speaker}_{label}_{n}.wav", $"/data/{name}/{speaker}_{label}_{n}.wav", LabelSet.Ravdess.Labels[label], $"{name}:{speaker}", name)
            { Gender = gender?.Invoke(speaker) },
            label);

    private static MappedItem[] FourCorpora() =>
    [
        .. Corpus("ravdess", Enumerable.Range(1, 24).Select(a => a.ToString("00")), 8, gender: s => int.Parse(s) % 2 == 1 ? Gender.Male : Gender.Female),
        .. Corpus("savee", ["DC", "JE", "JK", "KL"], 7, gender: _ => Gender.Male),
        .. Corpus("turev", ["1157", "1234", "1358", "1984", "6783", "7895"], 4),
        // Another corpus with a speaker called "01", like RAVDESS's actor 1: a different person.
        .. Corpus("mine", ["01", "02", "03"], 4),
    ];

    [Fact]
    public void HoldingOutACorpus_TestsOnAllOfIt_AndValidatesOnSpeakersOfTheOthers()
    {
        // Given four corpora
        var items = FourCorpora();

        // When SAVEE is held out
        var split = CorpusSplitter.Split(items, SplitSpec.Parse("corpus:savee"), seed: 42);

        // Then every SAVEE clip is in the test part and nothing of SAVEE is anywhere else
        Assert.Equal(items.Count(m => m.Item.Corpus == "savee"), split.Test.Count);
        Assert.All(split.Test, m => Assert.Equal("savee", m.Item.Corpus));
        Assert.DoesNotContain(split.Train.Concat(split.Validation), m => m.Item.Corpus == "savee");
        // And validation holds whole speakers of the training corpora: 2 of RAVDESS (one male, one female), 1 of TurEV-DB, none of the 3-speaker corpus
        Assert.Equal(["ravdess", "ravdess", "turev"], split.ValidationSpeakers.Select(s => s[..s.IndexOf(':')]).Order());
        var ravdess = split.ValidationSpeakers.Where(s => s.StartsWith("ravdess:", StringComparison.Ordinal)).Select(s => int.Parse(s[8..]) % 2).ToArray();
        Assert.Equal([0, 1], ravdess.Order());
        Assert.Empty(split.Train.Select(m => m.Item.Speaker).Intersect(split.Validation.Select(m => m.Item.Speaker)));
    }

    [Fact]
    public void SpeakersWithTheSameLocalId_InTwoCorpora_AreDifferentSpeakers()
    {
        // Given RAVDESS actor 01 and speaker 01 of another corpus
        var items = FourCorpora();

        // When RAVDESS fold 1 (actors 1, 11, 20, 21) is held out
        var split = CorpusSplitter.Split(items, SplitSpec.EmoBox(1), seed: 7);

        // Then only RAVDESS's actor 01 is tested; the other corpus's "01" stays in training
        Assert.Equal(["ravdess:01", "ravdess:11", "ravdess:20", "ravdess:21"], split.TestSpeakers);
        Assert.All(split.Test, m => Assert.Equal("ravdess", m.Item.Corpus));
        Assert.Contains(split.Train, m => m.Item.Speaker == "mine:01");
    }

    [Fact]
    public void Split_IsDeterministic_ForASeed_AndNeverSharesSpeakersBetweenParts()
    {
        var items = FourCorpora();
        var a = CorpusSplitter.Split(items, SplitSpec.Parse("corpus:turev"), seed: 3);
        var b = CorpusSplitter.Split(items.Reverse().ToArray(), SplitSpec.Parse("corpus:turev"), seed: 3);
        Assert.Equal(a.ValidationSpeakers, b.ValidationSpeakers);
        Assert.Equal(a.Train.Select(m => m.Item.Id), b.Train.Select(m => m.Item.Id));

        var parts = new[] { a.Train, a.Validation, a.Test }.Select(p => p.Select(m => m.Item.Speaker).ToHashSet()).ToArray();
        Assert.Empty(parts[0].Intersect(parts[1]));
        Assert.Empty(parts[0].Intersect(parts[2]));
        Assert.Empty(parts[1].Intersect(parts[2]));
    }

    [Fact]
    public void HoldingOutAnAbsentCorpus_NamesTheCorporaThatArePresent()
    {
        var e = Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split(FourCorpora(), SplitSpec.Parse("corpus:urdu"), seed: 1));
        Assert.Contains("urdu", e.Message);
        Assert.Contains("ravdess, savee, turev", e.Message.Replace("mine, ", ""));
    }

    [Fact]
    public void TestPart_OfACorpusSplit_DoesNotDependOnTheSeed()
    {
        var items = FourCorpora();
        var test = CorpusSplitter.TestPart(items, SplitSpec.Parse("corpus:mine"));
        Assert.Equal(CorpusSplitter.Split(items, SplitSpec.Parse("corpus:mine"), seed: 11).Test.Select(m => m.Item.Id), test.Select(m => m.Item.Id));
    }

    [Theory]
    [InlineData("corpus:SAVEE", "corpus:savee")]
    [InlineData("corpus: turev ", "corpus:turev")]
    public void CorpusSpec_ParsesToCanonicalLowerCase(string text, string canonical)
    {
        var spec = SplitSpec.Parse(text);
        Assert.Equal(SplitKind.Corpus, spec.Kind);
        Assert.True(spec.IsSpeakerIndependent);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, SplitSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("corpus:")]
    [InlineData("corpus:a/b")]
    [InlineData("corpus:x y")]
    public void CorpusSpec_WithABadName_IsAFormatError(string text) =>
        Assert.Contains("corpus:NAME", Assert.Throws<FormatException>(() => SplitSpec.Parse(text)).Message);
}
