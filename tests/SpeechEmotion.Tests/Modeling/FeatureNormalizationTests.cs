using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Tests.Modeling;

public class FeatureNormalizationTests
{
    private static LabeledClip Clip(float[,] rows, int valid)
    {
        var (frames, features) = (rows.GetLength(0), rows.GetLength(1));
        var data = new float[frames * features];
        for (var t = 0; t < frames; t++)
            for (var f = 0; f < features; f++)
                data[t * features + f] = rows[t, f];
        return new LabeledClip("c", new FeatureMatrix(data, frames, features), 0, valid);
    }

    [Fact]
    public void Fit_UsesValidFramesOnly()
    {
        // Given two clips whose padding rows hold large values
        var a = Clip(new float[,] { { 1, 10 }, { 3, 10 }, { 99, 99 } }, valid: 2);
        var b = Clip(new float[,] { { 5, 10 }, { 99, 99 } }, valid: 1);

        // When normalization is fitted
        var n = FeatureNormalization.Fit([a, b]);

        // Then mean and (population) std come from the 3 valid frames; a constant feature gets the floor
        Assert.Equal(3f, n.Mean[0], 5);
        Assert.Equal((float)Math.Sqrt(8.0 / 3), n.Std[0], 5);
        Assert.Equal(10f, n.Mean[1], 5);
        Assert.Equal(FeatureNormalization.StdFloor, n.Std[1]);
    }

    [Fact]
    public void Apply_StandardizesValidFrames_AndZeroesPadding()
    {
        // Given a normalization and a clip with one padding frame of garbage
        var n = new FeatureNormalization([1f, 2f], [2f, 4f]);
        var clip = Clip(new float[,] { { 3, 2 }, { 1, 10 }, { 7, 7 } }, valid: 2);

        // When it is applied
        var m = n.Apply(clip.Features.Load(), clip.ValidFrames);

        // Then valid frames are (x - mean) / std and the padding frame is zero
        Assert.Equal(new float[] { 1, 0, 0, 2, 0, 0 }, m.Data);
    }

    [Fact]
    public void Fit_RefusesClipsWithoutValidFrames()
    {
        // Given a clip with no valid frames
        var clip = Clip(new float[,] { { 1, 2 } }, valid: 0);

        // When / Then fitting explains the problem
        var e = Assert.Throws<ArgumentException>(() => FeatureNormalization.Fit([clip]));
        Assert.Contains("no valid frames", e.Message);
    }
}
