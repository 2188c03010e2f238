using System.Buffers.Binary;
using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.TestAudioWriter;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavReaderWavTests
{
    [Theory]
    [InlineData(8, 1)]
    [InlineData(8, 2)]
    [InlineData(16, 1)]
    [InlineData(16, 2)]
    [InlineData(16, 3)]
    [InlineData(24, 1)]
    [InlineData(24, 2)]
    [InlineData(32, 1)]
    [InlineData(32, 4)]
    public void Read_IntegerPcm_GivesSoundfileScaledChannelMean(int bits, int channels)
    {
        // Given seeded random samples over the full range, extremes included
        var frames = RandomInts(seed: bits * 10 + channels, frames: 1001, channels, bits);
        var wav = Wav(Fmt(Pcm, channels, 22050, bits), Ints(frames, bits / 8, unsigned8: bits == 8));

        // When decoded
        var audio = WavReader.Read(wav, "pcm.wav");

        // Then every sample is the float32 mean of the libsndfile-scaled channels, exactly
        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(Expected.Mono(frames, bits / 8), audio.Samples);
    }

    [Fact]
    public void Read_UnsignedEightBit_MapsMidpointToZeroAndExtremesToFullScale()
    {
        // Given raw unsigned bytes 0, 128, 255, 64
        var wav = Wav(Fmt(Pcm, 1, 8000, 8), [0, 128, 255, 64]);

        // When decoded, then (x - 128) / 128
        Assert.Equal([-1f, 0f, 127f / 128, -0.5f], WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_Stereo16_EqualsExactHalfSumOfChannels()
    {
        // Given a stereo clip whose left and right differ (odd frame count, so the vector tail runs too)
        var frames = RandomInts(seed: 7, frames: 1003, channels: 2, bits: 16);
        var wav = Wav(Fmt(Pcm, 2, 44100, 16), Ints(frames, 2));

        // When decoded
        var y = WavReader.Read(wav).Samples;

        // Then each sample is (l + r) / 65536, which float32 represents exactly
        Assert.Equal(frames.Select(f => (float)((f[0] + f[1]) / 65536.0)), y);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_Float32_KeepsStoredValuesAndAveragesInFloat32(int channels)
    {
        // Given float samples, some beyond +-1 (float WAV is not clipped)
        var frames = Expected.ToFloat(RandomSignal(seed: 31 + channels, frames: 777, channels));
        frames[5][0] = 1.75f;
        frames[6][0] = -3.5f;
        var wav = Wav(Fmt(Float, channels, 16000, 32), Floats(frames));

        // When decoded, then values are as stored (mono) or their float32 mean
        Assert.Equal(Expected.Mono(frames), WavReader.Read(wav).Samples);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Read_Float64_RoundsToFloat32(int channels)
    {
        // Given doubles that float32 cannot hold exactly
        var frames = RandomSignal(seed: 5, frames: 500, channels);
        var wav = Wav(Fmt(Float, channels, 48000, 64), Doubles(frames));

        // When decoded, then each value is cast to float32 before the mean
        Assert.Equal(Expected.Mono(frames), WavReader.Read(wav).Samples);
    }

    [Theory]
    [InlineData(Pcm, 16, 6)]
    [InlineData(Pcm, 24, 2)]
    [InlineData(Pcm, 32, 1)]
    [InlineData(Pcm, 8, 2)]
    public void Read_ExtensiblePcm_DecodesLikePlainPcm(ushort sub, int bits, int channels)
    {
        // Given WAVE_FORMAT_EXTENSIBLE with the PCM sub-format GUID
        var frames = RandomInts(seed: bits + channels, frames: 300, channels, bits);
        var wav = Wav(Fmt(Extensible, channels, 44100, bits, subFormat: sub), Ints(frames, bits / 8, unsigned8: bits == 8),
            after: [new TestChunk("LIST", new byte[26])]);

        // When decoded, then as plain PCM (8-bit still unsigned)
        Assert.Equal(Expected.Mono(frames, bits / 8), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_ExtensibleFloat_DecodesLikePlainFloat()
    {
        // Given WAVE_FORMAT_EXTENSIBLE with the IEEE float sub-format GUID and a fact chunk
        var frames = Expected.ToFloat(RandomSignal(seed: 9, frames: 400, channels: 2));
        var fact = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(fact, 400);
        var wav = Wav(Fmt(Extensible, 2, 48000, 32, subFormat: Float), Floats(frames), before: [new TestChunk("fact", fact)]);

        // When decoded, then the float32 mean
        Assert.Equal(Expected.Mono(frames), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_TwelveBitPcm_ScalesByItsTwoByteContainer()
    {
        // Given 12-bit samples left-justified in 16-bit words (as the WAV spec stores them)
        var frames = RandomInts(seed: 12, frames: 200, channels: 1, bits: 12).Select(f => new[] { f[0] << 4 }).ToArray();
        var wav = Wav(Fmt(Pcm, 1, 8000, 12, blockAlign: 2), Ints(frames, 2));

        // When decoded, then they scale like 16-bit samples (as libsndfile does)
        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_UnknownChunksEverywhere_AreSkipped()
    {
        // Given LIST, JUNK, an odd-sized chunk (with pad byte), cue and fact around fmt and data
        var frames = RandomInts(seed: 3, frames: 100, channels: 1, bits: 16);
        var data = Ints(frames, 2);
        var wav = Container("RIFF", "WAVE",
        [
            new TestChunk("JUNK", new byte[28]),
            new TestChunk("LIST", "INFOISFT\x05\0\0\0Lavf\0"u8.ToArray()),
            new TestChunk("fmt ", Fmt(Pcm, 1, 16000, 16)),
            new TestChunk("odd!", [1, 2, 3]),
            new TestChunk("fact", [100, 0, 0, 0]),
            new TestChunk("data", data),
            new TestChunk("cue ", new byte[28]),
        ], bigEndian: false);

        // When decoded, then only the data chunk's samples come out
        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_OddSizedChunkWithoutPadByte_IsStillFollowed()
    {
        // Given an odd-sized chunk whose writer forgot the pad byte
        var frames = RandomInts(seed: 4, frames: 50, channels: 1, bits: 16);
        var good = Container("RIFF", "WAVE",
            [new TestChunk("fmt ", Fmt(Pcm, 1, 16000, 16)), new TestChunk("note", [1, 2, 3]), new TestChunk("data", Ints(frames, 2))],
            bigEndian: false);
        int pad = 12 + 8 + 16 + 8 + 3;
        Assert.Equal(0, good[pad]);
        var unpadded = good.Take(pad).Concat(good.Skip(pad + 1)).ToArray();

        // When decoded, then the data chunk is still found
        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(unpadded).Samples);
    }

    [Fact]
    public void Read_OddSizedDataChunk_DecodesAllFramesAndSkipsPad()
    {
        // Given 8-bit mono with an odd number of frames and a chunk after the pad byte
        var frames = RandomInts(seed: 5, frames: 101, channels: 1, bits: 8);
        var wav = Wav(Fmt(Pcm, 1, 11025, 8), Ints(frames, 1, unsigned8: true), after: [new TestChunk("LIST", new byte[10])]);

        // When decoded, then all 101 frames come out
        Assert.Equal(Expected.Mono(frames, 1), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_DataBeforeFmt_StillDecodes()
    {
        var frames = RandomInts(seed: 6, frames: 64, channels: 2, bits: 16);
        var wav = Container("RIFF", "WAVE",
            [new TestChunk("data", Ints(frames, 2)), new TestChunk("fmt ", Fmt(Pcm, 2, 16000, 16))], bigEndian: false);

        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_Rifx_DecodesBigEndianWav()
    {
        // Given a big-endian RIFX file
        var frames = RandomInts(seed: 8, frames: 99, channels: 2, bits: 24);
        var wav = Wav(Fmt(Pcm, 2, 32000, 24, bigEndian: true), Ints(frames, 3, bigEndian: true), riff: "RIFX");

        Assert.Equal(Expected.Mono(frames, 3), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_Rf64_UsesTheDs64DataSize()
    {
        // Given an RF64 file whose data size lives in ds64 (0xFFFFFFFF in the data chunk), followed by another chunk
        var frames = RandomInts(seed: 10, frames: 120, channels: 1, bits: 16);
        var data = Ints(frames, 2);
        var ds64 = new byte[28];
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), (ulong)data.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(16), 120);
        var wav = Container("RF64", "WAVE",
            [new TestChunk("ds64", ds64), new TestChunk("fmt ", Fmt(Pcm, 1, 48000, 16)), new TestChunk("data", data), new TestChunk("LIST", new byte[40])],
            bigEndian: false, sizeField: uint.MaxValue, sizeOverride: id => id == "data" ? uint.MaxValue : null);

        // When decoded, then exactly the 120 frames (not the LIST chunk after them)
        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_TruncatedData_ReturnsTheWholeFramesPresent()
    {
        // Given a stereo 16-bit file cut in the middle of frame 70 (header still says 100 frames)
        var frames = RandomInts(seed: 11, frames: 100, channels: 2, bits: 16);
        var wav = Wav(Fmt(Pcm, 2, 16000, 16), Ints(frames, 2));
        var cut = wav[..(44 + 70 * 4 + 3)];

        // When decoded, then the 70 whole frames, as libsndfile returns them
        Assert.Equal(Expected.Mono(frames[..70], 2), WavReader.Read(cut).Samples);
    }

    [Fact]
    public void Read_DataSizeClaimingGigabytes_ReturnsWhatIsThereWithoutAllocatingIt()
    {
        // Given a 100-frame file whose data chunk claims 4 GiB
        var frames = RandomInts(seed: 12, frames: 100, channels: 1, bits: 16);
        var wav = Wav(Fmt(Pcm, 1, 16000, 16), Ints(frames, 2), dataSizeField: 0xFFFFFFF0);

        // When decoded
        long before = GC.GetAllocatedBytesForCurrentThread();
        var y = WavReader.Read(wav).Samples;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Then the 100 frames come out and nothing near the claimed size was allocated
        Assert.Equal(Expected.Mono(frames, 2), y);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes");
    }

    [Fact]
    public void Read_UnfinalizedHeaderWithZeroSizes_ReadsToTheEnd()
    {
        // Given a file from a writer that never filled in the RIFF and data sizes
        var frames = RandomInts(seed: 13, frames: 40, channels: 1, bits: 16);
        var wav = Wav(Fmt(Pcm, 1, 16000, 16), Ints(frames, 2), dataSizeField: 0, riffSizeField: 0);

        Assert.Equal(Expected.Mono(frames, 2), WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_ZeroFrames_GivesAnEmptyBufferAtTheHeaderRate()
    {
        // Given a valid header and an empty data chunk
        var wav = Wav(Fmt(Pcm, 2, 44100, 16), []);

        // When decoded, then no samples but the sample rate is kept
        var audio = WavReader.Read(wav);
        Assert.Empty(audio.Samples);
        Assert.Equal(44100, audio.SampleRate);
    }

    [Fact]
    public void Read_LessThanOneFrame_GivesAnEmptyBuffer()
    {
        var wav = Wav(Fmt(Pcm, 2, 44100, 24), [1, 2, 3, 4, 5]);

        Assert.Empty(WavReader.Read(wav).Samples);
    }

    [Fact]
    public void Read_SpanAndArrayOverloads_Agree()
    {
        var wav = Wav(Fmt(Pcm, 2, 22050, 16), Ints(RandomInts(seed: 14, frames: 80, channels: 2, bits: 16), 2));

        Assert.Equal(WavReader.Read(wav).Samples, WavReader.Read((ReadOnlySpan<byte>)wav).Samples);
    }
}
