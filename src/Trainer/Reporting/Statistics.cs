using MathNet.Numerics.Distributions;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>Student-t statistics for the reports (MathNet.Numerics).</summary>
internal static class Statistics
{
    /// <summary>The 0.975 quantile of Student's t with <paramref name="degreesOfFreedom"/>: the half-width of a 95% interval in standard errors.</summary>
    public static double TQuantile975(int degreesOfFreedom) => StudentT.InvCDF(0, 1, degreesOfFreedom, 0.975);

    /// <summary>
    /// Paired t-test of <paramref name="a"/> against <paramref name="b"/> (the same folds and seeds, in the same
    /// order): the mean difference a - b, its 95% confidence interval and the two-sided p-value.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 pairs, or lists of different lengths.</exception>
    public static PairedComparison PairedT(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
            throw new ArgumentException($"A paired test needs the same runs on both sides ({a.Count} vs {b.Count}).");
        if (a.Count < 2)
            throw new ArgumentException($"A paired test needs at least 2 pairs (got {a.Count}).");
        var d = a.Zip(b, (x, y) => x - y).ToArray();
        var n = d.Length;
        var mean = d.Average();
        var sd = Math.Sqrt(d.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var se = sd / Math.Sqrt(n);
        var half = TQuantile975(n - 1) * se;
        double t, p;
        if (se > 0)
        {
            t = mean / se;
            p = 2 * (1 - StudentT.CDF(0, 1, n - 1, Math.Abs(t)));
        }
        else
        {
            // Every pair differs by the same amount: no spread to test against.
            t = mean == 0 ? 0 : double.PositiveInfinity * Math.Sign(mean);
            p = mean == 0 ? 1 : 0;
        }
        return new PairedComparison(n, mean, mean - half, mean + half, t, p);
    }
}
