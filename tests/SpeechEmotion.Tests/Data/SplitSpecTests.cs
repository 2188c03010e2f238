using SpeechEmotion.Data;

namespace SpeechEmotion.Tests.Data;

public class SplitSpecTests
{
    [Theory]
    [InlineData("emobox:1", SplitKind.EmoBox, new[] { 1, 11, 20, 21 })]
    [InlineData("emobox:2", SplitKind.EmoBox, new[] { 4, 10, 12, 14 })]
    [InlineData("emobox:3", SplitKind.EmoBox, new[] { 8, 9, 19, 23 })]
    [InlineData("EmoBox:4", SplitKind.EmoBox, new[] { 3, 5, 7, 24 })]
    [InlineData("actors:20, 01,11", SplitKind.Actors, new[] { 1, 11, 20 })]
    [InlineData("random:9", SplitKind.Random, new int[0])]
    [InlineData(" ALL ", SplitKind.All, new int[0])]
    public void Parse_ReadsEachKind(string text, SplitKind kind, int[] testActors)
    {
        var spec = SplitSpec.Parse(text);
        Assert.Equal(kind, spec.Kind);
        Assert.Equal(testActors, spec.TestActors);
        Assert.Equal(kind != SplitKind.Random, spec.IsSpeakerIndependent);
    }

    [Theory]
    [InlineData("emobox:1")]
    [InlineData("actors:01,11,20")]
    [InlineData("random:9")]
    [InlineData("all")]
    public void ToString_IsCanonical_AndParsesBack(string text)
    {
        var spec = SplitSpec.Parse(text);
        Assert.Equal(text, spec.ToString());
        Assert.Equal(spec, SplitSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("emobox:5", "fold must be 1-4")]
    [InlineData("emobox:", "bad value")]
    [InlineData("emobox:one", "bad value")]
    [InlineData("actors:", "bad value")]
    [InlineData("actors:01,25", "actors must be 01-24")]
    [InlineData("actors:03,03", "listed twice")]
    [InlineData("random:-1", "bad value")]
    [InlineData("kfold:3", "unknown")]
    [InlineData("fold1", "unknown")]
    public void Parse_RejectsBadText_WithTheAcceptedForms(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => SplitSpec.Parse(text));
        Assert.Contains(reason, error.Message);
        Assert.Contains("expected emobox:1-4, actors:01,11,20,21, corpus:NAME, random:SEED or all", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void EmoBoxFolds_HoldOutFourActorsEach_SixteenDistinctInAll()
    {
        Assert.All(SplitSpec.EmoBoxFolds, fold => Assert.Equal(4, fold.Count));
        Assert.Equal(16, SplitSpec.EmoBoxFolds.SelectMany(f => f).Distinct().Count());
    }
}
