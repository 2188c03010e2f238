namespace SpeechEmotion.Tests.Inference;

/// <summary>Probability vectors equal within <paramref name="tolerance"/> per class.</summary>
internal sealed class ProbabilityComparer(float tolerance = 1e-6f) : IEqualityComparer<float[]>
{
    public bool Equals(float[]? x, float[]? y) => x!.Length == y!.Length && x.Zip(y).All(p => Math.Abs(p.First - p.Second) <= tolerance);

    public int GetHashCode(float[] obj) => 0;
}
