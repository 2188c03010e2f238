using System.Buffers.Binary;

namespace SpeechEmotion.Audio;

/// <summary>
/// Parses AIFF and AIFF-C headers (big-endian IFF): finds 'COMM' and 'SSND' in any order and skips every
/// other chunk. Sizes are checked against the real input length before anything is used. As in libsndfile,
/// the frame count comes from the SSND length, not from COMM's numSampleFrames.
/// </summary>
internal static class AiffParser
{
    /// <summary>Parses a file whose first 12 bytes were checked to be FORM + AIFF or AIFC.</summary>
    public static PcmLayout Parse(ReadOnlySpan<byte> file, string? name)
    {
        bool aifc = file.Slice(8, 4).SequenceEqual("AIFC"u8);
        ReadOnlySpan<byte> comm = default;
        bool haveComm = false;
        long dataOffset = -1, dataLength = 0;
        long pos = 12;
        while (pos + 8 <= file.Length && !(haveComm && dataOffset >= 0))
        {
            var id = file.Slice((int)pos, 4);
            uint size = BinaryPrimitives.ReadUInt32BigEndian(file[(int)(pos + 4)..]);
            long body = pos + 8, available = file.Length - body;
            if (id.SequenceEqual("COMM"u8) && !haveComm)
            {
                if (size > available)
                    throw new AudioFormatException(name, $"COMM chunk is truncated ({available} of {size} bytes present)");
                comm = file.Slice((int)body, (int)size);
                haveComm = true;
            }
            else if (id.SequenceEqual("SSND"u8) && dataOffset < 0)
            {
                if (size < 8 || available < 8)
                    throw new AudioFormatException(name, "SSND chunk is too short (its 8-byte header is incomplete)");
                uint offset = BinaryPrimitives.ReadUInt32BigEndian(file[(int)body..]);
                long end = body + Math.Min(size, available); // a truncated chunk keeps what is there
                dataOffset = body + 8 + offset;
                if (dataOffset > end)
                    throw new AudioFormatException(name, $"SSND data offset {offset} lies beyond the end of the chunk");
                dataLength = end - dataOffset;
            }
            pos = ChunkId.Next(file, body, size);
        }

        if (!haveComm)
            throw new AudioFormatException(name, "no COMM chunk (the AIFF header is missing or damaged)");
        if (dataOffset < 0)
            throw new AudioFormatException(name, "no SSND chunk");
        return ParseComm(comm, aifc, name) with { DataOffset = (int)dataOffset, DataLength = (int)dataLength };
    }

    private static PcmLayout ParseComm(ReadOnlySpan<byte> comm, bool aifc, string? name)
    {
        if (comm.Length < 18)
            throw new AudioFormatException(name, $"COMM chunk is too short ({comm.Length} bytes; at least 18 needed)");
        int channels = BinaryPrimitives.ReadInt16BigEndian(comm);
        int bits = BinaryPrimitives.ReadInt16BigEndian(comm[6..]);
        long rate = ExtendedToInteger(comm.Slice(8, 10), name);
        PcmLayout.CheckChannelsAndRate(name, channels, rate);

        // Plain AIFF (and AIFF-C with the short 18-byte COMM) is big-endian PCM.
        var compression = aifc && comm.Length >= 22 ? comm.Slice(18, 4) : "NONE"u8;
        SampleEncoding encoding;
        bool bigEndian = true;
        switch (System.Text.Encoding.ASCII.GetString(compression))
        {
            case "NONE" or "twos":
                encoding = IntegerPcm(bits, name);
                break;
            case "sowt":
                encoding = IntegerPcm(bits, name);
                bigEndian = false;
                break;
            case "in24": encoding = SampleEncoding.Int24; break;
            case "in32": encoding = SampleEncoding.Int32; break;
            case "42ni": encoding = SampleEncoding.Int24; bigEndian = false; break;
            case "23ni": encoding = SampleEncoding.Int32; bigEndian = false; break;
            case "raw " when bits == 8: encoding = SampleEncoding.UInt8; break;
            case "fl32" or "FL32": encoding = SampleEncoding.Float32; break;
            case "fl64" or "FL64": encoding = SampleEncoding.Float64; break;
            default:
                throw new AudioFormatException(name,
                    $"unsupported AIFF-C compression {ChunkId.Quote(compression)}{CompressionName(compression)}; only PCM (NONE, twos, sowt) and float (fl32, fl64) can be read");
        }
        return new PcmLayout(encoding, bigEndian, channels, (int)rate, 0, 0);
    }

    private static SampleEncoding IntegerPcm(int bits, string? name)
    {
        if (bits is < 1 or > 32)
            throw new AudioFormatException(name, $"unsupported PCM sample size {bits} bits (1 to 32 expected)");
        // Narrower samples are left-justified in whole bytes; 8-bit AIFF is signed.
        return PcmLayout.IntegerPcm((bits + 7) / 8, unsigned8: false);
    }

    /// <summary>
    /// The integer part of an 80-bit IEEE 754 extended-precision number (the COMM sample rate), truncated as
    /// libsndfile does. Returns 0 for values below 1; huge values saturate.
    /// </summary>
    internal static long ExtendedToInteger(ReadOnlySpan<byte> ten, string? name)
    {
        int exponent = (ten[0] & 0x7F) << 8 | ten[1];
        ulong mantissa = BinaryPrimitives.ReadUInt64BigEndian(ten[2..]);
        if (exponent == 0x7FFF)
            throw new AudioFormatException(name, "sample rate in the COMM chunk is infinite or NaN");
        if (mantissa == 0)
            return 0;
        if ((ten[0] & 0x80) != 0)
            throw new AudioFormatException(name, "sample rate in the COMM chunk is negative");
        int power = exponent - 16383; // value = mantissa / 2^63 * 2^power
        if (power < 0)
            return 0;
        if (power > 62)
            return long.MaxValue;
        return (long)(mantissa >> (63 - power));
    }

    private static string CompressionName(ReadOnlySpan<byte> type) => System.Text.Encoding.ASCII.GetString(type) switch
    {
        "ulaw" or "ULAW" => " (mu-law)",
        "alaw" or "ALAW" => " (A-law)",
        "ima4" => " (IMA ADPCM)",
        "GSM " => " (GSM 6.10)",
        "MAC3" or "MAC6" => " (MACE)",
        "DWVW" => " (DWVW)",
        "alac" => " (Apple Lossless)",
        "Qclp" => " (QUALCOMM PureVoice)",
        "QDMC" or "QDM2" => " (QDesign Music)",
        "raw " => " (unsigned PCM other than 8-bit)",
        _ => "",
    };
}
