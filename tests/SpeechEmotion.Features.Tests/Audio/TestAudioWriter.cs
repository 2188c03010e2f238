using System.Buffers.Binary;
using System.Text;

namespace SpeechEmotion.Tests.Audio;

/// <summary>One extra chunk to place in a test file.</summary>
internal sealed record TestChunk(string Id, byte[] Body);

/// <summary>
/// Builds WAV and AIFF files in memory for tests, with full control over header fields so that
/// broken and hostile files can be made too. Ordinary WAV files are written with <c>WavWriter</c> (NAudio);
/// this builder is for what a well-behaved writer cannot make: odd chunk layouts, RIFX, RF64, AIFF,
/// unusual sample widths, wrong size fields.
/// </summary>
internal static class TestAudioWriter
{
    public const ushort Pcm = 1, Float = 3, Extensible = 0xFFFE;

    /// <summary>A 'fmt ' chunk body (16 bytes, or 40 for WAVE_FORMAT_EXTENSIBLE with <paramref name="subFormat"/>).</summary>
    public static byte[] Fmt(ushort tag, int channels, int rate, int bits, int? blockAlign = null, ushort subFormat = 0, bool bigEndian = false)
    {
        int align = blockAlign ?? channels * ((bits + 7) / 8);
        var w = new ChunkWriter(bigEndian);
        w.U16(tag).U16((ushort)channels).U32((uint)rate).U32((uint)(rate * align)).U16((ushort)align).U16((ushort)bits);
        if (tag == Extensible)
        {
            w.U16(22).U16((ushort)bits).U32(0);
            w.U16(subFormat).Bytes([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71]);
        }
        return w.ToArray();
    }

    /// <summary>A RIFF/WAVE (or RIFX) file: 'fmt ', the <paramref name="before"/> chunks, 'data', the <paramref name="after"/> chunks.</summary>
    public static byte[] Wav(byte[] fmt, byte[] data, IEnumerable<TestChunk>? before = null, IEnumerable<TestChunk>? after = null,
        string riff = "RIFF", uint? dataSizeField = null, uint? riffSizeField = null)
    {
        bool bigEndian = riff == "RIFX";
        var chunks = new List<TestChunk> { new("fmt ", fmt) };
        chunks.AddRange(before ?? []);
        chunks.Add(new TestChunk("data", data));
        chunks.AddRange(after ?? []);
        return Container(riff, "WAVE", chunks, bigEndian, riffSizeField, id => id == "data" ? dataSizeField : null);
    }

