using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.TestAudioWriter;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavReaderStreamTests
{
    /// <summary>
    /// A stream that cannot seek and hands out at most <c>chunk</c> bytes per read, like a socket; with no data
    /// it never ends.
    /// </summary>
    private sealed class TrickleStream(byte[] data, int chunk = 7) : Stream
    {
        private int _position;
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (data.Length == 0)
                return Math.Min(count, chunk); // endless: the buffer's content does not matter
            int n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static readonly int[][] Frames = RandomInts(seed: 77, frames: 40000, channels: 2, bits: 16);
    private static readonly byte[] Wav16 = Wav(Fmt(Pcm, 2, 16000, 16), Ints(Frames, 2));

    [Fact]
    public void Read_NonSeekableStream_DecodesLikeBytes()
    {
        // Given a 160 kB file arriving a few bytes at a time from a stream that cannot seek
        var audio = WavReader.Read(new TrickleStream(Wav16, chunk: 4093), "upload.wav");

        // Then the result equals decoding the bytes
        Assert.Equal(WavReader.Read(Wav16).Samples, audio.Samples);
    }

    [Fact]
    public void Read_SeekableStream_StartsAtItsCurrentPosition()
    {
        // Given a stream positioned after 5 bytes of something else
        var stream = new MemoryStream([1, 2, 3, 4, 5, .. Wav16]) { Position = 5 };

        Assert.Equal(Expected.Mono(Frames, 2), WavReader.Read(stream).Samples);
    }

    [Fact]
    public void Read_StreamOverTheLimit_FailsForSeekableAndNonSeekable()
    {
        // Given a limit one byte below the input length
        long limit = Wav16.Length - 1;

        // When read, then both kinds of stream refuse it with a message naming the limit
        var seekable = Assert.Throws<AudioFormatException>(() => WavReader.Read(new MemoryStream(Wav16), "big.wav", limit));
        var trickle = Assert.Throws<AudioFormatException>(() => WavReader.Read(new TrickleStream(Wav16), "big.wav", limit));
        Assert.Contains($"limit of {limit} bytes", seekable.Message);
        Assert.Contains($"limit of {limit} bytes", trickle.Message);
        Assert.StartsWith("big.wav: ", trickle.Message);
    }

    [Fact]
    public void Read_StreamExactlyAtTheLimit_Decodes()
    {
        Assert.Equal(Frames.Length, WavReader.Read(new TrickleStream(Wav16), "ok.wav", Wav16.Length).Samples.Length);
        Assert.Equal(Frames.Length, WavReader.Read(new MemoryStream(Wav16), "ok.wav", Wav16.Length).Samples.Length);
    }

    [Fact]
    public void Read_UnboundedNonSeekableStream_StopsAtTheLimit()
    {
        // Given an endless stream (a hostile upload) and a 1 MB limit
        var endless = new TrickleStream([], chunk: 65536);

        // When read, then it fails after about the limit instead of buffering everything
        var e = Assert.Throws<AudioFormatException>(() => WavReader.Read(endless, "endless", 1 << 20));
        Assert.Contains("larger than the limit", e.Message);
    }

    [Fact]
    public void Read_StreamArguments_AreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => WavReader.Read((Stream)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavReader.Read(new MemoryStream(Wav16), null, 0));
    }
}
