using CsCheck;
using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Features;

public sealed class FeaturePropertyTests
{
    private static readonly FeatureExtractor AllFrames = new(new FeatureOptions { MaxFrames = null });

    [Fact]
    public void FrameCount_WhenCentred_IsOnePlusSamplesOverHop()
    {
        // Given any clip length (centred frames, hop 512)
        Gen.Int[0, 200_000].Sample(n =>
        {
            // Then the frame count is 1 + n / hop, as librosa's
            Assert.Equal(1 + n / 512, AllFrames.FrameCount(n));
        }, iter: 2000);
    }

    [Fact]
    public void Extract_GivesOneRowPerFrame_ForSeededNoise()
    {
        // Given seeded noise of assorted lengths
        Gen.Int[0, 30_000].Sample(n =>
        {
            var random = new Random(n);
            var y = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();

            // When all frames are extracted
            var features = AllFrames.Extract(y);

            // Then there are 1 + n / 512 rows of 121 finite values
            Assert.Equal(1 + n / 512, features.Frames);
            Assert.Equal(121, features.Features);
            Assert.All(features.Data, v => Assert.True(float.IsFinite(v)));
        }, iter: 40);
    }

    [Theory]
    [InlineData(40, 9)]
    [InlineData(9, 9)]
    [InlineData(5, 9)]
    [InlineData(2, 9)]
    [InlineData(30, 5)]
    public void Delta_OfRamp_IsItsSlope(int frames, int width)
    {
        // Given columns that rise linearly with different slopes
        const int columns = 3;
        var data = new double[frames * columns];
        for (int t = 0; t < frames; t++)
        {
            for (int c = 0; c < columns; c++)
                data[t * columns + c] = 4 - 0.5 * t * (c + 1);
        }
        var delta = new double[data.Length];
        var delta2 = new double[data.Length];

        // When the first and second deltas are taken
        new Deltas(width, 1).Apply(data, frames, columns, delta);
        new Deltas(width, 2).Apply(data, frames, columns, delta2);

        // Then every frame, edges included, has the slope as delta and zero as delta-delta
        for (int t = 0; t < frames; t++)
        {
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(-0.5 * (c + 1), delta[t * columns + c], 1e-9);
                Assert.Equal(0, delta2[t * columns + c], 1e-9);
            }
        }
    }

    [Fact]
    public void DeltaDelta_OfParabola_IsTwiceItsLeadingCoefficient()
    {
        // Given a parabola 0.3 t^2 - t + 2 over 20 frames
        const int frames = 20;
        var data = Enumerable.Range(0, frames).Select(t => 0.3 * t * t - t + 2).ToArray();
        var result = new double[frames];

        // When the second delta is taken
        new Deltas(9, 2).Apply(data, frames, 1, result);

        // Then it is 0.6 everywhere
        Assert.All(result, v => Assert.Equal(0.6, v, 1e-9));
    }

    [Fact]
    public void Delta_OfShortSequence_EqualsWindowShrunkToItsLength()
    {
        // Given a 5-frame sequence of seeded noise (shorter than the width of 9)
        var random = new Random(5);
        var data = Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray();
        var wide = new double[5];
        var exact = new double[5];

        // When deltas are taken with width 9 and with width 5
        new Deltas(9, 1).Apply(data, 5, 1, wide);
        new Deltas(5, 1).Apply(data, 5, 1, exact);

        // Then they agree: a short clip is one least-squares fit over all its frames
        for (int t = 0; t < 5; t++)
            Assert.Equal(exact[t], wide[t], 1e-12);
    }

    [Fact]
    public void Delta_OfSingleFrame_IsZero()
    {
        // Given one frame
        var data = new[] { 3.0, -1.0 };
        var result = new[] { 9.0, 9.0 };

        // When its delta is taken
        new Deltas(9, 1).Apply(data, 1, 2, result);

        // Then nothing changes over time
        Assert.Equal([0.0, 0.0], result);
    }

    [Theory]
    [InlineData(0.25f)]
    [InlineData(-0.7f)]
    public void Rms_OfConstant_IsItsMagnitude(float value)
    {
        // Given a constant signal, padded by repeating its edge samples
        var extractor = new FeatureExtractor(new FeatureOptions { MaxFrames = null, PadMode = PadMode.Edge });
        var y = Enumerable.Repeat(value, 10_000).ToArray();

        // When its features are extracted
        var features = extractor.Extract(y);

        // Then the RMS column equals |value| in every frame
        for (int t = 0; t < features.Frames; t++)
            Assert.Equal(Math.Abs(value), features[t, 120], 1e-6);
    }

    [Fact]
    public void Rms_OfConstant_WithZeroPadding_IsItsMagnitudeAwayFromTheEdges()
    {
        // Given a constant signal with librosa's default zero padding
        var y = Enumerable.Repeat(0.5f, 10_000).ToArray();

        // When its features are extracted
        var features = AllFrames.Extract(y);

        // Then frames fully inside the clip have RMS 0.5 and the first frame sees half zeros
        for (int t = 2; t < features.Frames - 4; t++)
            Assert.Equal(0.5, features[t, 120], 1e-6);
        Assert.Equal(0.5 * Math.Sqrt(0.5), features[0, 120], 1e-6);
    }

    [Fact]
    public void OrthoDct_PreservesEnergy()
    {
        // Given random vectors and the full 128-point orthonormal DCT
        var dct = new Dct(128, 128);
        Gen.Double[-100, 100].Array[128].Sample(x =>
        {
            var y = new double[128];

            // When transformed
            dct.Forward(x, y);

            // Then the sum of squares is unchanged (Parseval)
            double ex = x.Sum(v => v * v), ey = y.Sum(v => v * v);
            Assert.Equal(ex, ey, 1e-9 * Math.Max(1, ex));
        }, iter: 200);
    }

    [Fact]
    public void OrthoDct_OfConstant_HasOnlyTheFirstCoefficient()
    {
        // Given a constant vector of length 128
        var dct = new Dct(128, 40);
        var y = new double[40];

        // When transformed
        dct.Forward(Enumerable.Repeat(2.0, 128).ToArray(), y);

        // Then y0 = 2 * sqrt(128) and the rest vanish
        Assert.Equal(2 * Math.Sqrt(128), y[0], 1e-9);
        Assert.All(y.Skip(1), v => Assert.Equal(0, v, 1e-9));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(500.0, 7.5)]
    [InlineData(1000.0, 15.0)]
    [InlineData(6400.0, 42.0)]
    public void HzToMel_FollowsSlaneyScale(double hz, double mel)
    {
        // Then the scale is linear (3 per 200 Hz) to 1 kHz and 27 mels per factor 6.4 above
        Assert.Equal(mel, MelFilterBank.HzToMel(hz), 1e-9);
        Assert.Equal(hz, MelFilterBank.MelToHz(mel), 1e-9);
    }

    [Fact]
    public void MelFilterBank_FiltersHaveUnitAreaInHz()
    {
        // Given the default 128-band Slaney filter bank at 22050 Hz
        var bank = new MelFilterBank(22050, 2048, 128, 0, 11025);
        var dense = bank.ToDense(1025);

        // Then each triangle (height 2 / width) integrates to about 1 over frequency
        double binHz = 22050.0 / 2048;
        for (int m = 10; m < 128; m++)
        {
            double area = 0;
            for (int k = 0; k < 1025; k++)
                area += dense[m, k] * binHz;
            Assert.InRange(area, 0.9, 1.1);
        }
    }
}
