using System.Buffers.Binary;
using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.TestAudioWriter;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavReaderBadInputTests
{
    private const string Name = "bad.wav";

    /// <summary>Decoding must fail with AudioFormatException naming the file and containing every fragment.</summary>
    private static AudioFormatException Fails(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<AudioFormatException>(() => WavReader.Read(bytes, Name));
        Assert.Equal(Name, e.FileName);
        Assert.StartsWith(Name + ": ", e.Message);
        foreach (var f in fragments)
            Assert.Contains(f, e.Message);
        return e;
    }

    private static byte[] Pcm16(int frames = 10) => Ints(RandomInts(seed: 1, frames, channels: 1, bits: 16), 2);

    [Fact]
    public void Read_Empty_SaysEmpty() => Fails([], "empty");

    [Theory]
    [InlineData("RIF")]
    [InlineData("RIFF\x10\0\0\0WA")]
    [InlineData("FORM\0\0")]
    public void Read_TruncatedHeader_SaysTruncated(string start) =>
        Fails(start.Select(c => (byte)c).ToArray(), "truncated header");

    [Theory]
    [InlineData("ID3\x03\0\0\0\0\0\0\0\0", "starts with 'ID3'", "MP3")]
    [InlineData("fLaC\0\0\0\x22\x10\0\x10\0", "starts with 'fLaC'", "FLAC")]
    [InlineData("OggS\0\x02\0\0\0\0\0\0", "starts with 'OggS'", "Ogg")]
    [InlineData("\xFF\xFB\x90\x64\0\0\0\0\0\0\0\0", "starts with bytes FFFB9064", "MP3")]
    [InlineData("\0\0\0 ftypM4A \0\0\0\0", "starts with bytes 00000020", "MP4")]
    public void Read_OtherFormat_NamesWhatItStartsWithAndGuessesIt(string start, string startsWith, string guess) =>
        Fails(start.Select(c => (byte)c).ToArray(), "not a WAV or AIFF file", startsWith, guess);

    [Fact]
    public void Read_Text_QuotesItsFirstCharacters()
    {
        var e = Fails("hello, world"u8.ToArray());
        Assert.Equal("bad.wav: not a WAV or AIFF file (starts with 'hell')", e.Message);
    }

    [Fact]
    public void Read_RiffOfAnotherType_SaysItIsNotWave()
    {
        var avi = Container("RIFF", "AVI ", [new TestChunk("LIST", new byte[8])], bigEndian: false);
        Fails(avi, "'AVI '", "not a WAVE");
    }

    [Fact]
    public void Read_IffOfAnotherType_SaysItIsNotAiff()
    {
        var svx = Container("FORM", "8SVX", [new TestChunk("VHDR", new byte[20])], bigEndian: true);
        Fails(svx, "'8SVX'", "not an AIFF");
    }

    [Fact]
    public void Read_NoFmtChunk_SaysSo() =>
        Fails(Container("RIFF", "WAVE", [new TestChunk("data", Pcm16())], bigEndian: false), "no fmt chunk");

    [Fact]
    public void Read_NoDataChunk_SaysSo() =>
        Fails(Container("RIFF", "WAVE", [new TestChunk("fmt ", Fmt(Pcm, 1, 8000, 16))], bigEndian: false), "no data chunk");

    [Fact]
    public void Read_FmtCutShort_SaysTruncated()
    {
        var wav = Wav(Fmt(Pcm, 1, 8000, 16), Pcm16());
        Fails(wav[..30], "fmt chunk is truncated");
    }

    [Fact]
    public void Read_FmtTooSmall_SaysTooShort() =>
        Fails(Wav(new byte[10], Pcm16()), "fmt chunk is too short");

    [Fact]
    public void Read_FmtClaimingGigabytes_FailsWithoutAllocating()
    {
        var wav = Wav(Fmt(Pcm, 1, 8000, 16), Pcm16());
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(16), 0x7FFFFFF0);
        Fails(wav, "fmt chunk is truncated");
    }

    [Theory]
    [InlineData(0x0002, "Microsoft ADPCM")]
    [InlineData(0x0006, "A-law")]
    [InlineData(0x0007, "mu-law")]
    [InlineData(0x0011, "IMA ADPCM")]
    [InlineData(0x0031, "GSM 6.10")]
    [InlineData(0x0055, "MP3")]
    [InlineData(0x1234, "format tag 0x1234")]
    public void Read_UnsupportedCodec_NamesIt(int tag, string name) =>
        Fails(Wav(Fmt((ushort)tag, 1, 8000, 8), Pcm16()), "unsupported codec", name);

    [Fact]
    public void Read_ExtensibleWithUnknownSubFormat_SaysSo()
    {
        var fmt = Fmt(Extensible, 2, 8000, 16, subFormat: Pcm);
        fmt[30] ^= 0x55; // damage the GUID tail
        Fails(Wav(fmt, Pcm16()), "unsupported WAVE_FORMAT_EXTENSIBLE sub-format");
    }

    [Fact]
    public void Read_ExtensibleWithMuLawSubFormat_NamesTheCodec() =>
        Fails(Wav(Fmt(Extensible, 1, 8000, 8, subFormat: 7), Pcm16()), "mu-law");

    [Fact]
    public void Read_ZeroChannels_SaysSo() =>
        Fails(Wav(Fmt(Pcm, 0, 8000, 16, blockAlign: 2), Pcm16()), "invalid channel count 0");

    [Fact]
    public void Read_TooManyChannels_SaysSo() =>
        Fails(Wav(Fmt(Pcm, 5000, 8000, 16), Pcm16()), "too many channels (5000");

    [Fact]
    public void Read_ZeroSampleRate_SaysSo() =>
        Fails(Wav(Fmt(Pcm, 1, 0, 16), Pcm16()), "invalid sample rate 0 Hz");

    [Fact]
    public void Read_SampleRateBeyondInt_SaysOutOfRange() =>
        Fails(Wav(Fmt(Pcm, 1, unchecked((int)0xFFFFFFF0), 16, blockAlign: 2), Pcm16()), "sample rate 4294967280 Hz is out of range");

    [Theory]
    [InlineData(Pcm, 0, "unsupported PCM sample size 0 bits")]
    [InlineData(Pcm, 48, "unsupported PCM sample size 48 bits")]
    [InlineData(Pcm, 65535, "unsupported PCM sample size 65535 bits")]
    [InlineData(Float, 16, "unsupported float sample size 16 bits")]
    [InlineData(Float, 24, "unsupported float sample size 24 bits")]
    public void Read_AbsurdBitDepth_SaysUnsupported(ushort tag, int bits, string message) =>
        Fails(Wav(Fmt(tag, 1, 8000, bits, blockAlign: 2), Pcm16()), message);

    [Theory]
    [InlineData(65535)]
    [InlineData(3)]
    public void Read_BlockAlignNotMatchingFrameSize_SaysSo(int blockAlign) =>
        Fails(Wav(Fmt(Pcm, 2, 8000, 16, blockAlign: blockAlign), Pcm16()), $"block align {blockAlign}", "4 expected");

    [Theory]
    [InlineData(float.NaN, 1)]
    [InlineData(float.NaN, 2)]
    [InlineData(float.PositiveInfinity, 1)]
    [InlineData(float.NegativeInfinity, 2)]
    public void Read_NonFiniteFloat32_NamesTheFrame(float bad, int channels)
    {
        var frames = Enumerable.Range(0, 20).Select(i => Enumerable.Repeat(i / 40f, channels).ToArray()).ToArray();
        frames[13][channels - 1] = bad;
        Fails(Wav(Fmt(Float, channels, 8000, 32), Floats(frames)), "invalid float sample at frame 13");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(1e300)] // finite, but beyond float32
    public void Read_BadFloat64_NamesTheFrame(double bad)
    {
        var frames = Enumerable.Range(0, 20).Select(i => new[] { i / 40.0 }).ToArray();
        frames[7][0] = bad;
        Fails(Wav(Fmt(Float, 1, 8000, 64), Doubles(frames)), "invalid float sample at frame 7");
    }

    [Fact]
    public void Read_NaNInMonoFloatAiff_NamesTheFrame()
    {
        var frames = Enumerable.Range(0, 8).Select(i => new[] { i / 8f }).ToArray();
        frames[0][0] = float.NaN;
        Fails(Aiff(Comm(1, 8, 32, 8000, "fl32"), Floats(frames, bigEndian: true), aifc: true), "invalid float sample at frame 0");
    }

    [Theory]
    [InlineData("ulaw", "mu-law")]
    [InlineData("alaw", "A-law")]
    [InlineData("ima4", "IMA ADPCM")]
    [InlineData("GSM ", "GSM 6.10")]
    [InlineData("QDM2", "'QDM2'")]
    public void Read_UnsupportedAifcCompression_NamesIt(string compression, string name) =>
        Fails(Aiff(Comm(1, 4, 16, 8000, compression), new byte[8], aifc: true), "unsupported AIFF-C compression", name);

    [Fact]
    public void Read_AiffZeroChannels_SaysSo() =>
        Fails(Aiff(Comm(0, 4, 16, 8000), new byte[8]), "invalid channel count 0");

    [Fact]
    public void Read_AiffNegativeChannels_SaysSo() =>
        Fails(Aiff(Comm(0xFFFF, 4, 16, 8000), new byte[8]), "invalid channel count -1");

    [Theory]
    [InlineData(0.0, "invalid sample rate 0 Hz")]
    [InlineData(0.5, "invalid sample rate 0 Hz")]
    [InlineData(1e12, "out of range")]
    [InlineData(1e300, "out of range")]
    public void Read_AiffBadSampleRate_SaysSo(double rate, string message) =>
        Fails(Aiff(Comm(1, 4, 16, rate), new byte[8]), message);

    [Fact]
    public void Read_AiffNegativeOrNaNSampleRate_SaysSo()
    {
        var aiff = Aiff(Comm(1, 4, 16, 8000), new byte[8]);
        int rateAt = 12 + 8 + 8; // FORM header, COMM header, channels + frames + bits
        aiff[rateAt] |= 0x80;
        Fails(aiff, "negative");
        aiff[rateAt] = 0x7F;
        aiff[rateAt + 1] = 0xFF;
        Fails(aiff, "infinite or NaN");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    public void Read_AiffAbsurdSampleSize_SaysUnsupported(int bits) =>
        Fails(Aiff(Comm(1, 4, bits, 8000), new byte[8]), $"unsupported PCM sample size {bits} bits");

    [Fact]
    public void Read_AiffWithoutComm_SaysSo() =>
        Fails(Container("FORM", "AIFF", [new TestChunk("SSND", new byte[16])], bigEndian: true), "no COMM chunk");

    [Fact]
    public void Read_AiffWithoutSsnd_SaysSo() =>
        Fails(Container("FORM", "AIFF", [new TestChunk("COMM", Comm(1, 4, 16, 8000))], bigEndian: true), "no SSND chunk");

    [Fact]
    public void Read_AiffCommTooShort_SaysSo() =>
        Fails(Aiff(new byte[12], new byte[8]), "COMM chunk is too short");

    [Fact]
    public void Read_AiffCommClaimingGigabytes_SaysTruncated()
    {
        var aiff = Aiff(Comm(1, 4, 16, 8000), new byte[8]);
        BinaryPrimitives.WriteUInt32BigEndian(aiff.AsSpan(16), 0xFFFFFF00);
        Fails(aiff, "COMM chunk is truncated");
    }

    [Fact]
    public void Read_AiffSsndOffsetBeyondChunk_SaysSo()
    {
        var aiff = Aiff(Comm(1, 4, 16, 8000), new byte[8]);
        int ssnd = aiff.AsSpan().IndexOf("SSND"u8);
        BinaryPrimitives.WriteUInt32BigEndian(aiff.AsSpan(ssnd + 8), 0x10000000);
        Fails(aiff, "SSND data offset 268435456 lies beyond");
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => WavReader.Read(Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.wav")));

    [Fact]
    public void Read_FileError_StartsWithThePathAsGiven()
    {
        var path = Path.Combine(Path.GetTempPath(), $"text-{Guid.NewGuid():N}.wav");
        File.WriteAllText(path, "this is not audio");
        try
        {
            var e = Assert.Throws<AudioFormatException>(() => WavReader.Read(path));
            Assert.Equal($"{path}: not a WAV or AIFF file (starts with 'this')", e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_AnonymousStream_IsCalledStreamInTheMessage()
    {
        var e = Assert.Throws<AudioFormatException>(() => WavReader.Read(new MemoryStream()));
        Assert.Equal("<stream>: empty file (0 bytes)", e.Message);
    }
}
