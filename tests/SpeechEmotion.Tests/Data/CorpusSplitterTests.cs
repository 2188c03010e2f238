using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data;

public class CorpusSplitterTests
{
    /// <summary>The full 24-actor RAVDESS speech corpus as labelled items (no files needed to split).</summary>
    internal static MappedItem[] FullCorpus() =>
        LabelSet.Ravdess.Apply(Enumerable.Range(1, 24).SelectMany(RavdessCorpus.ExpectedSpeechFileNames).Select(RavdessItem)).Kept.ToArray();

    /// <summary>The item <see cref="CorpusReader"/> makes of a RAVDESS file <c>/corpus/Actor_NN/NAME</c>.</summary>
    internal static CorpusItem RavdessItem(string fileName)
    {
        Assert.True(new RavdessScheme().TryParse(fileName, null, out var parsed, out var problem), problem);
        var relative = $"Actor_{parsed.Speaker}/{fileName}";
        return new CorpusItem($"ravdess/{relative}", "/corpus/" + relative, parsed.Emotion, $"ravdess:{parsed.Speaker}", "ravdess") { Gender = parsed.Gender };
    }

    /// <summary>RAVDESS actor number of a speaker id <c>ravdess:NN</c>.</summary>
    internal static int Actor(string speaker)
    {
        Assert.StartsWith("ravdess:", speaker);
        return int.Parse(speaker["ravdess:".Length..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int Actor(MappedItem m) => Actor(m.Item.Speaker);

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
            var train = split.Train.Select(Actor).ToHashSet();
            var validation = split.Validation.Select(Actor).ToHashSet();
            var test = split.Test.Select(Actor).ToHashSet();
            Assert.Equal(spec.TestActors.ToHashSet(), test);
            Assert.Equal(spec.TestSpeakers, split.TestSpeakers);
            Assert.Equal(split.ValidationSpeakers.Select(Actor).ToHashSet(), validation);
            Assert.Equal(2, validation.Count);
            Assert.Single(validation, a => a % 2 == 1);
            Assert.Single(split.Validation.Select(m => m.Item).DistinctBy(i => i.Speaker), i => i.Gender == Gender.Male);
            Assert.Empty(train.Intersect(test));
            Assert.Empty(train.Intersect(validation));
            Assert.Empty(validation.Intersect(test));
            Assert.Equal(24, train.Count + validation.Count + test.Count);
            Assert.Equal(corpus.Length, split.Train.Count + split.Validation.Count + split.Test.Count);
        }
    }

    [Fact]
    public void Split_EmoBoxFolds_HoldOutTheBenchmarksActors()
    {
        var corpus = FullCorpus();
        int[][] expected = [[1, 11, 20, 21], [4, 10, 12, 14], [8, 9, 19, 23], [3, 5, 7, 24]];
        for (var fold = 1; fold <= 4; fold++)
        {
            var split = CorpusSplitter.Split(corpus, SplitSpec.EmoBox(fold), 1);
            Assert.Equal(expected[fold - 1].Select(a => $"ravdess:{a:00}"), split.TestSpeakers);
            Assert.Equal(expected[fold - 1], split.Test.Select(Actor).Distinct().Order());
            Assert.Equal(4 * 60, split.Test.Count);
        }
    }

    [Fact]
    public void Split_All_TrainsOnEveryActorButTheValidationPair_AndHasNoTestPart()
    {
        var split = CorpusSplitter.Split(FullCorpus(), SplitSpec.All(), 4);

        Assert.Empty(split.Test);
        Assert.Empty(split.TestSpeakers);
        Assert.Equal(2, split.ValidationSpeakers.Count);
        Assert.Single(split.ValidationSpeakers, s => Actor(s) % 2 == 1);
        Assert.Equal(22, split.Train.Select(m => m.Item.Speaker).Distinct().Count());
        Assert.Empty(split.Train.Select(m => m.Item.Speaker).Intersect(split.ValidationSpeakers));
    }

    [Fact]
    public void Split_ValidationActors_DependOnTheSeed_AndRepeatForTheSameSeed()
    {
        var corpus = FullCorpus();
        var spec = SplitSpec.EmoBox(1);
        var picks = Enumerable.Range(0, 10).Select(s => string.Join(",", CorpusSplitter.Split(corpus, spec, s).ValidationSpeakers)).ToArray();
        Assert.True(picks.Distinct().Count() > 3, $"seeds chose {string.Join(" | ", picks)}");
        Assert.Equal(CorpusSplitter.Split(corpus, spec, 7).ValidationSpeakers, CorpusSplitter.Split(corpus, spec, 7).ValidationSpeakers);
    }

    [Fact]
    public void Split_DoesNotDependOnTheOrderOfTheItems()
    {
        var corpus = FullCorpus();
        var shuffled = corpus.Reverse().ToArray();
        foreach (var spec in new[] { SplitSpec.EmoBox(2), SplitSpec.Random(9) })
        {
            var a = CorpusSplitter.Split(corpus, spec, 3);
            var b = CorpusSplitter.Split(shuffled, spec, 3);
            Assert.Equal(a.Train, b.Train);
            Assert.Equal(a.Validation, b.Validation);
            Assert.Equal(a.Test, b.Test);
        }
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
        foreach (var label in Enumerable.Range(0, 8))
        {
            var total = corpus.Count(m => m.Label == label);
            var test = a.Test.Count(m => m.Label == label);
            var validation = a.Validation.Count(m => m.Label == label);
            Assert.Equal((int)Math.Round(0.2 * total, MidpointRounding.AwayFromZero), test);
            Assert.Equal((int)Math.Round(0.15 * (total - test), MidpointRounding.AwayFromZero), validation);
        }
        Assert.Empty(a.Test.Intersect(a.Train));
        Assert.Empty(a.Validation.Intersect(a.Train));
        Assert.Empty(a.Validation.Intersect(a.Test));
        Assert.Equal(corpus.Length, a.Train.Count + a.Validation.Count + a.Test.Count);
        Assert.Equal(a.Test, b.Test);
        Assert.Equal(a.Validation, b.Validation);
        Assert.NotEqual(a.Test.Select(m => m.Item.Id), c.Test.Select(m => m.Item.Id));
        Assert.Empty(a.ValidationSpeakers);
        Assert.Empty(a.TestSpeakers);
    }

    [Fact]
    public void TestPart_IsTheSplitsTestPart_WhateverTheSeed()
    {
        var corpus = FullCorpus();
        foreach (var spec in new[] { SplitSpec.EmoBox(3), SplitSpec.Random(9) })
        {
            var test = CorpusSplitter.TestPart(corpus, spec);
            Assert.Equal(CorpusSplitter.Split(corpus, spec, 5).Test.Select(m => m.Item.Id).Order(), test.Select(m => m.Item.Id).Order());
        }
    }

    [Fact]
    public void Split_Fails_WhenATestActorIsAbsent_OrTooFewTrainingActorsRemain()
    {
        var threeActors = FullCorpus().Where(m => Actor(m) is 1 or 2 or 3).ToArray();

        var absent = Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split(threeActors, SplitSpec.EmoBox(1), 1));
        Assert.Contains("test speaker(s) ravdess:11, ravdess:20, ravdess:21 have no clips", absent.Message);

        var tooFew = Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split(threeActors, SplitSpec.Actors([1]), 1));
        Assert.Contains("too few", tooFew.Message);

