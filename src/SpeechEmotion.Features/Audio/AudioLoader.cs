namespace SpeechEmotion.Audio;

/// <summary>
/// <c>librosa.load(path, sr=..., mono=True)</c>: decode, mix to mono, resample with soxr_hq settings.
/// </summary>
public static class AudioLoader
{
    /// <summary>
    /// Loads a WAV, AIFF, MP3 or Ogg Vorbis file (see <see cref="AudioReader"/>) as mono and resamples it to
    /// <paramref name="sampleRate"/> Hz.
    /// </summary>
    /// <param name="path">The audio file.</param>
    /// <param name="sampleRate">Target rate in Hz (<c>sr</c>).</param>
    /// <param name="backend">Resampler to use; null means <see cref="Resampler.Backend"/>.</param>
    /// <exception cref="AudioFormatException">The file is not decodable audio.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static AudioBuffer Load(string path, int sampleRate = 22050, ResamplerBackend? backend = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return Resample(AudioReader.Read(path), sampleRate, backend);
    }

    /// <summary>Resamples <paramref name="audio"/> to <paramref name="sampleRate"/> Hz (returns it unchanged when equal).</summary>
    /// <param name="audio">Mono audio.</param>
    /// <param name="sampleRate">Target rate in Hz (<c>target_sr</c>).</param>
    /// <param name="backend">Resampler to use; null means <see cref="Resampler.Backend"/>.</param>
    public static AudioBuffer Resample(AudioBuffer audio, int sampleRate = 22050, ResamplerBackend? backend = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return audio.SampleRate == sampleRate
            ? audio
            : new AudioBuffer(Resampler.Resample(audio.Samples, audio.SampleRate, sampleRate, backend), sampleRate);
    }
}
