using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.InteropServices;

namespace SpeechEmotion.Audio;

/// <summary>
/// Band-limited polyphase resampler with a Kaiser-windowed sinc kernel, designed to the same targets as
/// libsoxr's 'soxr_hq' recipe (20-bit precision): linear phase, pass band to 91.37 % of the lower Nyquist
/// frequency (soxr's <c>1 - 0.05 / to_3dB(120.4 dB)</c>), stop band from the lower Nyquist frequency on,
/// 126 dB stop-band attenuation. libsoxr reaches that response with several DFT-based stages; this is one
/// direct FIR stage, so its output differs slightly (see <see cref="Resampler"/> for measured distances).
/// Output sample k is at input time k * in / out; samples outside the clip are zero, like soxr's.
/// </summary>
internal sealed class ManagedResampler
{
    private const double PassbandEnd = 0.913744;   // soxr_quality_spec(SOXR_HQ): 1 - .05 / lsx_to_3dB(20 * 6.0206 dB)
    private const double AttenuationDb = 126.4;    // soxr designs its filters for (precision + 1) bits
    private const int MaxExactPhases = 1024;       // ratios needing more phases interpolate between table rows

    private static readonly ConcurrentDictionary<(int, int), ManagedResampler> Cache = new();

    private readonly int _up, _down;   // out / in = _up / _down, reduced
    private readonly int _phases, _taps, _half;
    private readonly float[] _table;   // _phases + 1 rows of _taps coefficients

    private ManagedResampler(int inRate, int outRate)
    {
        int g = Gcd(inRate, outRate);
        _up = outRate / g;
        _down = inRate / g;
        double scale = Math.Min(1.0, (double)outRate / inRate);            // lower Nyquist / input Nyquist
        double cutoff = 0.5 * scale * (PassbandEnd + 1) / 2;               // cycles per input sample
        double transition = 0.5 * scale * (1 - PassbandEnd);               // cycles per input sample
        double beta = 0.1102 * (AttenuationDb - 8.7);                      // Kaiser's formula
        int taps = (int)Math.Ceiling((AttenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition)) + 1;
        _half = (taps + 1) / 2;
        _taps = 2 * _half;
        _phases = Math.Min(_up, MaxExactPhases);
        _table = new float[(_phases + 1) * _taps];
        double i0Beta = BesselI0(beta);
        var row = new double[_taps];
        for (int p = 0; p <= _phases; p++)
        {
            // Row p serves output times t = i + p / _phases; tap j weighs input sample i - _half + 1 + j.
            double frac = (double)p / _phases, sum = 0;
            for (int j = 0; j < _taps; j++)
            {
                double tau = j - _half + 1 - frac;
                double r = tau / _half;
                double w = Math.Abs(r) >= 1 ? 0 : BesselI0(beta * Math.Sqrt(1 - r * r)) / i0Beta;
                double x = 2 * cutoff * tau;
                row[j] = w * 2 * cutoff * (x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x));
                sum += row[j];
            }
            for (int j = 0; j < _taps; j++)
                _table[p * _taps + j] = (float)(row[j] / sum);   // unit DC gain in every phase
        }
    }

    /// <summary>Resamples <paramref name="input"/>; the output has ceil(n * out / in) samples.</summary>
    public static float[] Resample(ReadOnlySpan<float> input, int inRate, int outRate)
    {
        // Filter tables are cached per rate pair; an unusual flood of pairs is served uncached.
        var resampler = Cache.TryGetValue((inRate, outRate), out var cached) ? cached : new ManagedResampler(inRate, outRate);
        if (cached is null && Cache.Count < 64)
            Cache.TryAdd((inRate, outRate), resampler);
        return resampler.Run(input);
    }

    private float[] Run(ReadOnlySpan<float> input)
    {
        int n = input.Length;
        int outLength = checked((int)Math.Ceiling((double)n * _up / _down));
        var output = new float[outLength];
        // Zero margins so every tap reads inside the buffer.
        var padded = new float[n + 2 * _taps];
        input.CopyTo(padded.AsSpan(_taps));
        var table = _table.AsSpan();
        for (int k = 0; k < outLength; k++)
        {
            long num = (long)k * _down;
            int i = (int)(num / _up);
            long rem = num % _up;
            var x = padded.AsSpan(i - _half + 1 + _taps, _taps);
            if (_phases == _up)
            {
                output[k] = Dot(x, table.Slice((int)rem * _taps, _taps));
            }
            else
            {
                double pos = (double)rem * _phases / _up;
                int p = (int)pos;
                float f = (float)(pos - p);
                float a = Dot(x, table.Slice(p * _taps, _taps)), b = Dot(x, table.Slice((p + 1) * _taps, _taps));
                output[k] = a + f * (b - a);
            }
        }
        return output;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var acc = Vector<float>.Zero;
        var va = MemoryMarshal.Cast<float, Vector<float>>(a);
        var vb = MemoryMarshal.Cast<float, Vector<float>>(b);
        for (int v = 0; v < va.Length; v++)
            acc += va[v] * vb[v];
        float sum = Vector.Sum(acc);
        for (int i = va.Length * Vector<float>.Count; i < a.Length; i++)
            sum += a[i] * b[i];
        return sum;
    }

    private static double BesselI0(double x)
    {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500 && term > sum * 1e-17; k++)
        {
            term *= q / ((double)k * k);
            sum += term;
        }
        return sum;
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
