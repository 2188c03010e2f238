using SpeechEmotion.Data;

namespace SpeechEmotion.Tests.Data;

public class CorpusSplitterTests
{
    /// <summary>The names of the full 24-actor speech corpus (no files needed to split).</summary>
    internal static Utterance[] FullCorpus() =>
        Enumerable.Range(1, 24).SelectMany(RavdessCorpus.ExpectedSpeechFileNames)
            .Select(n => Utterance.Parse(Path.Combine("/corpus", n))).ToArray();

    [Theory]
    [InlineData("emobox:1")]
    [InlineData("emobox:2")]
    [InlineData("emobox:3")]
    [InlineData("emobox:4")]
    [InlineData("actors:02,05,17")]
    public void Split_SpeakerIndependent_KeepsActorsDisjoint_AndValidationFromTrainingActors(string specText)
    {
        // Given the full corpus and a speaker-independent spec
        var corpus = FullCorpus();
        var spec = SplitSpec.Parse(specText);

        // When split with several seeds
        foreach (var seed in new[] { 1, 2, 3, 42 })
        {
            var split = CorpusSplitter.Split(corpus, spec, seed);

            // Then test holds exactly the test actors, validation holds two other actors (one male, one female),
            // and no actor appears in two parts; every clip is used exactly once
            var train = split.Train.Select(u => u.Actor).ToHashSet();
            var validation = split.Validation.Select(u => u.Actor).ToHashSet();
            var test = split.Test.Select(u => u.Actor).ToHashSet();
            Assert.Equal(spec.TestActors.ToHashSet(), test);
            Assert.Equal(split.ValidationActors.ToHashSet(), validation);
            Assert.Equal(2, validation.Count);
            Assert.Single(validation, a => a % 2 == 1);
            Assert.Empty(train.Intersect(test));
            Assert.Empty(train.Intersect(validation));
            Assert.Empty(validation.Intersect(test));
            Assert.Equal(24, train.Count + validation.Count + test.Count);
            Assert.Equal(corpus.Length, split.Train.Count + split.Validation.Count + split.Test.Count);
        }
    }

    [Fact]
    public void Split_All_TrainsOnEveryActorButTheValidationPair_AndHasNoTestPart()
    {
        var split = CorpusSplitter.Split(FullCorpus(), SplitSpec.All(), 4);

        Assert.Empty(split.Test);
        Assert.Equal(2, split.ValidationActors.Count);
        Assert.Single(split.ValidationActors, a => a % 2 == 1);
        Assert.Equal(22, split.Train.Select(u => u.Actor).Distinct().Count());
        Assert.Empty(split.Train.Select(u => u.Actor).Intersect(split.ValidationActors));
    }

    [Fact]
    public void Split_ValidationActors_DependOnTheSeed_AndRepeatForTheSameSeed()
    {
        var corpus = FullCorpus();
        var spec = SplitSpec.EmoBox(1);
        var picks = Enumerable.Range(0, 10).Select(s => string.Join(",", CorpusSplitter.Split(corpus, spec, s).ValidationActors)).ToArray();
        Assert.True(picks.Distinct().Count() > 3, $"seeds chose {string.Join(" | ", picks)}");
        Assert.Equal(CorpusSplitter.Split(corpus, spec, 7).ValidationActors, CorpusSplitter.Split(corpus, spec, 7).ValidationActors);
    }

    [Fact]
    public void Split_Random_IsStratifiedByEmotion_Seeded_AndValidationComesFromTraining()
    {
        // Given the full corpus and random:9
        var corpus = FullCorpus();
        var spec = SplitSpec.Random(9);

        // When split twice with the same seeds and once with another spec seed
        var a = CorpusSplitter.Split(corpus, spec, 1);
        var b = CorpusSplitter.Split(corpus, spec, 1);
        var c = CorpusSplitter.Split(corpus, SplitSpec.Random(10), 1);

        // Then the test part is 20 % of every emotion, validation 15 % of every emotion's training clips,
        // the same seeds give the same parts, and another seed gives other parts
        foreach (var emotion in Enumerable.Range(1, 8))
        {
            var total = corpus.Count(u => u.Emotion == emotion);
            var test = a.Test.Count(u => u.Emotion == emotion);
            var validation = a.Validation.Count(u => u.Emotion == emotion);
            Assert.Equal((int)Math.Round(0.2 * total, MidpointRounding.AwayFromZero), test);
            Assert.Equal((int)Math.Round(0.15 * (total - test), MidpointRounding.AwayFromZero), validation);
        }
        Assert.Empty(a.Test.Intersect(a.Train));
        Assert.Empty(a.Validation.Intersect(a.Train));
        Assert.Empty(a.Validation.Intersect(a.Test));
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Validation, b.Validation);
        Assert.NotEqual(a.Test.Select(u => u.FileName), c.Test.Select(u => u.FileName));
        Assert.Empty(a.ValidationActors);
    }

    [Fact]
    public void Split_Fails_WhenATestActorIsAbsent_OrTooFewTrainingActorsRemain()
    {
        var threeActors = FullCorpus().Where(u => u.Actor is 1 or 2 or 3).ToArray();

        var absent = Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split(threeActors, SplitSpec.EmoBox(1), 1));
        Assert.Contains("test actor(s) 11, 20, 21 have no clips", absent.Message);

        var tooFew = Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split(threeActors, SplitSpec.Actors([1]), 1));
        Assert.Contains("too few", tooFew.Message);

        var oneValidation = CorpusSplitter.Split(threeActors, SplitSpec.Actors([1]), 1, new ValidationSplitOptions { Actors = 1 });
        Assert.Single(oneValidation.ValidationActors);
    }

    [Fact]
    public void Split_PicksBothGenders_WhenOnlyOneGenderIsLeftForOneSide()
    {
        // Training actors 2, 3, 4, 6: one male; two validation actors must be that male and one female
        var corpus = FullCorpus().Where(u => u.Actor is 1 or 2 or 3 or 4 or 6).ToArray();
        foreach (var seed in Enumerable.Range(0, 8))
        {
            var split = CorpusSplitter.Split(corpus, SplitSpec.Actors([1]), seed);
            Assert.Contains(3, split.ValidationActors);
            Assert.Equal(2, split.ValidationActors.Count);
        }
    }
}
