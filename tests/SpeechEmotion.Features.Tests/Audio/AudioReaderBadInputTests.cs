using System.Buffers.Binary;
using System.Text;
using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.CompressedFiles;

namespace SpeechEmotion.Tests.Audio;

/// <summary>Broken and hostile MP3 and Ogg input: always an AudioFormatException naming the input, on one line.</summary>
public sealed class AudioReaderBadInputTests
{
    private const string Name = "bad.audio";

    private static AudioFormatException Fails(byte[] bytes, params string[] fragments)
    {
        var e = Assert.Throws<AudioFormatException>(() => AudioReader.Read(bytes, Name));
        Assert.Equal(Name, e.FileName);
        Assert.StartsWith(Name + ": ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        foreach (var f in fragments)
            Assert.Contains(f, e.Message);
        return e;
    }

    /// <summary>An ID3v2.3 tag of <paramref name="bodySize"/> zero bytes (size field syncsafe).</summary>
    private static byte[] Id3(int bodySize, int claimedSize = -1)
    {
        int size = claimedSize < 0 ? bodySize : claimedSize;
        var tag = new byte[10 + bodySize];
        "ID3"u8.CopyTo(tag);
        tag[3] = 3;
        tag[6] = (byte)((size >> 21) & 0x7F);
        tag[7] = (byte)((size >> 14) & 0x7F);
        tag[8] = (byte)((size >> 7) & 0x7F);
        tag[9] = (byte)(size & 0x7F);
        return tag;
    }

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    private static byte[] RandomBytes(int seed, int count)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public void Read_Empty_SaysEmpty() => Fails([], "empty");

    [Fact]
    public void Read_TextFile_NamesEveryAcceptedFormat() =>
        Fails(Encoding.ASCII.GetBytes("hello, this is not audio"), "not a WAV, AIFF, MP3 or Ogg Vorbis file", "'hell'");

    [Fact]
    public void Read_Mp3WithOnlyAnId3Tag_SaysSo() => Fails(Id3(200), "only an ID3 tag");

    [Fact]
    public void Read_Id3TagClaimingMoreThanTheFile_SaysTruncated() => Fails(Id3(20, claimedSize: 0x0FFFFFFF), "truncated ID3 tag");

    [Theory]
    [InlineData("ID3")]
    [InlineData("ID3\u0003\0\0")]
    public void Read_CutInsideTheId3Header_SaysTruncated(string start) => Fails(Encoding.Latin1.GetBytes(start), "truncated ID3 tag");

    [Fact]
    public void Read_Id3WithInvalidSizeBytes_SaysDamaged() =>
        Fails(Encoding.Latin1.GetBytes("ID3\u0003\0\0\u00FF\u00FF\u00FF\u00FFabcdef"), "damaged ID3v2 tag");

    [Fact]
    public void Read_Id3FollowedByRandomBytes_SaysNoMpegAudio() => Fails(Concat(Id3(30), RandomBytes(1, 4000)), "MPEG audio");

    [Fact]
    public void Read_FrameHeaderFollowedByRandomBytes_FailsOrDecodesBoundedNoise()
    {
        // Given a valid MPEG-1 layer III header followed by random bytes
        var bytes = Concat([0xFF, 0xFB, 0x90, 0x64], RandomBytes(2, 20_000));

        // Then it is an AudioFormatException, or whatever frames the decoder accepted (never a crash or a hang)
        DecodesOrFailsCleanly(bytes);
    }

    [Fact]
    public void Read_TruncatedMp3_GivesTheFramesPresentOrAClearError() =>
        TruncationsDecodeOrFailCleanly(Bytes("tone-stereo.mp3"), 4, 100, 417, 1000);

    [Fact]
    public void Read_OggHeaderCutShort_SaysTruncated()
    {
        Fails("OggS"u8.ToArray(), "truncated Ogg page");
        Fails(Bytes("speech.ogg")[..27], "truncated Ogg page");
    }

    [Fact]
    public void Read_OggWithAbsurdSegmentTable_SaysTruncated()
    {
        // Given a first page whose segment table claims 255 segments of 255 bytes, with 10 bytes after the header
        var page = Bytes("speech.ogg")[..37];
        page[26] = 255;

        Fails(page, "truncated Ogg page");
    }

    [Fact]
    public void Read_OggPagesWithAbsurdSizesAndGranules_FailCleanly()
    {
        // Given the real file with every page's granule position set to the maximum and every lacing value to 255
        var bytes = Bytes("speech.ogg");
        for (int at = 0; (at = bytes.AsSpan(at).IndexOf("OggS"u8) is var i and >= 0 ? at + i : -1) >= 0; at += 4)
        {
            if (at + 27 > bytes.Length) break;
            if (at > 0) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(at + 6), long.MaxValue);
            int segments = bytes[at + 26];
            for (int s = 0; s < segments && at + 27 + s < bytes.Length; s++)
                bytes[at + 27 + s] = 255;
        }

        DecodesOrFailsCleanly(bytes);
    }

