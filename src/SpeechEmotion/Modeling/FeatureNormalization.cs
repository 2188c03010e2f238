using System.Runtime.CompilerServices;
using SpeechEmotion.Data;
using SpeechEmotion.Features;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Global per-feature standardization <c>(x - Mean) / Std</c>, fitted on the training clips' valid frames only.
/// Stored in the model bundle so inference applies exactly what training applied.
/// </summary>
/// <param name="Mean">Per-feature mean, one value per feature.</param>
/// <param name="Std">Per-feature standard deviation (population), at least <see cref="StdFloor"/>.</param>
public sealed record FeatureNormalization(float[] Mean, float[] Std)
{
    /// <summary>Smallest standard deviation used, so constant features do not divide by zero.</summary>
    public const float StdFloor = 1e-6f;

    /// <summary>Number of features.</summary>
    public int FeatureCount => Mean.Length;

    /// <summary>
    /// Fits mean and standard deviation per feature over the valid frames (<see cref="LabeledClip.ValidFrames"/>)
    /// of <paramref name="trainClips"/>; padding frames are ignored. Accumulates in double.
    /// </summary>
    /// <exception cref="ArgumentException">No clips, no valid frames, differing feature counts or non-finite values.</exception>
    public static FeatureNormalization Fit(IEnumerable<LabeledClip> trainClips)
    {
        ArgumentNullException.ThrowIfNull(trainClips);
        double[]? sum = null, sumSq = null;
        float[] rows = [];
        long count = 0;
        foreach (var clip in trainClips)
        {
            var m = clip.Features;
            var width = m.FeatureCount;
            sum ??= new double[width];
            sumSq ??= new double[width];
            if (width != sum.Length)
                throw new ArgumentException($"Clip '{clip.Id}' has {width} features per frame, expected {sum.Length}.", nameof(trainClips));
            var valid = CheckedValidFrames(clip.Id, m.Frames, clip.ValidFrames);
            if (rows.Length < valid * width)
                rows = new float[valid * width];
            m.CopyRows(valid, rows);
            for (var t = 0; t < valid; t++)
            {
                var row = rows.AsSpan(t * width, width);
                for (var f = 0; f < row.Length; f++)
                {
                    double v = row[f];
                    sum[f] += v;
                    sumSq[f] += v * v;
                }
            }
            count += valid;
        }
        if (sum is null || sumSq is null || count == 0)
            throw new ArgumentException("Cannot fit feature normalization: no valid frames in the training clips.", nameof(trainClips));

        var mean = new float[sum.Length];
        var std = new float[sum.Length];
        for (var f = 0; f < sum.Length; f++)
        {
            var mu = sum[f] / count;
            var variance = Math.Max(0, sumSq[f] / count - mu * mu);
            if (!double.IsFinite(mu) || !double.IsFinite(variance))
                throw new ArgumentException($"Cannot fit feature normalization: feature {f} has non-finite values.", nameof(trainClips));
            mean[f] = (float)mu;
            std[f] = Math.Max(StdFloor, (float)Math.Sqrt(variance));
        }
        return new FeatureNormalization(mean, std);
    }

    /// <summary>Returns a normalized copy of <paramref name="m"/>; frames from <paramref name="validFrames"/> on stay zero.</summary>
    public FeatureMatrix Apply(FeatureMatrix m, int validFrames)
    {
        ArgumentNullException.ThrowIfNull(m);
        var data = new float[m.Data.Length];
        ApplyTo(m, validFrames, data);
        return new FeatureMatrix(data, m.Frames, m.Features);
    }

    /// <summary>Checks lengths and values; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public void Validate(int expectedFeatures)
    {
        if (Mean is null || Std is null)
            throw new ArgumentException("Feature normalization is missing its mean or std.");
        if (Mean.Length != expectedFeatures || Std.Length != expectedFeatures)
            throw new ArgumentException($"Feature normalization has {Mean.Length} means and {Std.Length} stds, expected {expectedFeatures} each.");
        for (var f = 0; f < expectedFeatures; f++)
        {
            if (!float.IsFinite(Mean[f]) || !float.IsFinite(Std[f]) || Std[f] <= 0)
                throw new ArgumentException($"Feature normalization of feature {f} is invalid (mean {Mean[f]}, std {Std[f]}).");
        }
    }

    /// <summary>
    /// Writes the normalized valid frames of <paramref name="m"/> into <paramref name="destination"/> (row-major, at
    /// least <c>validFrames * m.Features</c> long); padding rows of <paramref name="m"/> that fit in it are zeroed.
    /// </summary>
    internal void ApplyTo(FeatureMatrix m, int validFrames, Span<float> destination)
    {
        var valid = Math.Clamp(validFrames, 0, m.Frames);
        ApplyRows(m, 0, valid, destination);
        destination.Slice(valid * m.Features, Math.Min(destination.Length, m.Data.Length) - valid * m.Features).Clear();
    }

    /// <summary>Writes the normalized rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) of <paramref name="m"/> into <paramref name="destination"/>.</summary>
    internal void ApplyRows(FeatureMatrix m, int start, int count, Span<float> destination)
    {
        if (m.Features != Mean.Length)
            throw new ArgumentException($"Features have {m.Features} values per frame, the normalization expects {Mean.Length}.", nameof(m));
        NormalizeRows(m.Data.AsSpan(start * m.Features, count * m.Features), destination);
    }

    /// <summary>Normalizes <paramref name="rows"/> (whole frames, row-major) in place.</summary>
    internal void ApplyInPlace(Span<float> rows)
    {
        if (rows.Length % Mean.Length != 0)
            throw new ArgumentException($"{rows.Length} values are not whole frames of {Mean.Length} features.", nameof(rows));
        NormalizeRows(rows, rows);
    }

    // (x - mean) / std per feature, row by row; source and destination may be the same span.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NormalizeRows(ReadOnlySpan<float> source, Span<float> destination)
    {
        var width = Mean.Length;
        for (var t = 0; t < source.Length; t += width)
        {
            var row = source.Slice(t, width);
            var dst = destination.Slice(t, width);
            for (var f = 0; f < width; f++)
                dst[f] = (row[f] - Mean[f]) / Std[f];
        }
    }

    internal static int CheckedValidFrames(string id, int frames, int validFrames)
    {
        if (validFrames < 0 || validFrames > frames)
            throw new ArgumentException($"Clip '{id}' has valid_frames {validFrames} outside [0, {frames}].");
        return validFrames;
    }
}
