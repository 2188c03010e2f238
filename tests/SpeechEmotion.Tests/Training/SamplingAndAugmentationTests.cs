using SpeechEmotion.Training;
using TorchSharp;

namespace SpeechEmotion.Tests.Training;

public class SamplingAndAugmentationTests
{
    [Fact]
    public void Order_WithOversampling_BalancesTheClasses_AndKeepsEveryClip()
    {
        // Given 6 clips of class 0, 3 of class 1 and 1 of class 2
        int[] labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2];

        // When an epoch order is drawn with oversampling
        var order = EpochSampler.Order(labels, oversample: true, new Random(1));

        // Then every class appears 6 times and every original clip at least once
        Assert.Equal(18, order.Length);
        Assert.All(order.GroupBy(i => labels[i]), g => Assert.Equal(6, g.Count()));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), order.Distinct().Order());
    }

    [Fact]
    public void Order_IsReproducibleFromTheEpochSeed_AndDiffersBetweenEpochs()
    {
        // Given the same labels
        var labels = Enumerable.Range(0, 50).Select(i => i % 5).ToArray();

        // When orders are drawn for epochs 1, 1 and 2 of the same run
        long[] Draw(int epoch) => EpochSampler.Order(labels, false, new Random(EpochSampler.EpochSeed(42, epoch)));

        // Then the same epoch repeats exactly and another epoch differs
        Assert.Equal(Draw(1), Draw(1));
        Assert.NotEqual(Draw(1), Draw(2));
    }

    [Fact]
    public void SpecAugment_MasksOnlyWithinValidFrames()
    {
        // Given a batch of ones with valid lengths 30 and 10 of 40 frames, and wide masks
        using var scope = torch.NewDisposeScope();
        torch.random.manual_seed(5);
        var x = torch.ones(2, 40, 121);
        var valid = torch.tensor(new long[] { 30, 10 });
        var options = new SpecAugmentOptions { TimeMasks = 2, MaxTimeMaskFrames = 8, FeatureMasks = 2, MaxFeatureMaskWidth = 10 };

        // When masks are applied
        var masked = SpecAugment.Apply(x, valid, options);

        // Then some values are zeroed, and no time mask reaches past a clip's valid frames
        Assert.True(masked.eq(0).sum().item<long>() > 0);
        var zeroFrames = masked.eq(0).all(2); // frames zeroed across all features = time-masked
        Assert.False(zeroFrames[0].narrow(0, 30, 10).any().item<bool>());
        Assert.False(zeroFrames[1].narrow(0, 10, 30).any().item<bool>());
    }
}
