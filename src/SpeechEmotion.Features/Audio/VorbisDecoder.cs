using NVorbis;

namespace SpeechEmotion.Audio;

/// <summary>
/// Ogg Vorbis through NVorbis, mixed to mono. The first Ogg page is checked here first, so that other codecs in
/// Ogg (Opus, FLAC, Speex) and truncated pages get a precise message.
/// </summary>
internal static class VorbisDecoder
{
    /// <summary>Frames per read (the largest Vorbis block is 8192 samples, half of which a packet returns).</summary>
    private const int ChunkFrames = 4096;

    public static AudioBuffer Decode(byte[] bytes, int length, string? name, double maxSeconds, long maxSamples)
    {
        CheckFirstPage(bytes.AsSpan(0, length), name);
        VorbisSetupCheck.Check(bytes.AsSpan(0, length), name);
        try
        {
            using var vorbis = new VorbisReader(new MemoryStream(bytes, 0, length, writable: false), closeOnDispose: true);
            int rate = vorbis.SampleRate, channels = vorbis.Channels;
            PcmLayout.CheckChannelsAndRate(name, channels, rate);
            var mono = MonoAccumulator.ForDecoding(channels, rate, maxSeconds, maxSamples);
            var buffer = new float[ChunkFrames * channels];
            int read;
            // NVorbis returns 0 at the end of the stream; the limit bounds what the loop can produce before that.
            while ((read = vorbis.ReadSamples(buffer, 0, buffer.Length)) > 0)
            {
                mono.Add(buffer.AsSpan(0, read), name);
            }
            if (mono.Count == 0)
                throw new AudioFormatException(name, "the Ogg Vorbis stream holds no audio");
            // The last page's granule position is the true length: the final packet may decode past it (libvorbis
            // trims it too). A damaged granule that claims more or nothing is ignored.
            long total = vorbis.TotalSamples;
            return new AudioBuffer(total > 0 && total < mono.Count ? mono.ToArray()[..(int)total] : mono.ToArray(), rate);
        }
        catch (Exception e) when (DecoderFailure.IsDecoderFault(e))
        {
            throw new AudioFormatException(name, $"damaged Ogg Vorbis stream ({DecoderFailure.Describe(e)})", e);
        }
    }

    /// <summary>Checks the first page's header and names the codec when its first packet is not a Vorbis header.</summary>
    private static void CheckFirstPage(ReadOnlySpan<byte> file, string? name)
    {
        if (file.Length < 27)
            throw new AudioFormatException(name, $"truncated Ogg page header ({file.Length} of 27 bytes present)");
        if (file[4] != 0)
            throw new AudioFormatException(name, $"unsupported Ogg version {file[4]}");
        int segments = file[26];
        int dataStart = 27 + segments;
        if (file.Length < dataStart)
            throw new AudioFormatException(name, $"truncated Ogg page ({file.Length} bytes; its segment table ends at {dataStart})");
        var packet = file[dataStart..];
        if (packet.Length < 8)
            throw new AudioFormatException(name, $"truncated Ogg page ({packet.Length} bytes of its first packet present)");
        if (packet.StartsWith("\u0001vorbis"u8))
            return;
        string codec = packet.StartsWith("OpusHead"u8) ? "Opus"
            : packet.StartsWith("\u007FFLAC"u8) ? "FLAC"
            : packet.StartsWith("Speex   "u8) ? "Speex"
            : packet.StartsWith("\u0080theora"u8) ? "Theora video"
            : "an unknown codec";
        throw new AudioFormatException(name, $"Ogg file holding {codec}; only Ogg Vorbis can be read");
    }
}
