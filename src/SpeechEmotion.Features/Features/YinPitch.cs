using System.Runtime.CompilerServices;

namespace SpeechEmotion.Features;

/// <summary>
/// The pitch columns of <see cref="FeatureOptions.Pitch"/>: <c>librosa.yin</c>'s fundamental-frequency track
/// (cumulative mean normalized difference over a window of half the frame, the first trough below
/// <see cref="PitchOptions.TroughThreshold"/> or else the global minimum, parabolic refinement), computed frame by frame
/// with the lags only up to the longest period, and turned into three columns per frame:
/// <list type="number">
/// <item>log pitch in semitones above 55 Hz, unvoiced frames filled by linear interpolation between the voiced ones;</item>
/// <item>the same relative to the median of the clip's voiced frames (the speaker's own level removed);</item>
/// <item>periodicity, 1 minus the normalized difference at the chosen period (0 for silence, near 1 for a clean vowel).</item>
/// </list>
/// A clip without voiced frames gets zeros in the first two columns.
/// </summary>
/// <remarks>
/// Written here because the served DSP package (NWaves 0.9.6, <c>Pitch.FromYin</c>) returns only a frequency, not the
/// normalized difference a periodicity column needs, and computes the difference lag by lag in the time domain; the tests
/// check the two agree on voiced frames. Thread-safe: callers own the scratch (<see cref="CreateScratch"/>).
/// </remarks>
internal sealed class YinPitch
{
    private const double ReferenceHz = 55;
    private const double Tiny = 1.1754943508222875e-38;   // librosa adds util.tiny to the denominator: silence gives 0, not NaN
    private const double Negligible = 1e-6;               // librosa zeroes smaller correlations and energies

    private readonly int _sampleRate, _frameLength, _window, _minPeriod, _maxPeriod;
    private readonly PitchOptions _options;
    private readonly RealFft _fft;

    /// <summary>Creates a tracker for frames of <paramref name="fft"/>'s length at <paramref name="sampleRate"/>.</summary>
    public YinPitch(int sampleRate, RealFft fft, PitchOptions options)
    {
        _sampleRate = sampleRate;
        _fft = fft;
        _frameLength = fft.Length;
        _window = _frameLength / 2;
        _options = options;
        _minPeriod = Math.Max(1, (int)Math.Floor(sampleRate / options.FMax));
        _maxPeriod = Math.Min((int)Math.Ceiling(sampleRate / options.FMin), _frameLength - _window - 1);
    }

    /// <summary>Work arrays for one thread.</summary>
    public Scratch CreateScratch() => new(this);

    /// <summary>
    /// Pitch in Hz and the normalized difference at the chosen period of one frame (<paramref name="frame"/>, length
    /// n_fft): librosa.yin's answer for that frame.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public (double F0, double Aperiodicity) Frame(ReadOnlySpan<double> frame, Scratch s)
    {
        int n = _frameLength, w = _window, maxP = _maxPeriod, minP = _minPeriod;
        CrossCorrelate(frame, s);

        // Difference d(tau) = sum over k = 1..w of (x[k] - x[k + tau])^2 = energy(1..w) + energy(tau+1..tau+w) - 2 acf(tau),
        // the energies from running sums, small terms zeroed as librosa does.
        var cumulative = s.Cumulative;
        cumulative[0] = 0;
        for (int i = 0; i < n; i++)
            cumulative[i + 1] = cumulative[i] + frame[i] * frame[i];
        var diff = s.Difference;
        double energy0 = Negligible0(cumulative[w + 1] - cumulative[1]);
        for (int tau = 0; tau <= maxP; tau++)
            diff[tau] = energy0 + Negligible0(cumulative[tau + w + 1] - cumulative[tau + 1]) - 2 * Negligible0(s.Acf[tau]);

        // Cumulative mean normalized difference over tau = minP..maxP (index tau - minP).
        int count = maxP - minP + 1;
        var d = s.Normalized.AsSpan(0, count);
        double running = 0;
        for (int tau = 1; tau <= maxP; tau++)
        {
            running += diff[tau];
            if (tau >= minP)
                d[tau - minP] = diff[tau] / (running / tau + Tiny);
        }

        // The first trough below the threshold, else the global minimum.
        int chosen = -1, globalMin = 0;
        for (int i = 0; i < count; i++)
        {
            if (d[i] < d[globalMin])
                globalMin = i;
            if (chosen < 0 && d[i] < _options.TroughThreshold && IsTrough(d, i))
                chosen = i;
        }
        if (chosen < 0)
            chosen = globalMin;
        double period = minP + chosen + ParabolicShift(d, chosen);
        return (_sampleRate / period, d[chosen]);
    }

    // acf(tau) = sum over k = 1..w of x[k] x[k + tau] for tau = 0..maxP, as librosa computes it: the product of the spectra
    // of the frame and of x[w], x[w-1], ..., x[1], transformed back. The inverse of that Hermitian spectrum is its Hartley
    // transform over n, which a forward real FFT of (Re - Im) gives, so one FFT kernel serves all three transforms.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void CrossCorrelate(ReadOnlySpan<double> frame, Scratch s)
    {
        int n = _frameLength, w = _window, bins = _fft.Bins;
        _fft.Forward(frame, s.ARe, s.AIm, s.Fft);
        var reversed = s.Sequence;
        for (int m = 0; m < w; m++)
            reversed[m] = frame[w - m];
        Array.Clear(reversed, w, n - w);
        _fft.Forward(reversed, s.BRe, s.BIm, s.Fft);
        var hartley = s.Sequence;
        for (int k = 0; k < bins; k++)
        {
            double p = s.ARe[k] * s.BRe[k] - s.AIm[k] * s.BIm[k];
            double q = s.ARe[k] * s.BIm[k] + s.AIm[k] * s.BRe[k];
            hartley[k] = p - q;
            if (k > 0 && n - k >= bins)
                hartley[n - k] = p + q;   // the conjugate bin n - k: p + q
        }
        _fft.Forward(hartley, s.ARe, s.AIm, s.Fft);
        // Lag tau sits at index w + tau >= n / 2 of the correlation, whose Hartley value there is Re + Im of bin n - w - tau.
        for (int tau = 0; tau <= _maxPeriod; tau++)
        {
            int bin = n - w - tau;
            s.Acf[tau] = (s.ARe[bin] + s.AIm[bin]) / n;
        }
    }

