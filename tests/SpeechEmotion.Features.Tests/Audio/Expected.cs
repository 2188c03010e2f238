namespace SpeechEmotion.Tests.Audio;

/// <summary>The values soundfile + numpy give, computed independently of the reader's code.</summary>
internal static class Expected
{
    /// <summary>libsndfile's float scaling of a signed integer sample in a container of <paramref name="bytes"/> bytes.</summary>
    public static float Scaled(int x, int bytes) => (float)(x / Math.Pow(2, 8 * bytes - 1)); // exact quotient, one rounding

    /// <summary>numpy float32 <c>np.mean(y, axis=0)</c>: float32 sum in channel order, then float32 division.</summary>
    public static float Mean(IEnumerable<float> channelValues)
    {
        float sum = 0f;
        int n = 0;
        foreach (float v in channelValues)
        {
            sum += v;
            n++;
        }
        return sum / n;
    }

    public static float[] Mono(int[][] frames, int bytes) =>
        frames.Select(f => Mean(f.Select(x => Scaled(x, bytes)))).ToArray();

    public static float[] Mono(float[][] frames) => frames.Select(f => Mean(f)).ToArray();

    public static float[] Mono(double[][] frames) => frames.Select(f => Mean(f.Select(x => (float)x))).ToArray();

    public static float[][] ToFloat(double[][] frames) => frames.Select(f => f.Select(x => (float)x).ToArray()).ToArray();

    /// <summary>Signed integers at full scale of <paramref name="bits"/> from a [-1, 1) signal.</summary>
    public static int[][] Quantize(double[][] frames, int bits) =>
        frames.Select(f => f.Select(x => (int)Math.Clamp(Math.Round(x * (1L << (bits - 1))), -(1L << (bits - 1)), (1L << (bits - 1)) - 1)).ToArray()).ToArray();
}
