namespace SpeechEmotion.Audio;

/// <summary>How <see cref="WavWriter"/> stores samples.</summary>
public enum WavSampleFormat
{
    /// <summary>16-bit signed PCM: <c>round(clamp(x, -1, 1) * 32767)</c>; what most tools expect.</summary>
    Pcm16,

    /// <summary>32-bit IEEE float, stored exactly (values outside [-1, 1], NaN and infinity included).</summary>
    Float32,
}
