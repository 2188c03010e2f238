namespace SpeechEmotion.Audio;

/// <summary>
/// <c>librosa.load(path, sr=..., mono=True)</c>: decode, mix to mono, resample with soxr_hq settings.
/// </summary>
public static class AudioLoader
{
    /// <summary>Loads a file and resamples it to <paramref name="sampleRate"/> Hz.</summary>
    public static AudioBuffer Load(string path, int sampleRate = 22050) => throw new NotImplementedException();

    /// <summary>Resamples <paramref name="audio"/> to <paramref name="sampleRate"/> Hz (returns it unchanged when equal).</summary>
    public static AudioBuffer Resample(AudioBuffer audio, int sampleRate = 22050) => throw new NotImplementedException();
}
