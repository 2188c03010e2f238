using SpeechEmotion.Audio;
using SpeechEmotion.Data;

namespace SpeechEmotion.Tests.Data;

public class RoomAndLengthAugmentationTests
{
    private const int Rate = 22050;

    private static AudioBuffer Burst()
    {
        // 0.3 s of tone, then 0.7 s of silence: reverberation shows as energy in the silence.
        var samples = new float[Rate];
        for (var i = 0; i < (int)(0.3 * Rate); i++)
            samples[i] = (float)(0.3 * Math.Sin(2 * Math.PI * 300 * i / Rate));
        return new AudioBuffer(samples, Rate);
    }

    private static AugmentationOptions Only(double crop = 1, double pad = 0, double reverb = 0) => new()
    {
        Copies = 1, GainDb = 0, MinSnrDb = 120, MaxSnrDb = 120, MaxShiftSeconds = 0, MinSpeed = 1, MaxSpeed = 1,
        MinCropFraction = crop, MaxPadSeconds = pad, ReverbProbability = reverb, MinRt60Seconds = 0.6, MaxRt60Seconds = 0.6,
    };

    private static double Energy(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        foreach (var s in samples) sum += (double)s * s;
        return sum;
    }

    [Fact]
    public void Reverb_SpreadsEnergyIntoTheSilenceAfterTheSound_AndIsSeeded()
    {
        var augmenter = new WaveformAugmenter(Only(reverb: 1));
        var dry = Burst();
        var wet = augmenter.Apply(dry, seed: 1, "k", 1);

        Assert.Equal(dry.Samples.Length, wet.Samples.Length);
        var tail = wet.Samples.AsSpan((int)(0.4 * Rate), (int)(0.2 * Rate));
        Assert.True(Energy(tail) > 1e-4 * Energy(dry.Samples), "a 0.6 s room leaves a tail 0.1-0.3 s after the sound");
        Assert.Equal(wet.Samples, augmenter.Apply(dry, seed: 1, "k", 1).Samples);
    }

    [Fact]
    public void Crop_KeepsAContiguousPart_OfAtLeastTheMinimumShare()
    {
        var augmenter = new WaveformAugmenter(Only(crop: 0.5));
        var source = new AudioBuffer(Enumerable.Range(0, Rate).Select(i => i / (float)Rate).ToArray(), Rate);   // a ramp: each value says where it came from
        for (var copy = 1; copy <= 20; copy++)
        {
            var cropped = augmenter.Apply(source, seed: 3, "k", copy).Samples;
            Assert.InRange(cropped.Length, Rate / 2, Rate);
            for (var i = 1; i < cropped.Length; i++)
                Assert.Equal(1f / Rate, cropped[i] - cropped[i - 1], 1e-5);   // one source step apart (float rounding near 1 is ~1e-6)
        }
    }

    [Fact]
    public void Padding_AddsQuietNoise_AtBothEnds_WithinTheLimit()
    {
        var options = Only(pad: 0.5) with { MinSnrDb = 30, MaxSnrDb = 30 };
        var augmenter = new WaveformAugmenter(options);
        var clip = Burst();
        var lengths = Enumerable.Range(1, 20).Select(k => augmenter.Apply(clip, seed: 5, "k", k).Samples.Length).ToArray();
        Assert.All(lengths, n => Assert.InRange(n, Rate, Rate + Rate));
        Assert.True(lengths.Distinct().Count() > 10, "each copy draws its own padding");
    }

    [Fact]
    public void TheFirstRecipe_IsUnchanged_WhenTheNewStagesAreOff()
    {
        // The cache keys of augmented copies made before cropping, padding and reverberation existed stay valid.
        Assert.EndsWith("/v1", new AugmentationOptions().Recipe);
        Assert.Contains("reverb0.5", new AugmentationOptions { ReverbProbability = 0.5 }.Recipe);
    }

    [Fact]
    public void Validate_ListsTheNewStagesBadValues()
    {
        var e = Assert.Throws<ArgumentException>(new AugmentationOptions { MinCropFraction = 0, MaxPadSeconds = -1, ReverbProbability = 2, MinRt60Seconds = 0 }.Validate);
        Assert.Contains("min_crop_fraction", e.Message);
        Assert.Contains("max_pad_seconds", e.Message);
        Assert.Contains("reverb_probability", e.Message);
        Assert.Contains("rt60", e.Message);
    }
}
