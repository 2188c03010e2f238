using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.CompressedFiles;

namespace SpeechEmotion.Tests.Audio;

public sealed class VorbisSetupCheckTests
{
    [Theory]
    [InlineData("speech.ogg")]
    [InlineData("tone-stereo.ogg")]
    public void RealFiles_DeclareFewCodebookCells(string file)
    {
        var setup = VorbisSetupCheck.SetupPacket(Bytes(file));

        Assert.NotNull(setup);
        Assert.InRange(VorbisSetupCheck.CodebookCells(setup), 1, 1 << 17);
    }

    [Fact]
    public void Read_SetupHeaderDeclaringHugeOrderedCodebooks_IsRefusedBeforeNVorbisBuildsThem()
    {
        // Given a 300-byte Ogg Vorbis file whose setup header declares four codebooks of 2^24 - 1 entries each
        // (unguarded, NVorbis spent 30 s and 940 MB on one such book, and ran out of memory on four)
        var file = HostileOgg(books: 4, entries: (1 << 24) - 1);

        // Then it is refused, naming what it declares
        var e = Assert.Throws<AudioFormatException>(() => AudioReader.Read(file, "bomb.ogg"));
        Assert.StartsWith("bomb.ogg: Vorbis setup header declares codebooks of", e.Message);
    }

    [Fact]
    public void HostileOgg_WithSmallBooks_PassesTheCheckAndFailsInNVorbis()
    {
        // The same construction with a 255-entry book is within the budget: the decoder reports the damage
        var e = Assert.Throws<AudioFormatException>(() => AudioReader.Read(HostileOgg(books: 1, entries: 255), "small.ogg"));
        Assert.StartsWith("small.ogg: damaged Ogg Vorbis stream", e.Message);
    }

    /// <summary>
    /// The identification and comment headers of speech.ogg, then a setup header of <paramref name="books"/>
    /// ordered codebooks of <paramref name="entries"/> entries (all of length 24) and nothing valid after them.
    /// </summary>
    private static byte[] HostileOgg(int books, int entries)
    {
        var source = Bytes("speech.ogg");
        var bits = new List<bool>();
        void Write(long value, int count)
        {
            for (int i = 0; i < count; i++)
                bits.Add(((value >> i) & 1) != 0);
        }
        foreach (char c in "\u0005vorbis")
            Write(c, 8);
        Write(books - 1, 8);
        for (int k = 0; k < books; k++)
        {
            Write(0x564342, 24);
            Write(1, 16);            // dimensions
            Write(entries, 24);
            Write(1, 1);             // ordered
            Write(23, 5);            // first length 24
            Write(entries, 32 - int.LeadingZeroCount(entries));  // one run covering every entry
            Write(0, 4);             // no lookup table
        }
        Write(0, 64 * 8);
        var setup = new byte[(bits.Count + 7) / 8];
        for (int i = 0; i < bits.Count; i++)
        {
            if (bits[i])
                setup[i / 8] |= (byte)(1 << (i % 8));
        }

        // Page 2: the original comment packet (68 bytes, right after the first page and the second's header) + setup.
        var comment = source.AsSpan(58 + 27 + source[58 + 26], 68).ToArray();
        var lacing = new List<byte> { 68 };
        int left = setup.Length;
        for (; left >= 255; left -= 255)
            lacing.Add(255);
        lacing.Add((byte)left);
        var page = new List<byte>();
        page.AddRange("OggS"u8.ToArray());
        page.AddRange(new byte[] { 0, 0 });
        page.AddRange(new byte[8]);                       // granule 0
        page.AddRange(source.AsSpan(14, 4).ToArray());    // the stream's serial
        page.AddRange(BitConverter.GetBytes(1));          // page sequence 1
        page.AddRange(new byte[4]);                       // CRC, filled in below
        page.Add((byte)lacing.Count);
        page.AddRange(lacing);
        page.AddRange(comment);
        page.AddRange(setup);
        var bytes = page.ToArray();
        BitConverter.GetBytes(OggCrc(bytes)).CopyTo(bytes, 22);
        return [.. source.AsSpan(0, 58), .. bytes];
    }

    /// <summary>Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0.</summary>
    private static uint OggCrc(byte[] page)
    {
        uint crc = 0;
        foreach (byte b in page)
        {
            crc ^= (uint)b << 24;
            for (int i = 0; i < 8; i++)
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
        }
        return crc;
    }
}
