using SpeechEmotion.Audio;
using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data;

/// <summary>A temporary folder of WAV files named like RAVDESS: tones whose pitch depends on the emotion, so a model can learn them.</summary>
internal sealed class SyntheticCorpus : IDisposable
{
    public SyntheticCorpus()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "se-corpus-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>Writes clips for <paramref name="actors"/> x <paramref name="emotions"/> x statements x repetitions (normal intensity).</summary>
    public SyntheticCorpus AddActors(IEnumerable<int> actors, IEnumerable<int> emotions, int statements = 1, int repetitions = 1,
        double seconds = 0.5, int sampleRate = 22050)
    {
        foreach (var actor in actors)
            foreach (var emotion in emotions)
                for (var s = 1; s <= statements; s++)
                    for (var r = 1; r <= repetitions; r++)
                        AddClip(actor, emotion, s, r, seconds, sampleRate);
        return this;
    }

    /// <summary>Writes every one of the 60 speech clips of the given actors (short, to keep tests fast).</summary>
    public SyntheticCorpus AddCompleteActors(IEnumerable<int> actors, double seconds = 0.1)
    {
        foreach (var actor in actors)
            foreach (var name in RavdessCorpus.ExpectedSpeechFileNames(actor))
                WriteTone(System.IO.Path.Combine(ActorFolder(actor), name), 200 + 50 * Utterance.Parse(name).Emotion, seconds, 22050, actor);
        return this;
    }

    public string AddClip(int actor, int emotion, int statement = 1, int repetition = 1, double seconds = 0.5, int sampleRate = 22050, int intensity = 1)
    {
        var name = Utterance.FormatFileName(3, VocalChannel.Speech, emotion, intensity, statement, repetition, actor);
        var path = System.IO.Path.Combine(ActorFolder(actor), name);
        WriteTone(path, 150 + 90 * emotion, seconds, sampleRate, actor * 100 + statement * 10 + repetition);
        return path;
    }

    public string AddFile(string relativePath, byte[] content)
    {
        var path = System.IO.Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private string ActorFolder(int actor) => System.IO.Path.Combine(Directory, $"Actor_{actor:00}");

    /// <summary>A tone with two harmonics, a little seeded noise and an attack/decay envelope, as 16-bit PCM mono.</summary>
    public static void WriteTone(string path, double frequency, double seconds, int sampleRate, int seed)
    {
        var random = new Random(seed);
        var n = (int)(seconds * sampleRate);
        var samples = new float[n];
        for (var i = 0; i < n; i++)
        {
            var t = (double)i / sampleRate;
            var envelope = Math.Sin(Math.PI * i / n);
            samples[i] = (float)(envelope * (0.4 * Math.Sin(2 * Math.PI * frequency * t) + 0.15 * Math.Sin(4 * Math.PI * frequency * t))
                + 0.01 * (random.NextDouble() - 0.5));
        }
        System.IO.Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        WavWriter.Write(path, samples, sampleRate);
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
