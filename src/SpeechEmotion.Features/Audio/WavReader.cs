using System.Buffers.Binary;

namespace SpeechEmotion.Audio;

/// <summary>Decodes RIFF/WAVE files to mono float samples (channel mean, as librosa).</summary>
public static class WavReader
{
    /// <summary>Reads a file.</summary>
    public static AudioBuffer Read(string path) => Read(File.ReadAllBytes(path), Path.GetFileName(path));

    /// <summary>Reads a whole stream.</summary>
    public static AudioBuffer Read(Stream stream, string? name = null)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Read(ms.ToArray(), name);
    }

    /// <summary>Reads bytes of a WAV file. (Minimal: PCM 8/16/24/32 and float 32.)</summary>
    public static AudioBuffer Read(byte[] bytes, string? name = null)
    {
        var b = bytes.AsSpan();
        int pos = 12, channels = 0, rate = 0, bits = 0, format = 0;
        while (pos + 8 <= b.Length)
        {
            string id = System.Text.Encoding.ASCII.GetString(b.Slice(pos, 4));
            int size = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(pos + 4));
            if (id == "fmt ")
            {
                format = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(pos + 8));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(pos + 10));
                rate = BinaryPrimitives.ReadInt32LittleEndian(b.Slice(pos + 12));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(b.Slice(pos + 22));
            }
            else if (id == "data")
            {
                var data = b.Slice(pos + 8, Math.Min(size, b.Length - pos - 8));
                int bps = bits / 8, frames = data.Length / (bps * channels);
                var y = new float[frames];
                for (int i = 0; i < frames; i++)
                {
                    float sum = 0;
                    for (int c = 0; c < channels; c++)
                    {
                        var s = data.Slice((i * channels + c) * bps);
                        sum += bits switch
                        {
                            8 => (s[0] - 128) / 128f,
                            16 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                            24 => ((s[0] << 8 | s[1] << 16 | s[2] << 24) >> 8) / 8388608f,
                            32 when format == 3 => BinaryPrimitives.ReadSingleLittleEndian(s),
                            _ => BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648f,
                        };
                    }
                    y[i] = sum / channels;
                }
                return new AudioBuffer(y, rate);
            }
            pos += 8 + size + (size & 1);
        }
        throw new AudioFormatException(name, "no data chunk");
    }
}
