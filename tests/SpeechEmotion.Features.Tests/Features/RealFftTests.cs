using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Features;

public sealed class RealFftTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(2048)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(2000)]
    public void Forward_EqualsDirectDft(int n)
    {
        // Given a seeded random real frame
        var random = new Random(n);
        var x = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var fft = new RealFft(n);
        var re = new double[fft.Bins];
        var im = new double[fft.Bins];

        // When it is transformed
        fft.Forward(x, re, im, fft.CreateScratch());

        // Then every bin equals the textbook DFT sum
        for (int k = 0; k < fft.Bins; k++)
        {
            double sr = 0, si = 0;
            for (int t = 0; t < n; t++)
            {
                double angle = -2 * Math.PI * ((long)k * t % n) / n;
                sr += x[t] * Math.Cos(angle);
                si += x[t] * Math.Sin(angle);
            }
            Assert.Equal(sr, re[k], 1e-9 * n);
            Assert.Equal(si, im[k], 1e-9 * n);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(16)]
    [InlineData(64)]
    [InlineData(2048)]
    [InlineData(1000)]
    [InlineData(9)]
    public void Power_OfWindowedFloats_EqualsSquaredSpectrum(int n)
    {
        // Given seeded float samples and a window
        var random = new Random(n + 1);
        var samples = Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var window = Enumerable.Range(0, n).Select(i => 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / n)).ToArray();
        var fft = new RealFft(n);
        var re = new double[fft.Bins];
        var im = new double[fft.Bins];
        var power = new double[fft.Bins];

        // When the power spectrum is computed
        fft.Power(samples, window, power, fft.CreateScratch());

        // Then it equals |X|^2 of the windowed frame
        fft.Forward(samples.Select((v, i) => v * window[i]).ToArray(), re, im, fft.CreateScratch());
        for (int k = 0; k < fft.Bins; k++)
            Assert.Equal(re[k] * re[k] + im[k] * im[k], power[k], 1e-9 * n);
    }

    [Fact]
    public void Forward_OfSinusoid_PutsEnergyInItsBin()
    {
        // Given a cosine with exactly 37 periods in 2048 samples
        const int n = 2048;
        var x = Enumerable.Range(0, n).Select(t => Math.Cos(2 * Math.PI * 37 * t / n)).ToArray();
        var fft = new RealFft(n);
        var re = new double[fft.Bins];
        var im = new double[fft.Bins];

        // When it is transformed
        fft.Forward(x, re, im, fft.CreateScratch());

        // Then bin 37 holds n/2 and every other bin is numerically zero
        for (int k = 0; k < fft.Bins; k++)
        {
            double magnitude = Math.Sqrt(re[k] * re[k] + im[k] * im[k]);
            Assert.Equal(k == 37 ? n / 2.0 : 0.0, magnitude, 1e-9);
        }
    }
}
