using NAudio.Wave;

namespace SpeechEmotion.Audio;

/// <summary>
/// Writes float samples as a RIFF/WAVE file (through NAudio's <c>WaveFileWriter</c>), for example to save
/// augmented or resampled clips. <see cref="WavReader"/> and <see cref="AudioReader"/> read the result back.
/// </summary>
public static class WavWriter
{
    /// <summary>Writes <paramref name="audio"/> (mono) to a new file at <paramref name="path"/>, replacing any file there.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="audio">The clip.</param>
    /// <param name="format">Sample format; default 16-bit PCM.</param>
    public static void Write(string path, AudioBuffer audio, WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(audio);
        Write(path, audio.Samples, audio.SampleRate, 1, format);
    }

    /// <summary>Writes interleaved samples to a new file at <paramref name="path"/>, replacing any file there.</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="samples">Samples in [-1, 1], interleaved by channel (frame 0 channel 0, frame 0 channel 1, ...).</param>
    /// <param name="sampleRate">Samples per second per channel (Hz); positive.</param>
    /// <param name="channels">Channel count, 1 to 1024; the sample count must be a multiple of it.</param>
    /// <param name="format">Sample format; default 16-bit PCM.</param>
    public static void Write(string path, ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = ToBytes(samples, sampleRate, channels, format);
        File.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes a whole WAV file to <paramref name="stream"/> at its position (the stream need not seek; it is not closed).</summary>
    /// <param name="stream">Where the file goes.</param>
    /// <param name="samples">Samples in [-1, 1], interleaved by channel.</param>
    /// <param name="sampleRate">Samples per second per channel (Hz); positive.</param>
    /// <param name="channels">Channel count, 1 to 1024; the sample count must be a multiple of it.</param>
    /// <param name="format">Sample format; default 16-bit PCM.</param>
    public static void Write(Stream stream, ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(ToBytes(samples, sampleRate, channels, format));
    }

    /// <summary>The bytes of a WAV file holding <paramref name="samples"/>.</summary>
    /// <inheritdoc cref="Write(string, ReadOnlySpan{float}, int, int, WavSampleFormat)"/>
    public static byte[] ToBytes(ReadOnlySpan<float> samples, int sampleRate, int channels = 1,
        WavSampleFormat format = WavSampleFormat.Pcm16)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(channels, PcmLayout.MaxChannels);
        if (samples.Length % channels != 0)
            throw new ArgumentException($"{samples.Length} samples are not whole frames of {channels} channels", nameof(samples));
        if (!Enum.IsDefined(format))
            throw new ArgumentOutOfRangeException(nameof(format), format, "unknown sample format");

        var waveFormat = format == WavSampleFormat.Float32
            ? WaveFormat.CreateIeeeFloatWaveFormat(sampleRate, channels)
            : new WaveFormat(sampleRate, 16, channels);
        // WaveFileWriter seeks back to fill in the sizes, so it writes to memory; disposing it finishes the header.
        var memory = new MemoryStream();
        using (var writer = new WaveFileWriter(memory, waveFormat))
        {
            if (format == WavSampleFormat.Float32)
            {
                writer.WriteSamples(samples.ToArray(), 0, samples.Length);
            }
            else
            {
                // Rounded and clamped here: NAudio's own float-to-16-bit conversion truncates and wraps out-of-range values.
                var pcm = new short[samples.Length];
                for (int i = 0; i < pcm.Length; i++)
                {
                    float x = samples[i];
                    pcm[i] = float.IsNaN(x) ? (short)0 : (short)Math.Round(Math.Clamp(x, -1f, 1f) * 32767.0);
                }
                writer.WriteSamples(pcm, 0, pcm.Length);
            }
        }
        return memory.ToArray();
    }
}
