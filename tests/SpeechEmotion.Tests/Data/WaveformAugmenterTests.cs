using SpeechEmotion.Audio;
using SpeechEmotion.Data;

namespace SpeechEmotion.Tests.Data;

public class WaveformAugmenterTests
{
    private static AudioBuffer Tone(int n = 22050) =>
        new(Enumerable.Range(0, n).Select(i => (float)(0.3 * Math.Sin(2 * Math.PI * 440 * i / 22050.0))).ToArray(), 22050);

    [Fact]
    public void Apply_IsSeeded_KeepsLength_AndDiffersPerCopy()
    {
        // Given default augmentation and one clip
        var augmenter = new WaveformAugmenter(new AugmentationOptions { Copies = 3 });
        var audio = Tone();

        // When copies are made twice with the same seed, and with other copy numbers and seeds
        var first = augmenter.Apply(audio, seed: 1, "key", index: 1);
        var again = augmenter.Apply(audio, seed: 1, "key", index: 1);
        var copy2 = augmenter.Apply(audio, seed: 1, "key", index: 2);
        var otherSeed = augmenter.Apply(audio, seed: 2, "key", index: 1);

        // Then the same inputs give the same samples, every copy keeps length and rate, and copies differ
        Assert.Equal(first.Samples, again.Samples);
        Assert.All(new[] { first, copy2, otherSeed }, a =>
        {
            Assert.Equal(audio.Samples.Length, a.Samples.Length);
            Assert.Equal(audio.SampleRate, a.SampleRate);
            Assert.All(a.Samples, s => Assert.True(float.IsFinite(s)));
        });
        Assert.NotEqual(first.Samples, copy2.Samples);
        Assert.NotEqual(first.Samples, otherSeed.Samples);
        Assert.NotEqual(audio.Samples, first.Samples);
    }

    [Fact]
    public void Apply_AddsNoiseAtTheRequestedSnr()
    {
        // Given augmentation reduced to noise at exactly 20 dB SNR
        var augmenter = new WaveformAugmenter(new AugmentationOptions
        {
            GainDb = 0, MinSnrDb = 20, MaxSnrDb = 20, MaxShiftSeconds = 0, MinSpeed = 1, MaxSpeed = 1,
        });
        var audio = Tone(44100);

        // When applied
        var noisy = augmenter.Apply(audio.Samples, audio.SampleRate, new Random(3));

        // Then the residual's power is 1/100 of the signal's, within sampling error
        double signal = 0, noise = 0;
        for (var i = 0; i < noisy.Length; i++)
        {
            signal += audio.Samples[i] * (double)audio.Samples[i];
            noise += (noisy[i] - audio.Samples[i]) * (double)(noisy[i] - audio.Samples[i]);
        }
        Assert.InRange(10 * Math.Log10(signal / noise), 19.8, 20.2);
    }

    [Fact]
    public void Apply_ShiftsAndScales_AsConfigured()
    {
        // Given augmentation reduced to gain within +-6 dB (noise at 200 dB SNR is below float resolution)
        var augmenter = new WaveformAugmenter(new AugmentationOptions
        {
            GainDb = 6, MinSnrDb = 200, MaxSnrDb = 200, MaxShiftSeconds = 0, MinSpeed = 1, MaxSpeed = 1,
        });
        var audio = Tone(1000);

        var scaled = augmenter.Apply(audio.Samples, audio.SampleRate, new Random(11));

        // Then every sample is the original times one common factor within +-6 dB
        var ratio = scaled[100] / audio.Samples[100];
        Assert.InRange(ratio, Math.Pow(10, -6 / 20.0), Math.Pow(10, 6 / 20.0));
        for (var i = 1; i < audio.Samples.Length; i++)
            Assert.Equal(audio.Samples[i] * ratio, scaled[i], 1e-5f);
    }

    [Theory]
    [InlineData(-1, 6, 15, 30, 0.9, 1.1, "copies")]
    [InlineData(1, 6, 30, 15, 0.9, 1.1, "min_snr_db")]
    [InlineData(1, 6, 15, 30, 1.2, 1.1, "min_speed")]
    [InlineData(1, -3, 15, 30, 0.9, 1.1, "gain_db")]
    public void Options_Validate_NamesTheBadSetting(int copies, double gain, double minSnr, double maxSnr, double minSpeed, double maxSpeed, string name)
    {
        var options = new AugmentationOptions { Copies = copies, GainDb = gain, MinSnrDb = minSnr, MaxSnrDb = maxSnr, MinSpeed = minSpeed, MaxSpeed = maxSpeed };
        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains(name, error.Message);
    }
}
