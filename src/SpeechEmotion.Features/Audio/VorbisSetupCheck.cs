namespace SpeechEmotion.Audio;

/// <summary>
/// Reads the codebook sizes of an Ogg Vorbis file's setup header before NVorbis sees it. NVorbis builds each
/// codebook's tables as the header declares them, and the "ordered" length coding lets a few bytes declare
/// 2^24 entries: a 243-byte file made it allocate 940 MB over 30 s. Real encoders use far smaller books, so a
/// header whose books add up to more than <see cref="MaxCodebookCells"/> is refused. Anything else unusual is
/// left for NVorbis to report.
/// </summary>
internal static class VorbisSetupCheck
{
    /// <summary>
    /// Most codebook entries plus vector-quantisation cells (entries x dimensions of books with a lookup table)
    /// one setup header may declare, summed over its books: 2^22. libvorbis's own files stay below 2^17.
    /// </summary>
    public const long MaxCodebookCells = 1L << 22;

    /// <summary>Throws when the setup header declares more codebook cells than <see cref="MaxCodebookCells"/>.</summary>
    public static void Check(ReadOnlySpan<byte> file, string? name)
    {
        var setup = SetupPacket(file);
        if (setup is null)
            return;
        long cells = CodebookCells(setup);
        if (cells > MaxCodebookCells)
            throw new AudioFormatException(name,
                $"Vorbis setup header declares codebooks of {cells} cells (at most {MaxCodebookCells}); not a file a real encoder makes");
    }

    /// <summary>The third packet of the first logical stream (the setup header), or null when the file ends before it.</summary>
    internal static byte[]? SetupPacket(ReadOnlySpan<byte> file)
    {
        var packet = new List<byte>();
        int packetIndex = 0;
        long pos = 0;
        uint serial = 0;
        bool first = true;
        while (pos + 27 <= file.Length && file.Slice((int)pos, 4).SequenceEqual("OggS"u8))
        {
            int segments = file[(int)pos + 26];
            long body = pos + 27 + segments;
            if (body > file.Length)
                return null;
            uint pageSerial = BitConverter.ToUInt32(file.Slice((int)pos + 14, 4));
            if (first)
                (serial, first) = (pageSerial, false);
            var lacing = file.Slice((int)pos + 27, segments);
            long at = body;
            foreach (byte lace in lacing)
            {
                if (pageSerial == serial)
                {
                    if (at + lace > file.Length)
                        return null;
                    if (packetIndex == 2)
                        packet.AddRange(file.Slice((int)at, lace));
                    if (lace < 255)
                    {
                        if (packetIndex == 2)
                            return packet.ToArray();
                        packetIndex++;
                    }
                }
                at += lace;
            }
            pos = at;
        }
        return null;
    }

    /// <summary>Sum over the setup header's codebooks of entries, plus entries x dimensions for books with a lookup table.</summary>
    internal static long CodebookCells(byte[] setup)
    {
        var bits = new BitReader(setup);
        if (bits.Read(8) != 5)
            return 0;
        bits.Skip(48);  // "vorbis"
        long books = bits.Read(8) + 1, cells = 0;
        for (long book = 0; book < books && !bits.Exhausted; book++)
        {
            if (bits.Read(24) != 0x564342)
                return cells;  // damaged: NVorbis says so
            long dimensions = bits.Read(16), entries = bits.Read(24);
            cells += entries;
            if (bits.Read(1) == 1)
            {
                // Ordered: runs of entries of increasing length; each run's count takes ilog(entries left) bits.
                long entry = 0, length = bits.Read(5) + 1;
                while (entry < entries && length <= 32 && !bits.Exhausted)
                {
                    entry += bits.Read(ILog(entries - entry));
                    length++;
                }
            }
            else
            {
                // Unordered: 5 bits per entry, or a flag and then 5 bits per used entry when sparse.
                bool sparse = bits.Read(1) == 1;
                for (long entry = 0; entry < entries && !bits.Exhausted; entry++)
                {
                    if (!sparse || bits.Read(1) == 1)
                        bits.Skip(5);
                }
            }
            long lookup = bits.Read(4);
            if (lookup is 1 or 2)
            {
                cells += entries * dimensions;
                bits.Skip(64);  // minimum and delta
                long valueBits = bits.Read(4) + 1;
                bits.Skip(1);
                long values = lookup == 1 ? Lookup1Values(entries, dimensions) : entries * dimensions;
                bits.Skip(values * valueBits);
            }
            if (cells > MaxCodebookCells)
                return cells;
        }
        return cells;
    }

    private static int ILog(long v)
    {
        int r = 0;
        for (; v > 0; v >>= 1)
            r++;
        return r;
    }

    /// <summary>The largest r with r^dimensions &lt;= entries (Vorbis I spec, lookup1_values).</summary>
    private static long Lookup1Values(long entries, long dimensions)
    {
        if (dimensions == 0)
            return 0;
        long r = (long)Math.Floor(Math.Pow(entries, 1.0 / dimensions));
        while (r > 0 && Math.Pow(r, dimensions) > entries)
            r--;
        while (Math.Pow(r + 1, dimensions) <= entries)
            r++;
        return r;
    }

    /// <summary>Vorbis bit packing: least significant bit first; reads past the end give zeros and set <see cref="Exhausted"/>.</summary>
    private sealed class BitReader(byte[] data)
    {
        private long _bit;

        public bool Exhausted => _bit > 8L * data.Length;

        public long Read(int count)
        {
            long value = 0;
            for (int i = 0; i < count; i++, _bit++)
            {
                if (_bit < 8L * data.Length && ((data[_bit >> 3] >> (int)(_bit & 7)) & 1) != 0)
                    value |= 1L << i;
            }
            if (_bit > 8L * data.Length)
                _bit = 8L * data.Length + 1;
            return value;
        }

        public void Skip(long count) => _bit = Math.Min(_bit + count, 8L * data.Length + 1);
    }
}
