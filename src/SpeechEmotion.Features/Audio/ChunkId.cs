using System.Text;

namespace SpeechEmotion.Audio;

/// <summary>Helpers for four-character chunk identifiers and for quoting raw bytes in messages.</summary>
internal static class ChunkId
{
    /// <summary>True when the 4 bytes at <paramref name="offset"/> exist and are printable ASCII, as every real chunk id is.</summary>
    public static bool IsPrintableAt(ReadOnlySpan<byte> file, long offset)
    {
        if (offset < 0 || offset + 4 > file.Length)
            return false;
        foreach (byte b in file.Slice((int)offset, 4))
        {
            if (b is < 0x20 or > 0x7E)
                return false;
        }
        return true;
    }

    /// <summary>Quotes bytes for a message: printable ASCII as is, other bytes as \xNN.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder("'");
        foreach (byte b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'\'' and not (byte)'\\')
                sb.Append((char)b);
            else
                sb.Append($"\\x{b:X2}");
        }
        return sb.Append('\'').ToString();
    }

    /// <summary>Reads a chunk size of the file's byte order.</summary>
    public static uint ReadSize(ReadOnlySpan<byte> b, bool bigEndian) => bigEndian
        ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(b)
        : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(b);

    /// <summary>
    /// Offset of the chunk after one whose body of <paramref name="size"/> bytes starts at <paramref name="body"/>.
    /// Odd sizes are followed by a zero pad byte; some writers omit it, so a chunk id found where the pad
    /// should be is taken as the next chunk.
    /// </summary>
    public static long Next(ReadOnlySpan<byte> file, long body, long size)
    {
        long next = body + size;
        if ((size & 1) == 0)
            return next;
        return next < file.Length && file[(int)next] != 0 && IsPrintableAt(file, next) ? next : next + 1;
    }
}
