using System.Buffers.Binary;

namespace SpeechEmotion.Web.Tests;

/// <summary>Writes mono 16-bit PCM WAV files for tests.</summary>
internal static class TestWav
{
    public static byte[] Encode(float[] samples, int sampleRate)
    {
        var bytes = new byte[44 + samples.Length * 2];
        var b = bytes.AsSpan();
        "RIFF"u8.CopyTo(b);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], 36 + samples.Length * 2);
        "WAVEfmt "u8.CopyTo(b[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(b[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(b[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(b[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(b[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(b[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(b[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(b[34..], 16);
        "data"u8.CopyTo(b[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(b[40..], samples.Length * 2);
        for (int i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(b[(44 + i * 2)..], (short)Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767));
        }
        return bytes;
    }
}
