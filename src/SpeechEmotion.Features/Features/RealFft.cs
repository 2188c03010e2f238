using System.Numerics;
using System.Runtime.InteropServices;

namespace SpeechEmotion.Features;

/// <summary>
/// Forward DFT of real frames of one fixed length N, returning bins 0..N/2 (numpy's <c>rfft</c>).
/// </summary>
/// <remarks>
/// Written here because the general-purpose FFTs available (MathNet.Numerics: ~90 us per 2048-point frame)
/// would alone take ~14 ms of the ~3 ms budget for a 3.7 s clip. For even N the real input is packed into
/// an N/2-point complex FFT (even samples real, odd imaginary) and split afterwards; the complex FFT is an
/// iterative radix-2 transform over split real/imaginary arrays with per-stage contiguous twiddle tables, so
/// every stage from the third on runs on SIMD vectors; the first two stages are fused into one radix-4 pass.
/// Lengths that are not a power of two use Bluestein's chirp-z algorithm on a power-of-two FFT.
/// Immutable after construction and thread-safe; callers own the scratch (<see cref="CreateScratch"/>).
/// </remarks>
internal sealed class RealFft
{
    private readonly int _n;
    private readonly ComplexFft? _half;        // even N: N/2-point FFT of the packed input
    private readonly double[] _splitRe = [], _splitIm = [];  // e^{-2 pi i k / N}, k = 0..N/2
    private readonly Bluestein? _bluestein;    // odd N (or N/2 not a power of two)

