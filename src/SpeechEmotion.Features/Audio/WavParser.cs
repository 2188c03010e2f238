using System.Buffers.Binary;

namespace SpeechEmotion.Audio;

/// <summary>
/// Parses RIFF/WAVE (also big-endian RIFX and RF64/BW64) headers: finds 'fmt ' and 'data' and skips every
/// other chunk. Sizes are checked against the real input length before anything is used.
/// </summary>
internal static class WavParser
{
    private const ushort FormatPcm = 1, FormatFloat = 3, FormatExtensible = 0xFFFE;

    /// <summary>KSDATAFORMAT_SUBTYPE_* GUIDs end with these 14 bytes; the first 2 hold the format tag.</summary>
    private static ReadOnlySpan<byte> SubFormatTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Parses a file whose first 12 bytes were checked to be RIFF/RIFX/RF64/BW64 + WAVE.</summary>
    public static PcmLayout Parse(ReadOnlySpan<byte> file, string? name)
    {
        bool bigEndian = file[..4].SequenceEqual("RIFX"u8);
        bool rf64 = file[..4].SequenceEqual("RF64"u8) || file[..4].SequenceEqual("BW64"u8);
        uint riffSize = ChunkId.ReadSize(file[4..], bigEndian);

        ReadOnlySpan<byte> fmt = default;
        bool haveFmt = false;
        long dataOffset = -1, dataLength = 0, ds64DataSize = -1;
        long pos = 12;
        while (pos + 8 <= file.Length && !(haveFmt && dataOffset >= 0))
        {
            var id = file.Slice((int)pos, 4);
            uint size = ChunkId.ReadSize(file[(int)(pos + 4)..], bigEndian);
            long body = pos + 8, available = file.Length - body;
            if (id.SequenceEqual("fmt "u8) && !haveFmt)
            {
                if (size > available)
                    throw new AudioFormatException(name, $"fmt chunk is truncated ({available} of {size} bytes present)");
                fmt = file.Slice((int)body, (int)size);
                haveFmt = true;
            }
            else if (id.SequenceEqual("data"u8) && dataOffset < 0)
            {
                long length = size;
                if (rf64 && size == uint.MaxValue && ds64DataSize >= 0)
                    length = ds64DataSize;
                if (length > available)
                    length = available; // truncated or still being written: keep what is there
                else if (length == 0 && available > 0 && riffSize + 8L <= body)
                    length = available; // a writer that never filled in its sizes (libsndfile does the same)
                dataOffset = body;
                dataLength = length;
                pos = ChunkId.Next(file, body, length);
                continue;
            }
            else if (id.SequenceEqual("ds64"u8) && rf64 && size >= 16 && available >= 16)
            {
                ulong dataSize = BinaryPrimitives.ReadUInt64LittleEndian(file[(int)(body + 8)..]);
                ds64DataSize = dataSize > long.MaxValue ? long.MaxValue : (long)dataSize;
            }
            pos = ChunkId.Next(file, body, size);
        }

        if (!haveFmt)
            throw new AudioFormatException(name, "no fmt chunk (the WAV header is missing or damaged)");
        if (dataOffset < 0)
            throw new AudioFormatException(name, "no data chunk");
        return ParseFormat(fmt, bigEndian, name) with { DataOffset = (int)dataOffset, DataLength = (int)dataLength };
    }

    private static PcmLayout ParseFormat(ReadOnlySpan<byte> fmt, bool bigEndian, string? name)
    {
        if (fmt.Length < 16)
            throw new AudioFormatException(name, $"fmt chunk is too short ({fmt.Length} bytes; at least 16 needed)");
        int tag = U16(fmt, bigEndian);
        int channels = U16(fmt[2..], bigEndian);
        uint rate = ChunkId.ReadSize(fmt[4..], bigEndian);
        int blockAlign = U16(fmt[12..], bigEndian);
        int bits = U16(fmt[14..], bigEndian);

        if (tag == FormatExtensible)
        {
            if (fmt.Length < 40)
                throw new AudioFormatException(name, $"WAVE_FORMAT_EXTENSIBLE fmt chunk is too short ({fmt.Length} bytes; 40 needed)");
            var guid = fmt.Slice(24, 16);
            if (!guid[2..].SequenceEqual(SubFormatTail))
                throw new AudioFormatException(name, $"unsupported WAVE_FORMAT_EXTENSIBLE sub-format GUID {new Guid(guid)}");
            tag = U16(guid, bigEndian);
        }
        if (tag != FormatPcm && tag != FormatFloat)
            throw new AudioFormatException(name,
                $"unsupported codec {CodecName(tag)}(format tag 0x{tag:X4}); only PCM and IEEE float WAV can be read");

        PcmLayout.CheckChannelsAndRate(name, channels, rate);
        SampleEncoding encoding;
        if (tag == FormatFloat)
        {
            encoding = bits switch
            {
                32 => SampleEncoding.Float32,
                64 => SampleEncoding.Float64,
                _ => throw new AudioFormatException(name, $"unsupported float sample size {bits} bits (32 or 64 expected)"),
            };
        }
        else
        {
            if (bits is < 1 or > 32)
                throw new AudioFormatException(name, $"unsupported PCM sample size {bits} bits (1 to 32 expected)");
            // Samples narrower than their byte container are left-justified, so they scale by the container (as libsndfile).
            encoding = PcmLayout.IntegerPcm((bits + 7) / 8, unsigned8: true);
        }

        int frameBytes = channels * PcmLayout.BytesOf(encoding);
        if (blockAlign != frameBytes && blockAlign != 0)
            throw new AudioFormatException(name,
                $"block align {blockAlign} does not match {channels} channel(s) of {bits}-bit samples ({frameBytes} expected)");
        return new PcmLayout(encoding, bigEndian, channels, (int)rate, 0, 0);
    }

    private static int U16(ReadOnlySpan<byte> b, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b);

    /// <summary>Name of a well-known format tag followed by a space, or empty.</summary>
    private static string CodecName(int tag) => tag switch
    {
        0x0002 => "Microsoft ADPCM ",
        0x0006 => "A-law ",
        0x0007 => "mu-law ",
        0x0011 => "IMA ADPCM ",
        0x0022 => "DSP Group TrueSpeech ",
        0x0031 => "GSM 6.10 ",
        0x0040 => "G.721 ADPCM ",
        0x0050 => "MPEG audio ",
        0x0055 => "MP3 ",
        0x00FF or 0x1610 => "AAC ",
        0x0160 or 0x0161 or 0x0162 or 0x0163 => "Windows Media Audio ",
        0x2000 => "AC-3 ",
        0xF1AC => "FLAC ",
        _ => "",
    };
}
