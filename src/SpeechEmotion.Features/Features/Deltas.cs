using System.Runtime.CompilerServices;
namespace SpeechEmotion.Features;

/// <summary>
/// <c>librosa.feature.delta(data, width, order, axis=-1, mode='interp')</c>, i.e.
/// <c>scipy.signal.savgol_filter(data, width, polyorder=order, deriv=order, mode='interp')</c> along time:
/// each frame gets the order-th derivative of the least-squares polynomial of degree <c>order</c> fitted to
/// the <c>width</c> frames centred on it; the first and last <c>width / 2</c> frames use the polynomial
/// fitted to the first (last) <c>width</c> frames.
/// </summary>
/// <remarks>
/// Sequences shorter than <c>width</c> frames, which librosa refuses, get the derivative of one polynomial
/// fitted to all their frames: exactly what 'interp' mode computes when the sequence is exactly
/// <c>width</c> long, so results change smoothly with length. The degree drops to frames - 1 when there are
/// too few frames for it, and a derivative above the degree is zero (one frame: all zeros).
/// </remarks>
internal sealed class Deltas
{
    private readonly int _width, _order;
    private readonly double[][] _weights;   // _weights[z]: weights over a width-long window for position z

    public Deltas(int width, int order)
    {
        if (width < 3 || width % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(width), width, "The delta width must be odd and at least 3.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(order);
        _width = width;
        _order = order;
        _weights = new double[width][];
        for (int z = 0; z < width; z++)
            _weights[z] = FitWeights(width, Math.Min(order, width - 1), order, z);
    }

    /// <summary>
    /// Derivatives of <paramref name="data"/> ([frames, columns] row-major) along frames into
    /// <paramref name="result"/> (same shape).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Apply(ReadOnlySpan<double> data, int frames, int columns, Span<double> result)
    {
        if (frames == 0)
            return;
        if (frames < _width)
        {
            int degree = Math.Min(_order, frames - 1);
            for (int z = 0; z < frames; z++)
            {
                var w = FitWeights(frames, degree, _order, z);
                Combine(data, columns, 0, w, result.Slice(z * columns, columns));
            }
            return;
        }
        int half = _width / 2;
        for (int t = 0; t < frames; t++)
        {
            // Edge frames evaluate the fit over the first/last window at their own position.
            int start = t < half ? 0 : t >= frames - half ? frames - _width : t - half;
            Combine(data, columns, start, _weights[t - start], result.Slice(t * columns, columns));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Combine(ReadOnlySpan<double> data, int columns, int startFrame, double[] weights, Span<double> output)
    {
        output.Clear();
        for (int j = 0; j < weights.Length; j++)
        {
            double w = weights[j];
            if (w == 0)
                continue;
            var row = data.Slice((startFrame + j) * columns, columns);
            for (int c = 0; c < columns; c++)
                output[c] += w * row[c];
        }
    }

    /// <summary>
    /// Weights w such that sum_j w[j] y[j] is the <paramref name="deriv"/>-th derivative at position
    /// <paramref name="z"/> of the degree-<paramref name="degree"/> least-squares fit to y[0..count).
    /// </summary>
    internal static double[] FitWeights(int count, int degree, int deriv, int z)
    {
        var weights = new double[count];
        if (deriv > degree)
            return weights;
        int p = degree + 1;
        double c = (count - 1) / 2.0;   // centred positions keep the normal equations well conditioned
        // Normal equations G a = A^T y with G = A^T A, A[j, q] = (j - c)^q; w = A G^{-1} e, e = d/dx basis at z.
        var g = new double[p, p];
        for (int j = 0; j < count; j++)
        {
            for (int q = 0; q < p; q++)
            {
                for (int r = 0; r < p; r++)
                    g[q, r] += Math.Pow(j - c, q + r);
            }
        }
        var e = new double[p];
        for (int q = deriv; q < p; q++)
        {
            double factor = 1;
            for (int i = 0; i < deriv; i++)
                factor *= q - i;
            e[q] = factor * Math.Pow(z - c, q - deriv);
        }
        var v = Solve(g, e);   // G symmetric: w[j] = sum_q A[j, q] v[q]
        for (int j = 0; j < count; j++)
        {
            double sum = 0;
            for (int q = 0; q < p; q++)
                sum += Math.Pow(j - c, q) * v[q];
            weights[j] = sum;
        }
        return weights;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        int n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++)
            {
                if (Math.Abs(m[r, col]) > Math.Abs(m[pivot, col]))
                    pivot = r;
            }
            for (int k = 0; k < n; k++)
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (int r = col + 1; r < n; r++)
            {
                double f = m[r, col] / m[col, col];
                for (int k = col; k < n; k++)
                    m[r, k] -= f * m[col, k];
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double sum = x[r];
            for (int k = r + 1; k < n; k++)
                sum -= m[r, k] * x[k];
            x[r] = sum / m[r, r];
        }
        return x;
    }
}
