using NLayer;

namespace SpeechEmotion.Audio;

/// <summary>
/// MPEG audio (layers I-III) through NLayer, mixed to mono. The ID3v2 tag is checked here first, so that a file
/// that is only a tag, or whose tag claims more bytes than the file has, gets a precise message.
/// </summary>
internal static class Mp3Decoder
{
    /// <summary>Interleaved samples per read: 4 MPEG-1 layer III frames of stereo.</summary>
    private const int ChunkSamples = 4 * 1152 * 2;

    /// <summary>True when <paramref name="b"/> starts with a plausible MPEG audio frame header (not AAC's ADTS, whose layer is 0).</summary>
    public static bool IsFrameHeader(ReadOnlySpan<byte> b) =>
        b.Length >= 4 && b[0] == 0xFF && (b[1] & 0xE0) == 0xE0
        && ((b[1] >> 3) & 3) != 1      // version: 1 is reserved
        && ((b[1] >> 1) & 3) != 0      // layer: 0 is reserved (ADTS uses it)
        && (b[2] >> 4) != 15           // bitrate index 15 is invalid
        && ((b[2] >> 2) & 3) != 3;     // sample rate index 3 is reserved

    public static AudioBuffer Decode(byte[] bytes, int length, string? name, double maxSeconds, long maxSamples)
    {
        var file = bytes.AsSpan(0, length);
        int audioStart = 0;
        if (file.StartsWith("ID3"u8))
        {
            if (file.Length < 10)
                throw new AudioFormatException(name, $"truncated ID3 tag ({file.Length} bytes)");
            if (file[3] is < 2 or > 4 || (file[6] | file[7] | file[8] | file[9]) >= 0x80)
                throw new AudioFormatException(name, "damaged ID3v2 tag header (not an MP3 file?)");
            // Syncsafe size: 7 bits per byte; a footer adds 10 bytes.
            int size = (file[6] << 21) | (file[7] << 14) | (file[8] << 7) | file[9];
            long end = 10L + size + ((file[5] & 0x10) != 0 ? 10 : 0);
            if (end > file.Length)
                throw new AudioFormatException(name, $"truncated ID3 tag ({file.Length} of {end} bytes present)");
            if (end == file.Length)
                throw new AudioFormatException(name, "contains only an ID3 tag and no MPEG audio frames");
            audioStart = (int)end;
        }

        try
        {
            using var mpeg = new MpegFile(new MemoryStream(bytes, 0, length, writable: false));
            int rate = mpeg.SampleRate, channels = mpeg.Channels;
            PcmLayout.CheckChannelsAndRate(name, channels, rate);
            var mono = MonoAccumulator.ForDecoding(channels, rate, maxSeconds, maxSamples);
            var buffer = new float[ChunkSamples];
            int read;
            // Each call consumes input, so the loop ends with the data; the limit bounds what it can produce.
            while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
            {
                mono.Add(buffer.AsSpan(0, read), name);
            }
            if (mono.Count == 0)
                throw new AudioFormatException(name, "no MPEG audio could be decoded");
            return new AudioBuffer(mono.ToArray(), rate);
        }
        catch (Exception e) when (DecoderFailure.IsDecoderFault(e))
        {
            string where = audioStart > 0 ? " after the ID3 tag" : "";
            throw new AudioFormatException(name, $"no decodable MPEG audio{where} ({DecoderFailure.Describe(e)})", e);
        }
    }
}
