using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.TestAudioWriter;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavReaderAiffTests
{
    [Theory]
    [InlineData(8, 1)]
    [InlineData(16, 1)]
    [InlineData(16, 2)]
    [InlineData(24, 2)]
    [InlineData(32, 3)]
    public void Read_Aiff_DecodesBigEndianSignedPcm(int bits, int channels)
    {
        // Given a plain AIFF file (8-bit AIFF is signed)
        var frames = RandomInts(seed: 100 + bits + channels, frames: 503, channels, bits);
        var aiff = Aiff(Comm(channels, 503, bits, 44100), Ints(frames, bits / 8, bigEndian: true));

        // When decoded
        var audio = WavReader.Read(aiff, "clip.aiff");

        // Then the same scaling and mean as WAV
        Assert.Equal(44100, audio.SampleRate);
        Assert.Equal(Expected.Mono(frames, bits / 8), audio.Samples);
    }

    [Theory]
    [InlineData("NONE", 16, true)]
    [InlineData("twos", 16, true)]
    [InlineData("twos", 8, true)]
    [InlineData("sowt", 16, false)]
    [InlineData("sowt", 24, false)]
    [InlineData("in24", 24, true)]
    [InlineData("in32", 32, true)]
    [InlineData("42ni", 24, false)]
    [InlineData("23ni", 32, false)]
    public void Read_AifcIntegerCompressions_DecodeWithTheirByteOrder(string compression, int bits, bool bigEndian)
    {
        var frames = RandomInts(seed: bits * 3 + compression[0], frames: 257, channels: 2, bits);
        var aifc = Aiff(Comm(2, 257, bits, 22050, compression), Ints(frames, bits / 8, bigEndian), aifc: true);

        var audio = WavReader.Read(aifc);

        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(Expected.Mono(frames, bits / 8), audio.Samples);
    }

    [Fact]
    public void Read_AifcRaw_IsUnsignedEightBit()
    {
        var aifc = Aiff(Comm(1, 3, 8, 8000, "raw "), [0, 128, 255], aifc: true);

        Assert.Equal([-1f, 0f, 127f / 128], WavReader.Read(aifc).Samples);
    }

    [Theory]
    [InlineData("fl32")]
    [InlineData("FL32")]
    public void Read_AifcFloat32_KeepsValues(string compression)
    {
        var frames = Expected.ToFloat(RandomSignal(seed: 41, frames: 300, channels: 2));
        var aifc = Aiff(Comm(2, 300, 32, 48000, compression), Floats(frames, bigEndian: true), aifc: true);

        Assert.Equal(Expected.Mono(frames), WavReader.Read(aifc).Samples);
    }

    [Theory]
    [InlineData("fl64")]
    [InlineData("FL64")]
    public void Read_AifcFloat64_RoundsToFloat32(string compression)
    {
        var frames = RandomSignal(seed: 42, frames: 300, channels: 1);
        var aifc = Aiff(Comm(1, 300, 64, 48000, compression), Doubles(frames, bigEndian: true), aifc: true);

        Assert.Equal(Expected.Mono(frames), WavReader.Read(aifc).Samples);
    }

    [Theory]
    [InlineData(8000, 8000)]
    [InlineData(11025, 11025)]
    [InlineData(16000, 16000)]
    [InlineData(22050, 22050)]
    [InlineData(44100, 44100)]
    [InlineData(48000, 48000)]
    [InlineData(96000, 96000)]
    [InlineData(192000, 192000)]
    [InlineData(1, 1)]
    [InlineData(22254.545454, 22254)] // old Macintosh rate: truncated as libsndfile does
    public void Read_ExtendedSampleRate_IsDecodedFromEightyBits(double rate, int expected)
    {
        var aiff = Aiff(Comm(1, 2, 16, rate), [0, 1, 0, 2]);

        Assert.Equal(expected, WavReader.Read(aiff).SampleRate);
    }

    [Fact]
    public void Read_SsndOffsetAndChunksInAnyOrder_AreHonoured()
    {
        // Given SSND before COMM, a non-zero SSND data offset, and unknown chunks (one odd-sized)
        var frames = RandomInts(seed: 43, frames: 90, channels: 1, bits: 16);
        var aiff = Aiff(Comm(1, 90, 16, 16000), Ints(frames, 2, bigEndian: true), ssndOffset: 6, ssndFirst: true,
            before: [new TestChunk("NAME", "clip"u8.ToArray()), new TestChunk("ANNO", "odd"u8.ToArray()), new TestChunk("MARK", [0, 0])]);

        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(aiff).Samples);
    }

    [Fact]
    public void Read_TruncatedSsnd_ReturnsTheWholeFramesPresent()
    {
        var frames = RandomInts(seed: 44, frames: 60, channels: 2, bits: 16);
        var aiff = Aiff(Comm(2, 60, 16, 16000), Ints(frames, 2, bigEndian: true));
        var cut = aiff[..^(10 * 4 - 1)]; // 9 whole frames and 3 bytes of a tenth are missing

        Assert.Equal(Expected.Mono(frames[..50], 2), WavReader.Read(cut).Samples);
    }

    [Fact]
    public void Read_AiffNamedWav_IsDetectedByContent()
    {
        // Given an AIFF file on disk with a .wav name, as some corpora ship them
        var frames = RandomInts(seed: 45, frames: 128, channels: 1, bits: 16);
        var path = Path.Combine(Path.GetTempPath(), $"aiff-named-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, Aiff(Comm(1, 128, 16, 16000), Ints(frames, 2, bigEndian: true)));
        try
        {
            // When read by path
            var audio = WavReader.Read(path);

            // Then it decodes as AIFF
            Assert.Equal(16000, audio.SampleRate);
            Assert.Equal(Expected.Mono(frames, 2), audio.Samples);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_AiffMadeBySox_MatchesTheGoldenWaveform()
    {
        // Given the first 64 samples of the golden 440 Hz sine converted by SoX 14.4.2 to AIFF (with a COMT
        // chunk before COMM), AIFF-C NONE and AIFF-C fl32: sox sine440_22k05_s16.wav -t aiff out.aiff trim 0 64s,
        // then -t aifc, then -t aifc -e floating-point -b 32
        var expected = GoldenFiles.ReadCsv("sine440_22k05_s16.resampled.csv")[..64];

        foreach (var base64 in new[] { SoxAiff, SoxAifc, SoxAifcFloat })
        {
            // When decoded
            var audio = WavReader.Read(Convert.FromBase64String(base64), "sox.aiff");

            // Then the samples equal librosa's float32 waveform exactly
            Assert.Equal(22050, audio.SampleRate);
            Assert.Equal(expected, audio.Samples);
        }
    }

    private const string SoxAiff =
        "Rk9STQAAANBBSUZGQ09NVAAAABoAAecq9KUAAAAQUHJvY2Vzc2VkIGJ5IFNvWENPTU0AAAASAAEAAABAABBADaxEAAAAAAAAU1NO"
        + "RAAAAIgAAAAAAAAAAAC5B98P9RdzHtIlgCvGMTE1/znOPNc+zT/iP94+7zzvOgw2MTGILA4l6x8qF+8QUwh0AHX4cvCR6Onho9rS"
        + "1JzPDspLxlrDVsFCwC3AFcECwunFx8mOzjHTm9m54G/npe899xj/FwcZDv8WqB33JM0rEDClNXc5cTyFPqY/yz/v";

    private const string SoxAifc =
        "Rk9STQAAAM5BSUZDRlZFUgAAAASigFFAQ09NTQAAACYAAQAAAEAAEEANrEQAAAAAAABOT05FDm5vdCBjb21wcmVzc2VkAFNTTkQA"
        + "AACIAAAAAAAAAAAAuQffD/UXcx7SJYArxjExNf85zjzXPs0/4j/ePu887zoMNjExiCwOJesfKhfvEFMIdAB1+HLwkejp4aPa0tSc"
        + "zw7KS8Zaw1bBQsAtwBXBAsLpxcfJjs4x05vZueBv56XvPfcY/xcHGQ7/Fqgd9yTNKxAwpTV3OXE8hT6mP8s/7w==";

    private const string SoxAifcFloat =
        "Rk9STQAAAVRBSUZDRlZFUgAAAASigFFAQ09NTQAAACwAAQAAAEAAIEANrEQAAAAAAABmbDMyFTMyLWJpdCBmbG9hdGluZyBwb2lu"
        + "dFNTTkQAAAEIAAAAAAAAAAA7uQAAPXvgAD3/UAA+O5gAPnaQAD6WAAA+rxgAPsTEAD7X/AA+5zgAPvNcAD77NAA+/4gAPv94AD77"
        + "vAA+87wAPugwAD7YxAA+xiAAPrA4AD6XrAA+eVAAPj94AD4CmAA9h0AAO2oAAL1xwAC99vAAvji4AL5y6AC+lLgAvq2QAL7DyAC+"
        + "1tQAvuaYAL7yqAC++vgAvv9MAL7/rAC++/gAvvRcAL7o5AC+2cgAvsc8AL6xlAC+mRwAvnyIAL5C2AC+BhgAvY6AALvpAAA9YyAA"
        + "Pe/wAD41QAA+b7gAPpM0AD6sQAA+wpQAPtXcAD7lxAA+8hQAPvqYAD7/LAA+/7wA";
}