    [Fact]
    public void Read_OggOpus_SaysOnlyVorbis()
    {
        var page = Bytes("speech.ogg")[..58];
        "OpusHead"u8.CopyTo(page.AsSpan(28));
        Fails(page, "Opus", "only Ogg Vorbis");
    }

    [Fact]
    public void Read_OggHeaderFollowedByRandomBytes_SaysDamaged()
    {
        var bytes = Bytes("speech.ogg");
        var broken = Concat(bytes[..58], RandomBytes(3, 5000));
        Fails(broken, "Ogg Vorbis");
    }

    [Fact]
    public void Read_TruncatedOgg_GivesTheSamplesPresentOrAClearError() =>
        TruncationsDecodeOrFailCleanly(Bytes("speech.ogg"), 28, 58, 200, 4000);

    // The file cut after each of the given lengths, at half its length and one byte short: each decodes to the
    // samples present (at most the 2 s of the fixtures) or fails with a clear error.
    private static void TruncationsDecodeOrFailCleanly(byte[] full, params int[] lengths)
    {
        foreach (int length in lengths.Append(full.Length / 2).Append(full.Length - 1))
        {
            var audio = DecodesOrFailsCleanly(full[..length]);
            if (audio is not null)
                Assert.InRange(audio.Samples.Length, 1, 44100);
        }
    }

    [Theory]
    [InlineData("speech.mp3")]
    [InlineData("speech.ogg")]
    [InlineData("speech.wav")]
    public void Read_LongerThanTheLimit_SaysSoInsteadOfDecodingOn(string file)
    {
        // Given a 2 s clip and a limit of 0.5 s
        var e = Assert.Throws<AudioFormatException>(() => AudioReader.Read(Bytes(file), file, maxSeconds: 0.5));

        Assert.Equal($"{file}: longer than the limit of 0.5 s of audio", e.Message);
    }

    [Fact]
    public void Read_WithinTheLimit_Decodes() => Assert.Equal(44100, AudioReader.Read(Bytes("speech.ogg"), "x", maxSeconds: 2.0).Samples.Length);

    [Fact]
    public void MonoAccumulator_StopsAtItsLimit()
    {
        var mono = new MonoAccumulator(channels: 2, maxSamples: 3);
        Assert.True(mono.TryAdd([1, 3, 5, 7]));
        Assert.False(mono.TryAdd([1, 1, 1, 1]));
        Assert.Equal([2f, 6f], mono.ToArray());
    }

    /// <summary>Decoding either succeeds with finite-length output or throws AudioFormatException naming the input.</summary>
    internal static AudioBuffer? DecodesOrFailsCleanly(byte[] bytes)
    {
        try
        {
            return AudioReader.Read(bytes, Name);
        }
        catch (AudioFormatException e)
        {
            Assert.StartsWith(Name + ": ", e.Message);
            Assert.DoesNotContain('\n', e.Message);
            return null;
        }
    }
}
