namespace SpeechEmotion.Audio;

/// <summary>
/// Sample-rate conversion as <c>librosa.resample(y, orig_sr, target_sr, res_type='soxr_hq')</c>:
/// the output always has <c>ceil(n * target / orig)</c> samples.
/// </summary>
/// <remarks>
/// <para>With libsoxr installed (Debian/Ubuntu package libsoxr0, Homebrew libsoxr, soxr.dll on the path)
/// the conversion is libsoxr itself with python-soxr 0.3.7's settings. On the golden clips (48, 44.1 and
/// 16 kHz to 22.05 kHz) it reproduced librosa's waveform bit for bit with Debian's libsoxr 0.1.3; other
/// libsoxr builds may differ by ~3e-7 (SIMD engines round differently).</para>
/// <para>Without libsoxr the managed Kaiser-windowed sinc resampler runs. Measured on the same clips:
/// waveform within 5e-5 of librosa's for 48 and 44.1 kHz sources and 3.2e-4 for 16 kHz and the 0.2 s clip;
/// features end to end within 0.011 (48 kHz), 0.005 (44.1 kHz) and 0.14 (16 kHz, 0.2 s clip) in the
/// MFCC/delta columns, 2e-6 in RMS (other resamplers, e.g. librosa's kaiser_best, move MFCCs by 0.1 to 50);
/// the largest differences are in the first samples after an abrupt start. It takes about twice libsoxr's time.
/// Choose it explicitly with <see cref="ResamplerBackend.Managed"/> or by setting the environment
/// variable <c>SPEECHEMOTION_RESAMPLER=managed</c>.</para>
/// </remarks>
public static class Resampler
{
    /// <summary>Environment variable that forces a backend: <c>managed</c> or <c>soxr</c>.</summary>
    public const string EnvironmentVariable = "SPEECHEMOTION_RESAMPLER";

    /// <summary>True when libsoxr was found and loaded.</summary>
    public static bool SoxrAvailable => SoxrNative.IsAvailable;

    /// <summary>libsoxr's version string, or null when it is not available.</summary>
    public static string? SoxrVersion => SoxrNative.Version;

    /// <summary>
    /// The backend used when none is given: <see cref="ResamplerBackend.Soxr"/> when libsoxr is available
    /// and <see cref="EnvironmentVariable"/> does not say <c>managed</c>; otherwise <see cref="ResamplerBackend.Managed"/>.
    /// </summary>
    public static ResamplerBackend Backend { get; } =
        SoxrNative.IsAvailable && !string.Equals(Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim(), "managed", StringComparison.OrdinalIgnoreCase)
            ? ResamplerBackend.Soxr
            : ResamplerBackend.Managed;

    /// <summary>
    /// Resamples mono samples from <paramref name="fromRate"/> to <paramref name="toRate"/> Hz.
    /// Returns a copy when the rates are equal.
    /// </summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="fromRate">Source rate in Hz (<c>orig_sr</c>); positive.</param>
    /// <param name="toRate">Target rate in Hz (<c>target_sr</c>); positive.</param>
    /// <param name="backend">Implementation to use; null means <see cref="Backend"/>.</param>
    /// <returns>Exactly <c>ceil(n * toRate / fromRate)</c> samples.</returns>
    /// <exception cref="InvalidOperationException"><see cref="ResamplerBackend.Soxr"/> was asked for but libsoxr is not installed.</exception>
    public static float[] Resample(ReadOnlySpan<float> samples, int fromRate, int toRate, ResamplerBackend? backend = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate)
            return samples.ToArray();
        int length = checked((int)Math.Ceiling(samples.Length * ((double)toRate / fromRate)));
        var y = (backend ?? Backend) switch
        {
            ResamplerBackend.Soxr => SoxrNative.ResampleHq(samples, fromRate, toRate),
            ResamplerBackend.Managed => ManagedResampler.Resample(samples, fromRate, toRate),
            var other => throw new ArgumentOutOfRangeException(nameof(backend), other, "Unknown resampler backend."),
        };
        // librosa.util.fix_length: pad with zeros or cut to the expected length.
        if (y.Length != length)
            Array.Resize(ref y, length);
        return y;
    }
}
