namespace SpeechEmotion.Audio;

/// <summary>
/// Collects interleaved float frames from a streaming decoder as mono samples (channel mean in float32, in channel
/// order, as <see cref="SampleDecoder"/> does for WAV) and refuses more than a set number of samples.
/// </summary>
internal sealed class MonoAccumulator(int channels, long maxSamples)
{
    private float[] _samples = new float[1 << 14];
    private double _maxSeconds = double.PositiveInfinity;   // the duration limit, for its error (ForDecoding)
    private bool _bySampleBudget;                          // the sample budget, not the duration, set maxSamples

    /// <summary>
    /// The accumulator of a streaming decoder at <paramref name="sampleRate"/>: it takes the tighter of the duration
    /// limit (<see cref="Limit"/>) and the sample budget, and <see cref="Add"/> names the one that was passed.
    /// </summary>
    public static MonoAccumulator ForDecoding(int channels, int sampleRate, double maxSeconds, long maxSamples)
    {
        long byDuration = Limit(sampleRate, maxSeconds);
        return new MonoAccumulator(channels, Math.Min(byDuration, maxSamples))
        {
            _maxSeconds = maxSeconds,
            _bySampleBudget = maxSamples < byDuration,
        };
    }

    /// <summary>Mono samples collected so far.</summary>
    public int Count { get; private set; }

    /// <summary>Appends the whole frames of <paramref name="interleaved"/>; false (nothing added) when they would pass the limit.</summary>
    public bool TryAdd(ReadOnlySpan<float> interleaved)
    {
        int frames = interleaved.Length / channels;
        if (Count + (long)frames > maxSamples)
            return false;
        if (Count + frames > _samples.Length)
            Array.Resize(ref _samples, (int)Math.Min(maxSamples, Math.Max(2L * _samples.Length, Count + (long)frames)));
        var output = _samples.AsSpan(Count, frames);
        if (channels == 1)
        {
            interleaved[..frames].CopyTo(output);
        }
        else
        {
            float scale = channels;
            for (int i = 0, k = 0; i < frames; i++)
            {
                float sum = 0;
                for (int c = 0; c < channels; c++, k++)
                    sum += interleaved[k];
                output[i] = sum / scale;
            }
        }
        Count += frames;
        return true;
    }

    /// <summary>Appends the whole frames of <paramref name="interleaved"/>; throws the limit's one-line error, naming <paramref name="name"/>, when they would pass it.</summary>
    /// <exception cref="AudioFormatException">Longer than the duration limit, or more samples than the budget.</exception>
    public void Add(ReadOnlySpan<float> interleaved, string? name)
    {
        if (!TryAdd(interleaved))
            throw _bySampleBudget ? AudioReader.TooManySamples(name, maxSamples) : AudioReader.TooLong(name, _maxSeconds);
    }

    /// <summary>The samples collected, trimmed to <see cref="Count"/>.</summary>
    public float[] ToArray() => _samples.AsSpan(0, Count).ToArray();

    /// <summary>
    /// Most samples to decode for <paramref name="maxSeconds"/> at <paramref name="sampleRate"/>, capped at
    /// <see cref="AudioReader.MaxDecodedSamples"/>. One Vorbis block (8192) more is allowed, because the end is
    /// trimmed after decoding; <see cref="AudioReader"/> checks the exact duration then.
    /// </summary>
    public static long Limit(int sampleRate, double maxSeconds) =>
        (long)Math.Min(AudioReader.MaxDecodedSamples, Math.Floor(maxSeconds * sampleRate) + 8192);
}
