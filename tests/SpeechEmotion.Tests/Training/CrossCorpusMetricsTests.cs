using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using SpeechEmotion.Training;

namespace SpeechEmotion.Tests.Training;

public class CrossCorpusMetricsTests
{
    private static readonly IReadOnlyList<string> Labels = EmotionLabels.Ravdess;

    [Fact]
    public void Uar_AveragesOverTheEmotionsACorpusHas()
    {
        // Given a corpus with only angry (4) and sad (3) clips, half of each recognised, the rest called "calm"
        int[] truth = [4, 4, 4, 4, 3, 3];
        int[] predicted = [4, 4, 1, 1, 3, 1];

        // When scored with the 8-way label set
        var m = ClassificationMetrics.Compute(truth, predicted, Labels);

        // Then UAR is the mean of the two recalls (0.5 and 0.5), not diluted by the six absent emotions; "calm" still costs recall
        Assert.Equal(0.5, m.Uar, 12);
        Assert.Equal((2.0 * 2 / (4 + 2) + 2.0 * 1 / (2 + 1)) / 2, m.MacroF1, 12);
        Assert.Equal([0, 3, 0, 1, 2, 0, 0, 0], m.Predicted);
    }

    [Fact]
    public void OneLabelDominating_IsFlagged_AboveFortyPercent()
    {
        int[] truth = [0, 1, 2, 3, 4, 5, 6, 7, 0, 1];
        var fine = ClassificationMetrics.Compute(truth, [0, 1, 6, 6, 6, 6, 2, 3, 4, 5], Labels);   // disgust 4 of 10
        var skewed = ClassificationMetrics.Compute(truth, [6, 6, 6, 6, 6, 0, 2, 3, 4, 5], Labels); // disgust 5 of 10

        Assert.False(fine.OneLabelDominates);
        Assert.True(skewed.OneLabelDominates);
        Assert.Equal(("disgust", 0.5), skewed.MostPredicted);
    }

    [Fact]
    public void LengthBucketing_KeepsEveryClipOnce_AndGroupsSimilarLengths()
    {
        // Given 640 clips of lengths 1..640 in a shuffled order
        var random = new Random(1);
        var lengths = Enumerable.Range(1, 640).ToArray();
        var order = Enumerable.Range(0, 640).Select(i => (long)i).ToArray();
        random.Shuffle(order);

        // When batches of 32 are bucketed by length in pools of 10 batches
        var bucketed = EpochSampler.BucketByLength(order, lengths, 32, new Random(2), poolBatches: 10);

        // Then every clip appears once, and the padding a batch needs is small next to random batches
        Assert.Equal(order.Order(), bucketed.Order());
        static double Padding(long[] o, int[] len) => o.Chunk(32).Sum(b => b.Max(i => len[i]) * b.Length - b.Sum(i => len[i]));
        Assert.True(Padding(bucketed, lengths) < Padding(order, lengths) / 5);
    }

    [Fact]
    public void CorpusBalancedWeights_GiveEachCorpusAndEachOfItsLabelsTheSameTotalWeight()
    {
        // Given a big corpus (90 angry, 10 sad clips) and a small one (4 angry, 4 happy, 4 neutral)
        var features = new FeatureMatrix(new float[121], 1, 121);
        LabeledClip Clip(string corpus, int label, int i) => new($"{corpus}/{label}/{i}", features, label, 1) { Corpus = corpus };
        var clips = Enumerable.Range(0, 90).Select(i => Clip("big", 4, i))
            .Concat(Enumerable.Range(0, 10).Select(i => Clip("big", 3, i)))
            .Concat(new[] { 4, 2, 0 }.SelectMany(label => Enumerable.Range(0, 4).Select(i => Clip("small", label, i))))
            .ToArray();

        // When weighed for corpus balance
        var weights = ClipTensors.CorpusBalancedWeights(clips);

        // Then each corpus carries half the weight, split equally among its labels, and the mean weight is 1
        double Total(Func<LabeledClip, bool> which) => clips.Select((c, i) => which(c) ? weights[i] : 0.0).Sum();
        Assert.Equal(Total(c => c.Corpus == "big"), Total(c => c.Corpus == "small"), 3);
        Assert.Equal(Total(c => c.Corpus == "big" && c.Label == 4), Total(c => c.Corpus == "big" && c.Label == 3), 3);
        Assert.Equal(Total(c => c.Corpus == "small" && c.Label == 0), Total(c => c.Corpus == "small" && c.Label == 2), 3);
        Assert.Equal(1.0, weights.Average(), 5);
    }
}