    public RealFft(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 2);
        _n = n;
        if (n % 2 == 0 && BitOperations.IsPow2(n / 2))
        {
            _half = new ComplexFft(n / 2);
            _splitRe = new double[n / 2 + 1];
            _splitIm = new double[n / 2 + 1];
            for (int k = 0; k <= n / 2; k++)
            {
                (_splitIm[k], _splitRe[k]) = Math.SinCos(-2 * Math.PI * k / n);
            }
        }
        else
        {
            _bluestein = new Bluestein(n);
        }
    }

    /// <summary>Frame length N.</summary>
    public int Length => _n;

    /// <summary>Number of output bins, N/2 + 1.</summary>
    public int Bins => _n / 2 + 1;

    /// <summary>Work arrays for one thread.</summary>
    public double[] CreateScratch() => new double[_half is not null ? _n : _bluestein!.ScratchLength];

    /// <summary>
    /// Writes the spectrum of <paramref name="frame"/> (length N) to <paramref name="re"/> and
    /// <paramref name="im"/> (length N/2 + 1 each).
    /// </summary>
    public void Forward(ReadOnlySpan<double> frame, Span<double> re, Span<double> im, double[] scratch)
    {
        if (_half is null)
        {
            _bluestein!.Forward(frame, re, im, scratch);
            return;
        }
        int m = _n / 2;
        var zr = scratch.AsSpan(0, m);
        var zi = scratch.AsSpan(m, m);
        var rev = _half.BitReverse;
        for (int k = 0; k < m; k++)
        {
            int r = rev[k];
            zr[r] = frame[2 * k];
            zi[r] = frame[2 * k + 1];
        }
        _half.TransformBitReversed(zr, zi);
        // X[k] = (Z[k] + conj Z[m-k]) / 2 - i/2 e^{-2 pi i k/N} (Z[k] - conj Z[m-k])
        for (int k = 0; k <= m; k++)
        {
            int a = k == m ? 0 : k, b = k == 0 ? 0 : m - k;
            double er = 0.5 * (zr[a] + zr[b]), ei = 0.5 * (zi[a] - zi[b]);
            double or = 0.5 * (zi[a] + zi[b]), oi = -0.5 * (zr[a] - zr[b]);
            double wr = _splitRe[k], wi = _splitIm[k];
            re[k] = er + wr * or - wi * oi;
            im[k] = ei + wr * oi + wi * or;
        }
    }

    /// <summary>In-place complex FFT of a power-of-two length over split real/imaginary arrays.</summary>
    internal sealed class ComplexFft
    {
        private readonly int _m;
        private readonly double[] _twRe, _twIm;   // stage with half-size h uses entries [h, 2h)

        public ComplexFft(int m)
        {
            if (!BitOperations.IsPow2(m))
                throw new ArgumentOutOfRangeException(nameof(m), m, "Length must be a power of two.");
            _m = m;
            _twRe = new double[Math.Max(2, m)];
            _twIm = new double[Math.Max(2, m)];
            for (int h = 1; h < m; h <<= 1)
            {
                for (int j = 0; j < h; j++)
                {
                    (_twIm[h + j], _twRe[h + j]) = Math.SinCos(-Math.PI * j / h);
                }
            }
            BitReverse = new int[m];
            int bits = BitOperations.Log2((uint)m);
            for (int i = 0; i < m; i++)
                BitReverse[i] = bits == 0 ? 0 : (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        public int Length => _m;

        /// <summary>Index permutation: input k goes to BitReverse[k] before <see cref="TransformBitReversed"/>.</summary>
        public int[] BitReverse { get; }

        /// <summary>Forward FFT of data in natural order.</summary>
        public void Transform(Span<double> re, Span<double> im)
        {
            for (int i = 0; i < _m; i++)
            {
                int j = BitReverse[i];
                if (j > i)
                {
                    (re[i], re[j]) = (re[j], re[i]);
                    (im[i], im[j]) = (im[j], im[i]);
                }
            }
            TransformBitReversed(re, im);
        }

        /// <summary>Forward FFT of data already in bit-reversed order; output in natural order.</summary>
        public void TransformBitReversed(Span<double> re, Span<double> im)
        {
            int m = _m;
            int h = 1;
            if (m >= 4)
            {
                // Stages h = 1 and h = 2 fused: radix-4 butterflies on groups of four.
                for (int s = 0; s < m; s += 4)
                {
                    double a0r = re[s] + re[s + 1], a0i = im[s] + im[s + 1];
                    double a1r = re[s] - re[s + 1], a1i = im[s] - im[s + 1];
                    double a2r = re[s + 2] + re[s + 3], a2i = im[s + 2] + im[s + 3];
                    double a3r = re[s + 2] - re[s + 3], a3i = im[s + 2] - im[s + 3];
                    // twiddle for (h=2, j=1) is -i: (a3r, a3i) * -i = (a3i, -a3r)
                    re[s] = a0r + a2r; im[s] = a0i + a2i;
                    re[s + 2] = a0r - a2r; im[s + 2] = a0i - a2i;
                    re[s + 1] = a1r + a3i; im[s + 1] = a1i - a3r;
                    re[s + 3] = a1r - a3i; im[s + 3] = a1i + a3r;
                }
                h = 4;
            }
            else if (m == 2)
            {
                double r0 = re[0], i0 = im[0];
                re[0] = r0 + re[1]; im[0] = i0 + im[1];
                re[1] = r0 - re[1]; im[1] = i0 - im[1];
                return;
            }
            int lanes = Vector<double>.Count;
            for (; h < m; h <<= 1)
            {
                var wr = _twRe.AsSpan(h, h);
                var wi = _twIm.AsSpan(h, h);
                for (int s = 0; s < m; s += 2 * h)
                {
                    var ar = re.Slice(s, h); var ai = im.Slice(s, h);
                    var br = re.Slice(s + h, h); var bi = im.Slice(s + h, h);
                    int j = 0;
                    if (h % lanes == 0)
                    {
                        var var_ = MemoryMarshal.Cast<double, Vector<double>>(ar);
                        var vai = MemoryMarshal.Cast<double, Vector<double>>(ai);
                        var vbr = MemoryMarshal.Cast<double, Vector<double>>(br);
                        var vbi = MemoryMarshal.Cast<double, Vector<double>>(bi);
                        var vwr = MemoryMarshal.Cast<double, Vector<double>>(wr);
                        var vwi = MemoryMarshal.Cast<double, Vector<double>>(wi);
                        for (int v = 0; v < vwr.Length; v++)
                        {
                            var tr = vbr[v] * vwr[v] - vbi[v] * vwi[v];
                            var ti = vbr[v] * vwi[v] + vbi[v] * vwr[v];
                            vbr[v] = var_[v] - tr; vbi[v] = vai[v] - ti;
                            var_[v] += tr; vai[v] += ti;
                        }
                        j = h;
                    }
                    for (; j < h; j++)
                    {
                        double tr = br[j] * wr[j] - bi[j] * wi[j];
                        double ti = br[j] * wi[j] + bi[j] * wr[j];
                        br[j] = ar[j] - tr; bi[j] = ai[j] - ti;
                        ar[j] += tr; ai[j] += ti;
                    }
                }
            }
        }

        private static uint ReverseBits(uint v)
        {
            v = ((v >> 1) & 0x55555555) | ((v & 0x55555555) << 1);
            v = ((v >> 2) & 0x33333333) | ((v & 0x33333333) << 2);
            v = ((v >> 4) & 0x0F0F0F0F) | ((v & 0x0F0F0F0F) << 4);
            v = ((v >> 8) & 0x00FF00FF) | ((v & 0x00FF00FF) << 8);
            return (v >> 16) | (v << 16);
        }
    }

    /// <summary>Bluestein's chirp-z DFT of any length via a power-of-two FFT of length >= 2N - 1.</summary>
    private sealed class Bluestein
    {
        private readonly int _n;
        private readonly ComplexFft _fft;
        private readonly double[] _chirpRe, _chirpIm;   // e^{-i pi k^2 / N}
        private readonly double[] _kernelRe, _kernelIm; // FFT of conj(chirp), wrapped

        public Bluestein(int n)
        {
            _n = n;
            _fft = new ComplexFft((int)BitOperations.RoundUpToPowerOf2((uint)(2 * n - 1)));
            int m = _fft.Length;
            _chirpRe = new double[n];
            _chirpIm = new double[n];
            for (int k = 0; k < n; k++)
            {
                long k2 = (long)k * k % (2L * n);   // exact angle reduction keeps precision for large k
                (_chirpIm[k], _chirpRe[k]) = Math.SinCos(-Math.PI * k2 / n);
            }
            _kernelRe = new double[m];
            _kernelIm = new double[m];
            for (int k = 0; k < n; k++)
            {
                _kernelRe[k] = _chirpRe[k]; _kernelIm[k] = -_chirpIm[k];
                if (k > 0)
                {
                    _kernelRe[m - k] = _chirpRe[k]; _kernelIm[m - k] = -_chirpIm[k];
                }
            }
            _fft.Transform(_kernelRe, _kernelIm);
        }

        public int ScratchLength => 2 * _fft.Length;

        public void Forward(ReadOnlySpan<double> x, Span<double> re, Span<double> im, double[] scratch)
        {
            int m = _fft.Length;
            var ar = scratch.AsSpan(0, m);
            var ai = scratch.AsSpan(m, m);
            ar.Clear();
            ai.Clear();
            for (int k = 0; k < _n; k++)
            {
                ar[k] = x[k] * _chirpRe[k];
                ai[k] = x[k] * _chirpIm[k];
            }
            _fft.Transform(ar, ai);
            // Multiply by the kernel and conjugate, so the forward FFT computes the inverse.
            for (int k = 0; k < m; k++)
            {
                double r = ar[k] * _kernelRe[k] - ai[k] * _kernelIm[k];
                double i = ar[k] * _kernelIm[k] + ai[k] * _kernelRe[k];
                ar[k] = r; ai[k] = -i;
            }
            _fft.Transform(ar, ai);
            double scale = 1.0 / m;
            for (int k = 0; k <= _n / 2; k++)
            {
                double r = ar[k] * scale, i = -ai[k] * scale;
                re[k] = r * _chirpRe[k] - i * _chirpIm[k];
                im[k] = r * _chirpIm[k] + i * _chirpRe[k];
            }
        }
    }
}
