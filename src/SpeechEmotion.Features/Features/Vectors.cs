using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpeechEmotion.Features;

/// <summary>SIMD kernels shared by the feature stages.</summary>
internal static class Vectors
{
    /// <summary>sum a[i] * b[i] over the length of <paramref name="a"/> (b at least as long).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (b.Length < a.Length)
            throw new ArgumentException("Second operand is shorter than the first.", nameof(b));
        int n = a.Length, i = 0;
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        double sum = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
                acc += Vector.LoadUnsafe(ref ra, (nuint)i) * Vector.LoadUnsafe(ref rb, (nuint)i);
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
            sum += Unsafe.Add(ref ra, i) * Unsafe.Add(ref rb, i);
        return sum;
    }

    /// <summary>destination[i] = window[i] * source[i], widening float samples to double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Multiply(ReadOnlySpan<float> source, ReadOnlySpan<double> window, Span<double> destination)
    {
        int n = destination.Length, i = 0;
        if (source.Length < n || window.Length < n)
            throw new ArgumentException("Operands are shorter than the destination.");
        ref float rs = ref MemoryMarshal.GetReference(source);
        ref double rw = ref MemoryMarshal.GetReference(window);
        ref double rd = ref MemoryMarshal.GetReference(destination);
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref rs, (nuint)i), out Vector<double> lo, out Vector<double> hi);
                (lo * Vector.LoadUnsafe(ref rw, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
                (hi * Vector.LoadUnsafe(ref rw, (nuint)(i + Vector<double>.Count))).StoreUnsafe(ref rd, (nuint)(i + Vector<double>.Count));
            }
        }
        for (; i < n; i++)
            Unsafe.Add(ref rd, i) = Unsafe.Add(ref rw, i) * Unsafe.Add(ref rs, i);
    }

    /// <summary>sum x[i]^2 in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SumOfSquares(ReadOnlySpan<float> x)
    {
        int n = x.Length, i = 0;
        ref float rx = ref MemoryMarshal.GetReference(x);
        double sum = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<double>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Widen(Vector.LoadUnsafe(ref rx, (nuint)i), out Vector<double> lo, out Vector<double> hi);
                acc += lo * lo + hi * hi;
            }
            sum = Vector.Sum(acc);
        }
        for (; i < n; i++)
            sum += (double)Unsafe.Add(ref rx, i) * Unsafe.Add(ref rx, i);
        return sum;
    }

    /// <summary>x[i] = 10 * log10(max(floor, x[i])) - offset, in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PowerToDb(Span<double> x, double floor, double offset)
    {
        int n = x.Length, i = 0;
        ref double r = ref MemoryMarshal.GetReference(x);
        const double scale = 10 / 2.302585092994045684;   // 10 / ln(10)
        if (Vector.IsHardwareAccelerated)
        {
            var vFloor = new Vector<double>(floor);
            var vOffset = new Vector<double>(offset);
            for (; i <= n - Vector<double>.Count; i += Vector<double>.Count)
            {
                var v = Vector.Max(Vector.LoadUnsafe(ref r, (nuint)i), vFloor);
                (Vector.Log(v) * scale - vOffset).StoreUnsafe(ref r, (nuint)i);
            }
        }
        for (; i < n; i++)
            Unsafe.Add(ref r, i) = 10 * Math.Log10(Math.Max(floor, Unsafe.Add(ref r, i))) - offset;
    }

    /// <summary>Index of the first NaN or infinity in <paramref name="x"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int IndexOfNonFinite(ReadOnlySpan<float> x)
    {
        int n = x.Length, i = 0;
        ref float r = ref MemoryMarshal.GetReference(x);
        if (Vector.IsHardwareAccelerated)
        {
            // v * 0 is 0 for finite v and NaN otherwise; a NaN makes the accumulator NaN.
            var acc = Vector<float>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                acc += Vector.LoadUnsafe(ref r, (nuint)i) * Vector<float>.Zero;
            if (Vector.EqualsAll(acc, Vector<float>.Zero))
            {
                for (; i < n; i++)
                {
                    if (!float.IsFinite(Unsafe.Add(ref r, i)))
                        return i;
                }
                return -1;
            }
            i = 0;
        }
        for (; i < n; i++)
        {
            if (!float.IsFinite(Unsafe.Add(ref r, i)))
                return i;
        }
        return -1;
    }
}
