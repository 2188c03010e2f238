using System.Globalization;

namespace SpeechEmotion.Tests.Audio;

/// <summary>Access to the librosa golden files copied next to the test assembly.</summary>
internal static class GoldenFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", "golden", name);

    /// <summary>A one-column CSV of float32 values printed with %.9g (which parse back exactly).</summary>
    public static float[] ReadCsv(string name) =>
        File.ReadLines(PathOf(name)).Where(l => l.Length > 0).Select(l => float.Parse(l, CultureInfo.InvariantCulture)).ToArray();
}
