using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.CompressedFiles;

namespace SpeechEmotion.Tests.Audio;

/// <summary>Seeded mutations of the real MP3 and Ogg fixtures: every one decodes or fails with AudioFormatException.</summary>
public sealed class AudioReaderFuzzTests
{
    [Theory]
    [InlineData("tone-stereo.mp3", 11)]
    [InlineData("speech.mp3", 12)]
    [InlineData("speech.ogg", 13)]
    [InlineData("tone-stereo.ogg", 14)]
    public void Read_MutatedFiles_NeverCrash(string file, int seed)
    {
        var original = Bytes(file);
        var rng = new Random(seed);
        for (int run = 0; run < 150; run++)
        {
            var bytes = Mutate(original, rng);
            var audio = AudioReaderBadInputTests.DecodesOrFailsCleanly(bytes);
            if (audio is not null)
                Assert.True(audio.Samples.Length <= AudioReader.MaxDecodedSamples);
        }
    }

    /// <summary>Overwrites a few bytes (often in the first 200, where the headers are), cuts the end, or splices random bytes in.</summary>
    private static byte[] Mutate(byte[] original, Random rng)
    {
        var bytes = (byte[])original.Clone();
        switch (rng.Next(4))
        {
            case 0:
                for (int k = rng.Next(1, 8); k > 0; k--)
                    bytes[rng.Next(Math.Min(bytes.Length, 200))] = (byte)rng.Next(256);
                return bytes;
            case 1:
                for (int k = rng.Next(1, 30); k > 0; k--)
                    bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
                return bytes;
            case 2:
                return bytes[..rng.Next(1, bytes.Length)];
            default:
                int at = rng.Next(bytes.Length), count = rng.Next(1, 2000);
                var junk = new byte[count];
                rng.NextBytes(junk);
                return [.. bytes[..at], .. junk, .. bytes[at..]];
        }
    }
}
