using System.Runtime.CompilerServices;
namespace SpeechEmotion.Features;

/// <summary>
/// Orthonormal DCT-II truncated to the first coefficients, as <c>scipy.fftpack.dct(x, type=2, norm='ortho')[:count]</c>
/// (what <c>librosa.feature.mfcc</c> applies to the log-mel spectrum):
/// <c>y[k] = s(k) * sum_n x[n] cos(pi k (2n + 1) / (2N))</c> with <c>s(0) = sqrt(1/N)</c>, <c>s(k) = sqrt(2/N)</c>.
/// A direct matrix product: with 40 x 128 it is cheaper than an FFT-based DCT.
/// </summary>
internal sealed class Dct
{
    private readonly double[] _basis;   // [count, length] row-major

    public Dct(int length, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, length);
        Length = length;
        Count = count;
        _basis = new double[count * length];
        for (int k = 0; k < count; k++)
        {
            double scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / length);
            for (int n = 0; n < length; n++)
                _basis[k * length + n] = scale * Math.Cos(Math.PI * k * (2 * n + 1) / (2.0 * length));
        }
    }

    /// <summary>Input length N.</summary>
    public int Length { get; }

    /// <summary>Number of coefficients kept.</summary>
    public int Count { get; }

    /// <summary>Writes the first <see cref="Count"/> coefficients of <paramref name="x"/> to <paramref name="y"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<double> x, Span<double> y)
    {
        var basis = _basis.AsSpan();
        x = x[..Length];
        for (int k = 0; k < Count; k++)
            y[k] = Vectors.Dot(basis.Slice(k * Length, Length), x);
    }
}
