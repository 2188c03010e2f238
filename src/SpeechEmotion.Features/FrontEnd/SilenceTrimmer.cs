using System.Runtime.CompilerServices;
using SpeechEmotion.Features;

namespace SpeechEmotion.FrontEnd;

/// <summary>
/// <c>librosa.effects.trim(y, top_db, ref=np.max, frame_length, hop_length)</c>: frame RMS (centred, zero padded),
/// in dB relative to the loudest frame (<c>amplitude_to_db</c>, amin 1e-5); the kept span runs from the first frame
/// above <c>-top_db</c> to one hop past the last. Unlike librosa, a clip with no frame above the threshold (digital
/// silence) is kept whole instead of becoming empty.
/// </summary>
public static class SilenceTrimmer
{
    private const double Amin = 1e-5;

    /// <summary>The kept span <c>[Start, End)</c> in samples.</summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="topDb">Threshold below the loudest frame in dB (<c>top_db</c>).</param>
    /// <param name="frameLength">RMS frame length in samples (<c>frame_length</c>).</param>
    /// <param name="hopLength">RMS hop in samples (<c>hop_length</c>).</param>
    public static (int Start, int End) Span(ReadOnlySpan<float> samples, double topDb, int frameLength = 2048, int hopLength = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopLength);
        if (samples.Length == 0)
            return (0, 0);
        var db = FrameDb(samples, frameLength, hopLength);
        int first = -1, last = -1;
        for (var t = 0; t < db.Length; t++)
        {
            if (db[t] > -topDb)
            {
                if (first < 0) first = t;
                last = t;
            }
        }
        if (first < 0)
            return (0, samples.Length);
        var start = (int)Math.Min((long)first * hopLength, samples.Length);
        var end = (int)Math.Min((long)(last + 1) * hopLength, samples.Length);
        return end > start ? (start, end) : (0, samples.Length);
    }

    /// <summary>
    /// Frame levels in dB relative to the loudest frame (0 for the loudest): <c>amplitude_to_db(rms, ref=np.max)</c>
    /// with centred frames (<c>1 + n / hop</c> of them) and zero padding.
    /// </summary>
    public static double[] FrameDb(ReadOnlySpan<float> samples, int frameLength = 2048, int hopLength = 512) =>
        ToDb(FrameEnergies(samples, frameLength, hopLength), frameLength);

    /// <summary>Frame levels in dB relative to the loudest frame, from <see cref="FrameEnergies"/>.</summary>
    internal static double[] ToDb(double[] energies, int frameLength)
    {
        var rms = new double[energies.Length];
        var max = 0.0;
        for (var t = 0; t < rms.Length; t++)
        {
            rms[t] = Math.Sqrt(energies[t] / frameLength);
            max = Math.Max(max, rms[t]);
        }
        var reference = 20 * Math.Log10(Math.Max(Amin, max));
        for (var t = 0; t < rms.Length; t++)
            rms[t] = 20 * Math.Log10(Math.Max(Amin, rms[t])) - reference;
        return rms;
    }

    /// <summary>The sum of squares of each centred, zero-padded frame (<c>1 + n / hop</c> frames).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double[] FrameEnergies(ReadOnlySpan<float> samples, int frameLength, int hopLength)
    {
        var energies = new double[1 + samples.Length / hopLength];
        var half = frameLength / 2;
        for (var t = 0; t < energies.Length; t++)
        {
            var start = t * hopLength - half;
            var from = Math.Max(0, start);
            var to = Math.Min(samples.Length, start + frameLength);
            energies[t] = to > from ? Vectors.SumOfSquares(samples[from..to]) : 0;   // SIMD, accumulated in double
        }
        return energies;
    }
}
