namespace SpeechEmotion.Audio;

/// <summary>The implementation that converts sample rates.</summary>
public enum ResamplerBackend
{
    /// <summary>
    /// libsoxr through P/Invoke with the settings of <c>soxr.resample(..., quality='soxr_hq')</c>,
    /// librosa's default: identical to librosa up to libsoxr's build (SIMD engine) differences.
    /// </summary>
    Soxr,

    /// <summary>
    /// The built-in Kaiser-windowed sinc resampler, used when libsoxr is not installed.
    /// See <see cref="Resampler"/> for its measured distance from librosa.
    /// </summary>
    Managed,
}
