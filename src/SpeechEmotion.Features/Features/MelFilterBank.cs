using System.Runtime.CompilerServices;
namespace SpeechEmotion.Features;

/// <summary>
/// <c>librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm='slaney')</c>: triangular
/// filters on the Slaney mel scale (linear below 1 kHz, logarithmic above), each scaled to unit area
/// (2 / bandwidth in Hz). Stored sparsely: each filter covers only the few FFT bins inside its triangle,
/// so applying the bank costs about two multiply-adds per bin instead of n_mels per bin.
/// </summary>
internal sealed class MelFilterBank
{
    private readonly int[] _start;        // first bin of each filter
    private readonly int[] _offset;       // filter m's weights are _flat[_offset[m] .. _offset[m + 1])
    private readonly double[] _flat;

    public MelFilterBank(int sampleRate, int nFft, int nMels, double fMin, double fMax)
    {
        int bins = nFft / 2 + 1;
        var melF = new double[nMels + 2];
        double minMel = HzToMel(fMin), maxMel = HzToMel(fMax);
        for (int i = 0; i < melF.Length; i++)
        {
            // np.linspace(min_mel, max_mel, n_mels + 2)
            double mel = i == melF.Length - 1 ? maxMel : minMel + i * ((maxMel - minMel) / (nMels + 1));
            melF[i] = MelToHz(mel);
        }
        _start = new int[nMels];
        _offset = new int[nMels + 1];
        var weights = new List<double>();
        var row = new double[bins];
        for (int m = 0; m < nMels; m++)
        {
            double lowerDiff = melF[m + 1] - melF[m], upperDiff = melF[m + 2] - melF[m + 1];
            double enorm = 2.0 / (melF[m + 2] - melF[m]);
            int first = -1, last = -1;
            for (int k = 0; k < bins; k++)
            {
                double f = (double)k * sampleRate / nFft;   // np.fft.rfftfreq
                double lower = -(melF[m] - f) / lowerDiff, upper = (melF[m + 2] - f) / upperDiff;
                double w = Math.Max(0, Math.Min(lower, upper));
                // librosa stores the weights as float32
                row[k] = (float)(w * enorm);
                if (row[k] > 0)
                {
                    if (first < 0)
                        first = k;
                    last = k;
                }
            }
            _start[m] = Math.Max(first, 0);
            if (first >= 0)
                weights.AddRange(row.AsSpan(first, last - first + 1));
            _offset[m + 1] = weights.Count;
        }
        _flat = [.. weights];
    }

    /// <summary>Number of filters.</summary>
    public int Count => _start.Length;

    /// <summary>mel[m] = sum over bins of weight[m, k] * power[k].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(ReadOnlySpan<double> power, Span<double> mel)
    {
        var flat = _flat.AsSpan();
        for (int m = 0; m < _start.Length; m++)
        {
            var w = flat[_offset[m].._offset[m + 1]];
            mel[m] = Vectors.Dot(w, power.Slice(_start[m], w.Length));
        }
    }

    /// <summary>Dense weights [n_mels, n_fft/2 + 1], for tests.</summary>
    public double[,] ToDense(int bins)
    {
        var dense = new double[Count, bins];
        for (int m = 0; m < Count; m++)
        {
            for (int k = _offset[m]; k < _offset[m + 1]; k++)
                dense[m, _start[m] + k - _offset[m]] = _flat[k];
        }
        return dense;
    }

    /// <summary>librosa.hz_to_mel (Slaney): linear to 1 kHz, then 27 mels per factor 6.4.</summary>
    public static double HzToMel(double hz)
    {
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return hz >= minLogHz ? minLogMel + Math.Log(hz / minLogHz) / logStep : hz / fSp;
    }

    /// <summary>librosa.mel_to_hz (Slaney), the inverse of <see cref="HzToMel"/>.</summary>
    public static double MelToHz(double mel)
    {
        const double fSp = 200.0 / 3, minLogHz = 1000.0, minLogMel = minLogHz / fSp;
        double logStep = Math.Log(6.4) / 27.0;
        return mel >= minLogMel ? minLogHz * Math.Exp(logStep * (mel - minLogMel)) : fSp * mel;
    }
}
