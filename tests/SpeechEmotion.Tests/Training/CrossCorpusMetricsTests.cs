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
}
