using System.Text;

namespace SpeechEmotion.Trainer.Tests;

/// <summary>Seeded synthetic clips written as 16-bit PCM WAV files.</summary>
internal static class TestAudio
{
    public static void WriteWav(string path, int sampleRate, double seconds, int seed)
    {
        var random = new Random(seed);
        int n = (int)(sampleRate * seconds);
        using var writer = new BinaryWriter(File.Create(path), Encoding.ASCII);
        writer.Write("RIFF"u8);
        writer.Write(36 + 2 * n);
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(sampleRate);
        writer.Write(2 * sampleRate);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(2 * n);
        double f = 150 + 50 * seed;
        for (int i = 0; i < n; i++)
        {
            double v = 0.4 * Math.Sin(2 * Math.PI * f * i / sampleRate) * (0.5 + 0.5 * Math.Sin(2 * Math.PI * 3 * i / sampleRate)) + 0.02 * (random.NextDouble() - 0.5);
            writer.Write((short)Math.Round(v * 32767));
        }
    }
}
