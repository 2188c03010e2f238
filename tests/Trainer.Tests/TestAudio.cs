using SpeechEmotion.Audio;

namespace SpeechEmotion.Trainer.Tests;

/// <summary>Seeded synthetic clips written as 16-bit PCM WAV files.</summary>
internal static class TestAudio
{
    public static void WriteWav(string path, int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        var samples = new float[(int)(sampleRate * seconds)];
        double f = 150 + 50 * seed;
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.4 * Math.Sin(2 * Math.PI * f * i / sampleRate) * (0.5 + 0.5 * Math.Sin(2 * Math.PI * 3 * i / sampleRate))
                + 0.02 * (random.NextDouble() - 0.5));
        }
        WavWriter.Write(path, samples, sampleRate);
    }
}