    /// <summary>A RIFF-style container from explicit chunks (pad bytes added after odd sizes).</summary>
    public static byte[] Container(string magic, string type, IEnumerable<TestChunk> chunks, bool bigEndian,
        uint? sizeField = null, Func<string, uint?>? sizeOverride = null)
    {
        var w = new ChunkWriter(bigEndian);
        w.Ascii(magic).U32(0).Ascii(type);
        foreach (var c in chunks)
        {
            w.Ascii(c.Id).U32(sizeOverride?.Invoke(c.Id) ?? (uint)c.Body.Length).Bytes(c.Body);
            if (c.Body.Length % 2 == 1)
                w.Bytes([0]);
        }
        var bytes = w.ToArray();
        uint size = sizeField ?? (uint)(bytes.Length - 8);
        if (bigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), size);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), size);
        return bytes;
    }

    /// <summary>A COMM chunk body; <paramref name="compression"/> null makes the 18-byte AIFF form.</summary>
    public static byte[] Comm(int channels, uint frames, int bits, double rate, string? compression = null)
    {
        var w = new ChunkWriter(bigEndian: true);
        w.U16((ushort)channels).U32(frames).U16((ushort)bits).Bytes(Extended(rate));
        if (compression is not null)
            w.Ascii(compression).Bytes([4]).Ascii("none").Bytes([0]); // Pascal string "none", padded to even length
        return w.ToArray();
    }

    /// <summary>An AIFF (or AIFF-C when <paramref name="aifc"/>) file: COMM, extra chunks, SSND.</summary>
    public static byte[] Aiff(byte[] comm, byte[] data, bool aifc = false, IEnumerable<TestChunk>? before = null,
        uint ssndOffset = 0, bool ssndFirst = false)
    {
        var ssnd = new ChunkWriter(bigEndian: true).U32(ssndOffset).U32(0).Bytes(new byte[ssndOffset]).Bytes(data).ToArray();
        var chunks = new List<TestChunk>();
        if (aifc)
            chunks.Add(new TestChunk("FVER", [0xA2, 0x80, 0x51, 0x40]));
        var main = new List<TestChunk> { new("COMM", comm) };
        main.AddRange(before ?? []);
        if (ssndFirst)
            main.Insert(0, new TestChunk("SSND", ssnd));
        else
            main.Add(new TestChunk("SSND", ssnd));
        chunks.AddRange(main);
        return Container("FORM", aifc ? "AIFC" : "AIFF", chunks, bigEndian: true);
    }

    /// <summary>80-bit IEEE 754 extended big-endian encoding of a positive finite number (or 0).</summary>
    public static byte[] Extended(double value)
    {
        var b = new byte[10];
        if (value == 0)
            return b;
        int exponent = Math.ILogB(value);
        ulong mantissa = (ulong)Math.ScaleB(value, 63 - exponent); // exact: a double has 53 bits
        BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)(exponent + 16383));
        BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(2), mantissa);
        return b;
    }

    /// <summary>Interleaves integer samples [frame][channel] into <paramref name="bytes"/>-wide little- or big-endian words.</summary>
    public static byte[] Ints(int[][] frames, int bytes, bool bigEndian = false, bool unsigned8 = false)
    {
        var w = new ChunkWriter(bigEndian);
        foreach (var frame in frames)
        {
            foreach (int v in frame)
            {
                int x = unsigned8 && bytes == 1 ? v + 128 : v;
                var word = new byte[bytes];
                for (int k = 0; k < bytes; k++)
                    word[bigEndian ? bytes - 1 - k : k] = (byte)(x >> (8 * k));
                w.Bytes(word);
            }
        }
        return w.ToArray();
    }

    public static byte[] Floats(float[][] frames, bool bigEndian = false)
    {
        var w = new ChunkWriter(bigEndian);
        foreach (var frame in frames)
            foreach (float v in frame)
                w.U32(BitConverter.SingleToUInt32Bits(v));
        return w.ToArray();
    }

    public static byte[] Doubles(double[][] frames, bool bigEndian = false)
    {
        var w = new ChunkWriter(bigEndian);
        foreach (var frame in frames)
        {
            foreach (double v in frame)
            {
                ulong bits = BitConverter.DoubleToUInt64Bits(v);
                if (bigEndian)
                    w.U32((uint)(bits >> 32)).U32((uint)bits);
                else
                    w.U32((uint)bits).U32((uint)(bits >> 32));
            }
        }
        return w.ToArray();
    }

    /// <summary>Seeded random integer frames spanning the full signed range of <paramref name="bits"/>-bit samples.</summary>
    public static int[][] RandomInts(int seed, int frames, int channels, int bits)
    {
        var rng = new Random(seed);
        long min = -(1L << (bits - 1)), max = (1L << (bits - 1)) - 1;
        var result = new int[frames][];
        for (int i = 0; i < frames; i++)
        {
            result[i] = new int[channels];
            for (int c = 0; c < channels; c++)
            {
                // Include the extremes so that scaling at full scale is checked.
                result[i][c] = i switch { 0 => (int)min, 1 => (int)max, 2 => 0, _ => (int)rng.NextInt64(min, max + 1) };
            }
        }
        return result;
    }

    /// <summary>Seeded sine-plus-noise frames in [-1, 1), different per channel.</summary>
    public static double[][] RandomSignal(int seed, int frames, int channels)
    {
        var rng = new Random(seed);
        var result = new double[frames][];
        for (int i = 0; i < frames; i++)
        {
            result[i] = new double[channels];
            for (int c = 0; c < channels; c++)
                result[i][c] = 0.6 * Math.Sin(2 * Math.PI * (220 + 110 * c) * i / 16000.0) + 0.3 * (rng.NextDouble() * 2 - 1);
        }
        return result;
    }

    private sealed class ChunkWriter(bool bigEndian)
    {
        private readonly MemoryStream _stream = new();

        public ChunkWriter Bytes(ReadOnlySpan<byte> b)
        {
            _stream.Write(b);
            return this;
        }

        public ChunkWriter Ascii(string s) => Bytes(Encoding.Latin1.GetBytes(s));

        public ChunkWriter U16(ushort v)
        {
            Span<byte> b = stackalloc byte[2];
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(b, v); else BinaryPrimitives.WriteUInt16LittleEndian(b, v);
            return Bytes(b);
        }

        public ChunkWriter U32(uint v)
        {
            Span<byte> b = stackalloc byte[4];
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(b, v); else BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            return Bytes(b);
        }

        public byte[] ToArray() => _stream.ToArray();
    }
}
