using System.Security.Cryptography;
using System.Text;
using SpeechEmotion.Audio;

namespace SpeechEmotion.Data;

/// <summary>
/// Applies <see cref="AugmentationOptions"/> to a waveform. Deterministic: copy <c>index</c> of a clip
/// depends only on the seed, the clip's content key and the index, never on thread scheduling.
/// The output has the input's sample rate, and its length unless cropping or padding is on.
/// </summary>
public sealed class WaveformAugmenter
{
    /// <summary>Creates an augmenter; options are validated here.</summary>
    public WaveformAugmenter(AugmentationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings in use.</summary>
    public AugmentationOptions Options { get; }

    /// <summary>Augmented copy number <paramref name="index"/> (1-based) of a clip.</summary>
    /// <param name="audio">The clip at the feature sample rate.</param>
    /// <param name="seed">Run seed.</param>
    /// <param name="contentKey">The clip's content key (<see cref="Features.FeatureCache.ContentKey"/>).</param>
    /// <param name="index">Copy number, 1 ... <see cref="AugmentationOptions.Copies"/>.</param>
    public AudioBuffer Apply(AudioBuffer audio, int seed, string contentKey, int index)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentNullException.ThrowIfNull(contentKey);
        var random = new Random(DeriveSeed(seed, contentKey, index));
        return new AudioBuffer(Apply(audio.Samples, audio.SampleRate, random), audio.SampleRate);
    }

    /// <summary>
    /// Transforms <paramref name="samples"/> with draws from <paramref name="random"/>: crop, speed, shift, gain,
    /// reverberation, padding, noise (the noise also covers the padding). Without cropping and padding the output
    /// has the input's length.
    /// </summary>
    public float[] Apply(ReadOnlySpan<float> samples, int sampleRate, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var o = Options;
        var speed = Uniform(random, o.MinSpeed, o.MaxSpeed);
        var shift = (int)Math.Round(Uniform(random, -o.MaxShiftSeconds, o.MaxShiftSeconds) * sampleRate);
        var gain = Math.Pow(10, Uniform(random, -o.GainDb, o.GainDb) / 20);
        var snrDb = Uniform(random, o.MinSnrDb, o.MaxSnrDb);
        // Later additions draw only when switched on, so the first recipe's copies stay what they were.
        if (o.MinCropFraction < 1 && samples.Length > 0)
        {
            var keep = (int)Math.Round(samples.Length * Uniform(random, o.MinCropFraction, 1));
            var from = random.Next(samples.Length - keep + 1);
            samples = samples.Slice(from, Math.Max(1, keep));
        }
        var padBefore = o.MaxPadSeconds > 0 ? (int)(Uniform(random, 0, o.MaxPadSeconds) * sampleRate) : 0;
        var padAfter = o.MaxPadSeconds > 0 ? (int)(Uniform(random, 0, o.MaxPadSeconds) * sampleRate) : 0;
        double? rt60 = o.ReverbProbability > 0 && random.NextDouble() < o.ReverbProbability ? Uniform(random, o.MinRt60Seconds, o.MaxRt60Seconds) : null;
        var wet = rt60 is null ? 0 : Uniform(random, 0.2, 0.6);

        var n = samples.Length;
        var output = new float[padBefore + n + padAfter];
        var body = output.AsSpan(padBefore, n);
        for (var i = 0; i < n; i++)
        {
            // Output sample i plays source position (i - shift) * speed, linearly interpolated; outside the clip is silence.
            var position = (i - shift) * speed;
            var left = (int)Math.Floor(position);
            if (left < 0 || left >= n)
                continue;
            var frac = position - left;
            var next = left + 1 < n ? samples[left + 1] : 0f;
            body[i] = (float)(gain * (samples[left] * (1 - frac) + next * frac));
        }
        if (rt60 is double t60)
            RoomReverb.Apply(body, sampleRate, t60, wet);

        double power = 0;
        foreach (var value in body)
            power += (double)value * value;
        var noiseStd = n == 0 ? 0 : Math.Sqrt(power / n / Math.Pow(10, snrDb / 10));
        for (var i = 0; i < output.Length; i++)
            output[i] += (float)(noiseStd * Gaussian(random));
        return output;
    }

    /// <summary>A seed for one copy, stable across platforms and runs.</summary>
    public static int DeriveSeed(int seed, string contentKey, int index)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}|{contentKey}|{index}"));
        return BitConverter.ToInt32(hash, 0) & int.MaxValue;
    }

    private static double Uniform(Random random, double min, double max) => min + (max - min) * random.NextDouble();

    private static double Gaussian(Random random)
    {
        // Box-Muller; 1 - NextDouble() is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
