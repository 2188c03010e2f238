namespace SpeechEmotion.Features;

/// <summary>
/// A feature matrix of shape <c>[Frames, Features]</c>, stored row-major (one row per frame),
/// the layout the network consumes.
/// </summary>
public sealed class FeatureMatrix
{
    /// <summary>Wraps <paramref name="data"/> (row-major, not copied).</summary>
    public FeatureMatrix(float[] data, int frames, int features)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfNegative(frames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        if (data.Length != (long)frames * features)
            throw new ArgumentException($"data has {data.Length} values, expected {frames} x {features}.", nameof(data));
        Data = data;
        Frames = frames;
        Features = features;
    }

    /// <summary>Row-major values, <c>Data[frame * Features + feature]</c>.</summary>
    public float[] Data { get; }

    /// <summary>Number of frames (rows).</summary>
    public int Frames { get; }

    /// <summary>Number of features per frame (columns).</summary>
    public int Features { get; }

    /// <summary>The value at (<paramref name="frame"/>, <paramref name="feature"/>).</summary>
    public float this[int frame, int feature] => Data[frame * Features + feature];

    /// <summary>One frame's features.</summary>
    public ReadOnlySpan<float> Row(int frame) => Data.AsSpan(frame * Features, Features);
}