    /// <summary>
    /// Writes the three pitch columns of <paramref name="frames"/> frames of <paramref name="y"/> (centred frames padded
    /// as <paramref name="padMode"/> says) into <paramref name="destination"/> at column <paramref name="firstColumn"/>
    /// of rows <paramref name="columns"/> wide; rows from <paramref name="rows"/> on are not written.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void WriteColumns(ReadOnlySpan<float> y, int frames, int hopLength, bool center, PadMode padMode,
        Span<float> destination, int rows, int columns, int firstColumn, Scratch scratch)
    {
        var frame = scratch.Frame;
        var semitones = new double[frames];
        var periodicity = new double[frames];
        var voiced = new bool[frames];
        int offset = center ? _frameLength / 2 : 0;
        for (int t = 0; t < frames; t++)
        {
            int start = t * hopLength - offset;
            if (start >= 0 && start + _frameLength <= y.Length)
            {
                for (int i = 0; i < _frameLength; i++)
                    frame[i] = y[start + i];
            }
            else
            {
                for (int i = 0; i < _frameLength; i++)
                    frame[i] = FeatureExtractor.Sample(y, start + i, padMode);
            }
            var (f0, aperiodicity) = Frame(frame, scratch);
            // A frame of silence has no difference at any lag: it is not periodic, it is empty.
            bool silent = Negligible0(scratch.Cumulative[_frameLength]) == 0;
            periodicity[t] = silent ? 0 : Math.Clamp(1 - aperiodicity, 0, 1);
            voiced[t] = !silent && aperiodicity < _options.VoicingThreshold;
            semitones[t] = 12 * Math.Log2(f0 / ReferenceHz);
        }

        var median = Median(semitones, voiced);
        FillUnvoiced(semitones, voiced);
        for (int t = 0; t < Math.Min(frames, rows); t++)
        {
            var row = destination.Slice(t * columns + firstColumn, PitchOptions.Columns);
            row[0] = median is null ? 0 : (float)semitones[t];
            row[1] = median is { } m ? (float)(semitones[t] - m) : 0;
            row[2] = (float)periodicity[t];
        }
    }

    /// <summary>Per-thread work arrays.</summary>
    internal sealed class Scratch(YinPitch owner)
    {
        public readonly double[] Frame = new double[owner._frameLength];
        public readonly double[] Sequence = new double[owner._frameLength];
        public readonly double[] Fft = owner._fft.CreateScratch();
        public readonly double[] ARe = new double[owner._fft.Bins], AIm = new double[owner._fft.Bins];
        public readonly double[] BRe = new double[owner._fft.Bins], BIm = new double[owner._fft.Bins];
        public readonly double[] Cumulative = new double[owner._frameLength + 1];
        public readonly double[] Acf = new double[owner._maxPeriod + 1];
        public readonly double[] Difference = new double[owner._maxPeriod + 1];
        public readonly double[] Normalized = new double[owner._maxPeriod + 1];
    }

    private static double Negligible0(double x) => Math.Abs(x) < Negligible ? 0 : x;

    // librosa.util.localmin (strictly below the left neighbour, not above the right, edges repeated), with the first lag a
    // trough when it is below the second.
    private static bool IsTrough(ReadOnlySpan<double> d, int i)
    {
        if (i == 0)
            return d.Length > 1 && d[0] < d[1];
        return d[i] < d[i - 1] && (i == d.Length - 1 || d[i] <= d[i + 1]);
    }

    // librosa's parabolic interpolation: no shift at the ends or where the parabola's vertex is more than a lag away.
    private static double ParabolicShift(ReadOnlySpan<double> d, int i)
    {
        if (i == 0 || i == d.Length - 1)
            return 0;
        double a = d[i + 1] + d[i - 1] - 2 * d[i];
        double b = (d[i + 1] - d[i - 1]) / 2;
        return Math.Abs(b) >= Math.Abs(a) ? 0 : -b / a;
    }

    private static double? Median(double[] values, bool[] keep)
    {
        var picked = values.Where((_, i) => keep[i]).Order().ToArray();
        if (picked.Length == 0)
            return null;
        int mid = picked.Length / 2;
        return picked.Length % 2 == 1 ? picked[mid] : (picked[mid - 1] + picked[mid]) / 2;
    }

    // Unvoiced frames take the straight line between the voiced frames around them (the nearest one at the ends).
    private static void FillUnvoiced(double[] values, bool[] voiced)
    {
        int previous = -1;
        for (int t = 0; t <= values.Length; t++)
        {
            if (t < values.Length && !voiced[t])
                continue;
            for (int u = previous + 1; u < t; u++)
            {
                if (previous < 0 && t == values.Length)
                    break;   // nothing voiced: left as is, the caller writes zeros
                values[u] = previous < 0 ? values[t] : t == values.Length ? values[previous]
                    : values[previous] + (values[t] - values[previous]) * (u - previous) / (t - previous);
            }
            previous = t;
        }
    }
}
