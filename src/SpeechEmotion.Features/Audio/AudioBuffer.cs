namespace SpeechEmotion.Audio;

/// <summary>
/// Mono audio samples at a known sample rate, as <c>librosa.load</c> returns them
/// (float32 in [-1, 1] for integer PCM sources).
/// </summary>
public sealed class AudioBuffer
{
    /// <summary>Creates a buffer over <paramref name="samples"/> (not copied).</summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="sampleRate">Samples per second; must be positive.</param>
    public AudioBuffer(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        Samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>The mono samples.</summary>
    public float[] Samples { get; }

    /// <summary>Samples per second (Hz).</summary>
    public int SampleRate { get; }

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)Samples.Length / SampleRate;
}
