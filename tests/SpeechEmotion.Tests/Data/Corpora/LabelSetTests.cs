using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Tests.Data.Corpora;

public class LabelSetTests
{
    private static CorpusItem Item(string corpus, string emotion, int n) =>
        new($"{corpus}/{emotion}{n}.wav", $"/x/{emotion}{n}.wav", emotion, $"{corpus}:s", corpus);

    [Fact]
    public void Ravdess_HasTheModelLabels_InRavdessOrder()
    {
        Assert.Equal(EmotionLabels.Ravdess, LabelSet.Ravdess.Labels);
        Assert.Equal(EmotionVocabulary.All.Take(8), LabelSet.Ravdess.Labels);
        LabelSet.Ravdess.Validate();
        LabelSet.Common6.Validate();
    }

    [Fact]
    public void Apply_DropsAndCountsEmoDbBoredom_WithRavdessLabels()
    {
        // Given EmoDB clips of anger and boredom, and a RAVDESS calm clip
        CorpusItem[] items = [Item("emodb", "angry", 1), Item("emodb", "boredom", 1), Item("emodb", "boredom", 2), Item("ravdess", "calm", 1)];

        // When they are mapped onto the RAVDESS labels
        var mapping = LabelSet.Ravdess.Apply(items);

        // Then boredom is dropped and counted, never relabelled, and the rest keep their RAVDESS index
        Assert.Equal([(items[0], 4), (items[3], 1)], mapping.Kept.Select(k => (k.Item, k.Label)));
        Assert.Equal([new DroppedLabel("emodb", "boredom", 2)], mapping.Dropped);
        Assert.Equal(2, mapping.DroppedCount);
    }

    [Fact]
    public void Apply_MergesCalmIntoNeutral_AndDropsSurprised_WithCommon6()
    {
        // Given calm, neutral, surprised and disgust clips
        CorpusItem[] items = [Item("turev", "calm", 1), Item("savee", "neutral", 1), Item("savee", "surprised", 1), Item("tess", "disgust", 1)];

        // When they are mapped onto the six common labels
        var mapping = LabelSet.Common6.Apply(items);

        // Then calm becomes neutral (index 0), disgust keeps its index and surprised is dropped
        Assert.Equal([0, 0, 5], mapping.Kept.Select(k => k.Label));
        Assert.Equal([new DroppedLabel("savee", "surprised", 1)], mapping.Dropped);
        Assert.Equal(0, LabelSet.Common6.IndexOf("calm"));
        Assert.Null(LabelSet.Common6.IndexOf("boredom"));
    }

    [Fact]
    public void Validate_ListsEveryProblem_InOneException()
    {
        // Given a set with a repeated label, a map to a non-label and a remapped label
        var set = new LabelSet
        {
            Labels = ["a", "b", "a"],
            Map = new Dictionary<string, string> { ["x"] = "zzz", ["b"] = "a" },
        };

        // When it is validated
        var error = Assert.Throws<ArgumentException>(() => set.Validate());

        // Then one message lists all three problems
        Assert.Contains("'a' appears 2 times", error.Message);
        Assert.Contains("x -> 'zzz' is not one of the labels", error.Message);
        Assert.Contains("b is itself a label", error.Message);
        Assert.Contains("labels: none given", Assert.Throws<ArgumentException>(() => new LabelSet { Labels = [] }.Validate()).Message);
    }

    [Fact]
    public void Json_RoundTrips_WithSnakeCaseNames()
    {
        // When the common set is written and read back
        var json = LabelSet.Common6.ToJson();
        var back = LabelSet.FromJson(json);

        // Then the JSON uses labels / label_map and the set is unchanged
        Assert.Contains("\"labels\"", json);
        Assert.Contains("\"label_map\"", json);
        Assert.Equal(LabelSet.Common6.Labels, back.Labels);
        Assert.Equal("neutral", back.Map["calm"]);
        Assert.Throws<InvalidDataException>(() => LabelSet.FromJson("{\"labels\":[\"a\"],\"label_map\":{\"b\":\"c\"}}"));
        Assert.Throws<InvalidDataException>(() => LabelSet.FromJson("{\"label_map\":{}}"));
    }
}