        // Two training speakers are too few even for one validation speaker (a corpus needs 4 to give one)
        var stillTooFew = Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split(threeActors, SplitSpec.Actors([1]), 1, new ValidationSplitOptions { Actors = 1 }));
        Assert.Contains("too few", stillTooFew.Message);

        // Four training speakers give one validation speaker, even when two are asked for
        var fiveActors = FullCorpus().Where(m => Actor(m) is >= 1 and <= 5).ToArray();
        var oneValidation = CorpusSplitter.Split(fiveActors, SplitSpec.Actors([1]), 1);
        var validation = Assert.Single(oneValidation.ValidationSpeakers);
        Assert.Contains(Actor(validation), new[] { 2, 3, 4, 5 });
        Assert.Equal(3, oneValidation.Train.Select(m => m.Item.Speaker).Distinct().Count());

        Assert.Throws<InvalidDataException>(() => CorpusSplitter.Split([], SplitSpec.EmoBox(1), 1));
    }

    [Fact]
    public void Split_PicksBothGenders_WhenOnlyOneGenderIsLeftForOneSide()
    {
        // Given actor 1 tested and ten training actors of whom only actor 3 is a man (ten speakers give two validation speakers):
        // the two validation actors must be actor 3 and a woman
        var corpus = FullCorpus().Where(m => Actor(m) is 1 or 3 || (Actor(m) % 2 == 0 && Actor(m) <= 18)).ToArray();
        foreach (var seed in Enumerable.Range(0, 8))
        {
            var split = CorpusSplitter.Split(corpus, SplitSpec.Actors([1]), seed);
            Assert.Equal(2, split.ValidationSpeakers.Count);
            Assert.Contains("ravdess:03", split.ValidationSpeakers);
            Assert.DoesNotContain("ravdess:01", split.ValidationSpeakers);
        }
    }
}
