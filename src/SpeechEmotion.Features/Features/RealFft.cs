using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SpeechEmotion.Features;

/// <summary>
/// Forward DFT of real frames of one fixed length N, returning bins 0..N/2 (numpy's <c>rfft</c>).
/// </summary>
/// <remarks>
/// Written here because the general-purpose FFTs available (MathNet.Numerics: ~90 us per 2048-point frame)
/// would alone take ~14 ms of the ~3 ms budget for a 3.7 s clip. For even N the real input is packed into
/// an N/2-point complex FFT (even samples real, odd imaginary) and split afterwards; the complex FFT is an
/// iterative transform over split real/imaginary arrays: a radix-4 first pass, then radix-2^2 passes (two
/// stages per load/store) on SIMD vectors with per-stage contiguous twiddle tables.
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
    public double[] CreateScratch() => new double[(_bluestein?.ScratchLength ?? _n) + 2 * Bins + _n];

    /// <summary>
    /// Writes the spectrum of <paramref name="frame"/> (length N) to <paramref name="re"/> and
    /// <paramref name="im"/> (length N/2 + 1 each).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<double> frame, Span<double> re, Span<double> im, double[] scratch)
    {
        if (_half is null)
        {
            _bluestein!.Forward(frame, re, im, scratch);
            return;
        }
        Transform(frame, scratch);
        int m = _n / 2;
        for (int k = 0; k <= m / 2; k++)
        {
            var (xr, xi, yr, yi) = Split(scratch, m, k);
            re[k] = xr; im[k] = xi;
            re[m - k] = yr; im[m - k] = -yi;
        }
    }

    /// <summary>
    /// Writes |X[k]|^2 for k = 0..N/2 (one power-spectrogram column) of the frame
    /// <c>window[i] * samples[i]</c> to <paramref name="power"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Power(ReadOnlySpan<float> samples, ReadOnlySpan<double> window, Span<double> power, double[] scratch)
    {
        int m = _n / 2;
        if (samples.Length < _n || window.Length < _n || power.Length < Bins)
            throw new ArgumentException("Frame, window or output is shorter than the transform.");
        if (_half is null || m < 4)
        {
            int bins = Bins, offset = _bluestein?.ScratchLength ?? _n;
            var re = scratch.AsSpan(offset, bins);
            var im = scratch.AsSpan(offset + bins, bins);
            var frame = scratch.AsSpan(offset + 2 * bins, _n);
            Vectors.Multiply(samples, window, frame);
            Forward(frame, re, im, scratch);
            for (int k = 0; k < bins; k++)
                power[k] = re[k] * re[k] + im[k] * im[k];
            return;
        }
        // Gather window * samples in bit-reversed order (even samples real, odd imaginary) straight into the
        // first radix-4 pass, so the packed frame is written once.
        ref double zr = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref double zi = ref Unsafe.Add(ref zr, m);
        ref float x = ref MemoryMarshal.GetReference(samples);
        ref double w = ref MemoryMarshal.GetReference(window);
        ref int rev = ref MemoryMarshal.GetArrayDataReference(_half.BitReverse);
        for (int s = 0; s < m; s += 4)
        {
            int r0 = 2 * Unsafe.Add(ref rev, s), r1 = 2 * Unsafe.Add(ref rev, s + 1);
            int r2 = 2 * Unsafe.Add(ref rev, s + 2), r3 = 2 * Unsafe.Add(ref rev, s + 3);
            double x0r = Unsafe.Add(ref w, r0) * Unsafe.Add(ref x, r0), x0i = Unsafe.Add(ref w, r0 + 1) * Unsafe.Add(ref x, r0 + 1);
            double x1r = Unsafe.Add(ref w, r1) * Unsafe.Add(ref x, r1), x1i = Unsafe.Add(ref w, r1 + 1) * Unsafe.Add(ref x, r1 + 1);
            double x2r = Unsafe.Add(ref w, r2) * Unsafe.Add(ref x, r2), x2i = Unsafe.Add(ref w, r2 + 1) * Unsafe.Add(ref x, r2 + 1);
            double x3r = Unsafe.Add(ref w, r3) * Unsafe.Add(ref x, r3), x3i = Unsafe.Add(ref w, r3 + 1) * Unsafe.Add(ref x, r3 + 1);
            ComplexFft.Radix4(ref Unsafe.Add(ref zr, s), ref Unsafe.Add(ref zi, s), x0r, x0i, x1r, x1i, x2r, x2i, x3r, x3i);
        }
        _half.TransformAfterFirstPass(scratch.AsSpan(0, m), scratch.AsSpan(m, m));

        int k0 = 0;
        if (Vector256.IsHardwareAccelerated && m >= 16)
        {
            // Bins k..k+3 and m-k-3..m-k at once; the mirrored half is read and written reversed.
            ref double wr = ref MemoryMarshal.GetArrayDataReference(_splitRe);
            ref double wi = ref MemoryMarshal.GetArrayDataReference(_splitIm);
            ref double p = ref MemoryMarshal.GetReference(power);
            var reverse = Vector256.Create(3L, 2, 1, 0);
            var half = Vector256.Create(0.5);
            int k = 1;
            for (; k + 3 < m / 2; k += 4)
            {
                nuint a = (nuint)k, b = (nuint)(m - k - 3);
                var ar = Vector256.LoadUnsafe(ref zr, a); var ai = Vector256.LoadUnsafe(ref zi, a);
                var br = Vector256.Shuffle(Vector256.LoadUnsafe(ref zr, b), reverse);
                var bi = Vector256.Shuffle(Vector256.LoadUnsafe(ref zi, b), reverse);
                var er = half * (ar + br); var ei = half * (ai - bi);
                var or = half * (ai + bi); var oi = half * (br - ar);
                var cr = Vector256.LoadUnsafe(ref wr, a); var ci = Vector256.LoadUnsafe(ref wi, a);
                var tr = cr * or - ci * oi; var ti = cr * oi + ci * or;
                var xr = er + tr; var xi = ei + ti; var yr = er - tr; var yi = ei - ti;
                (xr * xr + xi * xi).StoreUnsafe(ref p, a);
                Vector256.Shuffle(yr * yr + yi * yi, reverse).StoreUnsafe(ref p, b);
            }
            PowerPair(scratch, m, 0, power);
            k0 = k;
        }
        for (int k = k0; k <= m / 2; k++)
            PowerPair(scratch, m, k, power);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PowerPair(double[] scratch, int m, int k, Span<double> power)
    {
        var (xr, xi, yr, yi) = Split(scratch, m, k);
        power[k] = xr * xr + xi * xi;
        power[m - k] = yr * yr + yi * yi;
    }

    /// <summary>Packs even samples as real and odd as imaginary parts (bit-reversed) and transforms them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Transform(ReadOnlySpan<double> frame, double[] scratch)
    {
        int m = _n / 2;
        if (frame.Length < _n || scratch.Length < _n)
            throw new ArgumentException("Frame or scratch is shorter than the transform.");
        ref double zr = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref double zi = ref Unsafe.Add(ref zr, m);
        ref double x = ref MemoryMarshal.GetReference(frame);
        ref int rev = ref MemoryMarshal.GetArrayDataReference(_half!.BitReverse);
        for (int k = 0; k < m; k++)
        {
            int r = Unsafe.Add(ref rev, k);
            Unsafe.Add(ref zr, r) = Unsafe.Add(ref x, 2 * k);
            Unsafe.Add(ref zi, r) = Unsafe.Add(ref x, 2 * k + 1);
        }
        _half.TransformBitReversed(scratch.AsSpan(0, m), scratch.AsSpan(m, m));
    }

    /// <summary>
    /// X[k] and conj(X[m - k]) from the packed transform Z: with E = (Z[k] + conj Z[m-k]) / 2 and
    /// O = -i (Z[k] - conj Z[m-k]) / 2, X[k] = E + W^k O and X[m-k] = conj(E - W^k O), W = e^{-2 pi i / N}.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (double Xr, double Xi, double Yr, double Yi) Split(double[] scratch, int m, int k)
    {
        ref double zr = ref MemoryMarshal.GetArrayDataReference(scratch);
        ref double zi = ref Unsafe.Add(ref zr, m);
        int b = k == 0 ? 0 : m - k;
        double ar = Unsafe.Add(ref zr, k), ai = Unsafe.Add(ref zi, k);
        double br = Unsafe.Add(ref zr, b), bi = Unsafe.Add(ref zi, b);
        double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
        double or = 0.5 * (ai + bi), oi = -0.5 * (ar - br);
        double wr = _splitRe[k], wi = _splitIm[k];
        double tr = wr * or - wi * oi, ti = wr * oi + wi * or;
        return (er + tr, ei + ti, er - tr, ei - ti);
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void TransformBitReversed(Span<double> re, Span<double> im)
        {
            int m = _m;
            if (re.Length < m || im.Length < m)
                throw new ArgumentException("Buffers are shorter than the transform.");
            if (m == 1)
                return;
            if (m == 2)
            {
                double r0 = re[0], i0 = im[0];
                re[0] = r0 + re[1]; im[0] = i0 + im[1];
                re[1] = r0 - re[1]; im[1] = i0 - im[1];
                return;
            }
            FirstRadix4(ref MemoryMarshal.GetReference(re), ref MemoryMarshal.GetReference(im), m);
            TransformAfterFirstPass(re, im);
        }

        /// <summary>The stages after the first radix-4 pass (h = 4, 8, ...); m must be at least 4.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void TransformAfterFirstPass(Span<double> re, Span<double> im)
        {
            int m = _m;
            if (m < 4 || re.Length < m || im.Length < m)
                throw new ArgumentException("Buffers are shorter than the transform, or it is shorter than 4.");
            ref double xr = ref MemoryMarshal.GetReference(re);
            ref double xi = ref MemoryMarshal.GetReference(im);
            int h = 4;
            for (; 4 * h <= m; h *= 4)
                Radix22(ref xr, ref xi, m, h);
            if (h < m)
                Radix2(ref xr, ref xi, m, h);
        }

        /// <summary>Stages h = 1 and 2 fused: radix-4 butterflies on groups of four (twiddles 1 and -i).</summary>
        private static void FirstRadix4(ref double xr, ref double xi, int m)
        {
            for (int s = 0; s < m; s += 4)
            {
                ref double r = ref Unsafe.Add(ref xr, s);
                ref double i = ref Unsafe.Add(ref xi, s);
                Radix4(ref r, ref i, r, i, Unsafe.Add(ref r, 1), Unsafe.Add(ref i, 1),
                    Unsafe.Add(ref r, 2), Unsafe.Add(ref i, 2), Unsafe.Add(ref r, 3), Unsafe.Add(ref i, 3));
            }
        }

        /// <summary>Writes the 4-point DFT of x0..x3 (bit-reversed order, as stages h = 1, 2 see them) to r/i[0..3].</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static void Radix4(ref double r, ref double i,
            double x0r, double x0i, double x1r, double x1i, double x2r, double x2i, double x3r, double x3i)
        {
            double a0r = x0r + x1r, a0i = x0i + x1i, a1r = x0r - x1r, a1i = x0i - x1i;
            double a2r = x2r + x3r, a2i = x2i + x3i, a3r = x2r - x3r, a3i = x2i - x3i;
            r = a0r + a2r; i = a0i + a2i;
            Unsafe.Add(ref r, 2) = a0r - a2r; Unsafe.Add(ref i, 2) = a0i - a2i;
            Unsafe.Add(ref r, 1) = a1r + a3i; Unsafe.Add(ref i, 1) = a1i - a3r;   // a3 * -i = (a3i, -a3r)
            Unsafe.Add(ref r, 3) = a1r - a3i; Unsafe.Add(ref i, 3) = a1i + a3r;
        }

        /// <summary>
        /// Radix-2 stages h and 2h fused (radix-2^2): each element is loaded and stored once for two stages.
        /// Pairs (b, d) of the second stage use twiddle -i * W_4h^j, which costs no multiply.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Radix22(ref double xr, ref double xi, int m, int h)
        {
            ref double w1r = ref _twRe[h];
            ref double w1i = ref _twIm[h];
            ref double w2r = ref _twRe[2 * h];
            ref double w2i = ref _twIm[2 * h];
            int lanes = Vector<double>.Count;
            for (int s = 0; s < m; s += 4 * h)
            {
                int j = 0;
                if (Vector.IsHardwareAccelerated && h % lanes == 0)
                {
                    for (; j < h; j += lanes)
                    {
                        nuint ia = (nuint)(s + j), ib = ia + (nuint)h, ic = ib + (nuint)h, id = ic + (nuint)h;
                        var ar = Vector.LoadUnsafe(ref xr, ia); var ai = Vector.LoadUnsafe(ref xi, ia);
                        var br = Vector.LoadUnsafe(ref xr, ib); var bi = Vector.LoadUnsafe(ref xi, ib);
                        var cr = Vector.LoadUnsafe(ref xr, ic); var ci = Vector.LoadUnsafe(ref xi, ic);
                        var dr = Vector.LoadUnsafe(ref xr, id); var di = Vector.LoadUnsafe(ref xi, id);
                        var ur = Vector.LoadUnsafe(ref w1r, (nuint)j); var ui = Vector.LoadUnsafe(ref w1i, (nuint)j);
                        var tbr = br * ur - bi * ui; var tbi = br * ui + bi * ur;
                        var tdr = dr * ur - di * ui; var tdi = dr * ui + di * ur;
                        var a1r = ar + tbr; var a1i = ai + tbi; var b1r = ar - tbr; var b1i = ai - tbi;
                        var c1r = cr + tdr; var c1i = ci + tdi; var d1r = cr - tdr; var d1i = ci - tdi;
                        var vr = Vector.LoadUnsafe(ref w2r, (nuint)j); var vi = Vector.LoadUnsafe(ref w2i, (nuint)j);
                        var tcr = c1r * vr - c1i * vi; var tci = c1r * vi + c1i * vr;
                        var er = d1r * vr - d1i * vi; var ei = d1r * vi + d1i * vr;   // then times -i: (ei, -er)
                        (a1r + tcr).StoreUnsafe(ref xr, ia); (a1i + tci).StoreUnsafe(ref xi, ia);
                        (a1r - tcr).StoreUnsafe(ref xr, ic); (a1i - tci).StoreUnsafe(ref xi, ic);
                        (b1r + ei).StoreUnsafe(ref xr, ib); (b1i - er).StoreUnsafe(ref xi, ib);
                        (b1r - ei).StoreUnsafe(ref xr, id); (b1i + er).StoreUnsafe(ref xi, id);
                    }
                }
                for (; j < h; j++)
                {
                    int ia = s + j, ib = ia + h, ic = ib + h, id = ic + h;
                    double ur = Unsafe.Add(ref w1r, j), ui = Unsafe.Add(ref w1i, j);
                    double vr = Unsafe.Add(ref w2r, j), vi = Unsafe.Add(ref w2i, j);
                    double ar = Unsafe.Add(ref xr, ia), ai = Unsafe.Add(ref xi, ia);
                    double br = Unsafe.Add(ref xr, ib), bi = Unsafe.Add(ref xi, ib);
                    double cr = Unsafe.Add(ref xr, ic), ci = Unsafe.Add(ref xi, ic);
                    double dr = Unsafe.Add(ref xr, id), di = Unsafe.Add(ref xi, id);
                    double tbr = br * ur - bi * ui, tbi = br * ui + bi * ur;
                    double tdr = dr * ur - di * ui, tdi = dr * ui + di * ur;
                    double a1r = ar + tbr, a1i = ai + tbi, b1r = ar - tbr, b1i = ai - tbi;
                    double c1r = cr + tdr, c1i = ci + tdi, d1r = cr - tdr, d1i = ci - tdi;
                    double tcr = c1r * vr - c1i * vi, tci = c1r * vi + c1i * vr;
                    double er = d1r * vr - d1i * vi, ei = d1r * vi + d1i * vr;
                    Unsafe.Add(ref xr, ia) = a1r + tcr; Unsafe.Add(ref xi, ia) = a1i + tci;
                    Unsafe.Add(ref xr, ic) = a1r - tcr; Unsafe.Add(ref xi, ic) = a1i - tci;
                    Unsafe.Add(ref xr, ib) = b1r + ei; Unsafe.Add(ref xi, ib) = b1i - er;
                    Unsafe.Add(ref xr, id) = b1r - ei; Unsafe.Add(ref xi, id) = b1i + er;
                }
            }
        }

        /// <summary>One plain radix-2 stage (left over when the stage count after the first pass is odd).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Radix2(ref double xr, ref double xi, int m, int h)
        {
            ref double wr = ref _twRe[h];
            ref double wi = ref _twIm[h];
            int lanes = Vector<double>.Count;
            for (int s = 0; s < m; s += 2 * h)
            {
                int j = 0;
                if (Vector.IsHardwareAccelerated && h % lanes == 0)
                {
                    for (; j < h; j += lanes)
                    {
                        nuint ia = (nuint)(s + j), ib = ia + (nuint)h;
                        var ur = Vector.LoadUnsafe(ref wr, (nuint)j); var ui = Vector.LoadUnsafe(ref wi, (nuint)j);
                        var ar = Vector.LoadUnsafe(ref xr, ia); var ai = Vector.LoadUnsafe(ref xi, ia);
                        var br = Vector.LoadUnsafe(ref xr, ib); var bi = Vector.LoadUnsafe(ref xi, ib);
                        var tr = br * ur - bi * ui; var ti = br * ui + bi * ur;
                        (ar + tr).StoreUnsafe(ref xr, ia); (ai + ti).StoreUnsafe(ref xi, ia);
                        (ar - tr).StoreUnsafe(ref xr, ib); (ai - ti).StoreUnsafe(ref xi, ib);
                    }
                }
                for (; j < h; j++)
                {
                    int ia = s + j, ib = ia + h;
                    double ur = Unsafe.Add(ref wr, j), ui = Unsafe.Add(ref wi, j);
                    double br = Unsafe.Add(ref xr, ib), bi = Unsafe.Add(ref xi, ib);
                    double tr = br * ur - bi * ui, ti = br * ui + bi * ur;
                    double ar = Unsafe.Add(ref xr, ia), ai = Unsafe.Add(ref xi, ia);
                    Unsafe.Add(ref xr, ia) = ar + tr; Unsafe.Add(ref xi, ia) = ai + ti;
                    Unsafe.Add(ref xr, ib) = ar - tr; Unsafe.Add(ref xi, ib) = ai - ti;
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
