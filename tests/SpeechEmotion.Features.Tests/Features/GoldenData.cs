using System.Globalization;
using System.Text.Json;

namespace SpeechEmotion.Tests.Features;

/// <summary>Reads the librosa 0.11 golden files in TestData/golden (see the README there).</summary>
internal static class GoldenData
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "TestData", "golden");

    public static readonly string[] Clips =
    [
        "speech_48k_s16", "speech_16k_s16", "speech_44k1_stereo_s16", "speech_22k05_u8", "speech_44k1_s24",
        "speech_48k_f32", "short_0s2_48k_s16", "long_8s_48k_s16", "sine440_22k05_s16",
    ];

    public static readonly string[] ResampledClips =
        Clips.Where(c => Meta(c).GetProperty("resampled").GetBoolean()).ToArray();

    public static TheoryData<string> All => new(Clips);

    public static TheoryData<string> ResampledTheory => new(ResampledClips);

    public static string Wav(string clip) => Path.Combine(Directory, clip + ".wav");

    public static JsonElement Meta(string clip) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory, clip + ".meta.json"))).RootElement;

    public static float[] Resampled(string clip) => Csv(clip, "resampled").Select(r => r[0]).ToArray();

    /// <summary>Rows of NAME.KIND.csv.</summary>
    public static float[][] Csv(string clip, string kind) =>
        File.ReadLines(Path.Combine(Directory, $"{clip}.{kind}.csv"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    /// <summary>Largest absolute difference between two equally long sequences.</summary>
    public static double MaxAbsDiff(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        Assert.Equal(a.Length, b.Length);
        double max = 0;
        for (int i = 0; i < a.Length; i++)
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        return max;
    }
}
