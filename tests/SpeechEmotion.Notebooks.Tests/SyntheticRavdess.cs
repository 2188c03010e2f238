using NAudio.Wave;

namespace SpeechEmotion.Notebooks.Tests;

/// <summary>
/// A temporary folder laid out and named like RAVDESS (<c>Actor_NN/03-01-EE-01-SS-01-NN.wav</c>) holding short
/// tones whose pitch depends on the emotion, so that notebooks can train on it in seconds.
/// </summary>
internal sealed class SyntheticRavdess : IDisposable
{
    public SyntheticRavdess(int actors, int statements, double seconds = 1.0, int sampleRate = 22050)
    {
        Root = Path.Combine(Path.GetTempPath(), "se-notebook-" + Guid.NewGuid().ToString("N")[..8]);
        Corpus = Path.Combine(Root, "ravdess");
        for (int actor = 1; actor <= actors; actor++)
            for (int emotion = 1; emotion <= 8; emotion++)
                for (int statement = 1; statement <= statements; statement++)
                {
                    var name = $"03-01-{emotion:00}-01-{statement:00}-01-{actor:00}.wav";
                    var path = Path.Combine(Corpus, $"Actor_{actor:00}", name);
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllBytes(path, Tone(120 + 60 * emotion + 7 * actor, seconds, sampleRate, seed: actor * 100 + emotion * 10 + statement));
                    Clips++;
                }
    }

    /// <summary>Temporary folder holding the corpus and anything else the test puts beside it.</summary>
    public string Root { get; }

    /// <summary>The corpus folder.</summary>
    public string Corpus { get; }

    /// <summary>Number of clips written.</summary>
    public int Clips { get; }

    /// <summary>A 16-bit mono WAV file: two harmonics under a sine envelope, with a little seeded noise.</summary>
    private static byte[] Tone(double frequency, double seconds, int sampleRate, int seed)
    {
        var random = new Random(seed);
        var samples = new short[(int)(seconds * sampleRate)];
        for (int i = 0; i < samples.Length; i++)
        {
            double t = (double)i / sampleRate, envelope = Math.Sin(Math.PI * i / samples.Length);
            double value = envelope * (0.4 * Math.Sin(2 * Math.PI * frequency * t) + 0.15 * Math.Sin(4 * Math.PI * frequency * t))
                + 0.01 * (random.NextDouble() - 0.5);
            samples[i] = (short)Math.Round(Math.Clamp(value, -1, 1) * 32767);
        }
        // NAudio's writer directly rather than the library's WavWriter: the package tests link this file and
        // reference none of the solution's projects.
        var stream = new MemoryStream();
        using (var writer = new WaveFileWriter(stream, new WaveFormat(sampleRate, 16, 1)))
            writer.WriteSamples(samples, 0, samples.Length);
        return stream.ToArray();
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
    }
}
