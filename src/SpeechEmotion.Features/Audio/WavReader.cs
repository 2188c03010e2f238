namespace SpeechEmotion.Audio;

/// <summary>
/// Decodes WAV and AIFF audio to mono float32 samples at the file's own sample rate, with the same values
/// <c>soundfile.read(dtype="float32")</c> (libsndfile) followed by librosa's <c>to_mono</c> gives.
/// </summary>
/// <remarks>
/// <para>The format is detected from the content, never from the file name (corpora ship AIFF files named .wav).</para>
/// <para>Supported: RIFF/WAVE (also RIFX and RF64/BW64) with PCM unsigned 8-bit, signed 16/24/32-bit (narrower
/// samples in whole-byte containers), IEEE float 32/64, and WAVE_FORMAT_EXTENSIBLE with a PCM or float
/// sub-format; AIFF and AIFF-C with NONE, twos, sowt, in24, in32, 42ni, 23ni, raw (8-bit), fl32 and fl64.
/// Any number of channels (up to 1024) is mixed to mono by the mean.</para>
/// <para>Scaling: u8 (x-128)/128, s8 x/128, s16 x/32768, s24 x/8388608, s32 x/2147483648, float32 as stored,
/// float64 rounded to float32. Channels are summed in float32 in channel order, then divided by the channel
/// count, as numpy's float32 <c>np.mean(y, axis=0)</c>.</para>
/// <para>A data (SSND) chunk shorter than its header claims, because the file is truncated or was never
/// finalized, yields the whole frames present and drops a partial last frame, as libsndfile does. A file
/// with no whole frame yields an empty <see cref="AudioBuffer"/> (zero samples, the header's sample rate).</para>
/// <para>Compressed codecs (mu-law, A-law, ADPCM, MP3, ...) and NaN or infinite float samples are rejected.</para>
/// </remarks>
public static class WavReader
{
    /// <summary>Default limit of <see cref="Read(Stream, string?, long)"/>: 1 GiB.</summary>
    public const long DefaultMaxBytes = 1L << 30;

    /// <summary>Reads and decodes a WAV or AIFF file.</summary>
    /// <param name="path">File path; the format is detected from the content, not the extension.</param>
    /// <returns>Mono samples at the file's sample rate.</returns>
    /// <exception cref="AudioFormatException">The content is not a supported, intact WAV/AIFF file, or the file is
    /// larger than the largest array (about 2 GiB). The message starts with <paramref name="path"/> as given.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (other <see cref="IOException"/>s and
    /// <see cref="UnauthorizedAccessException"/> pass through too: they are not format problems).</exception>
    public static AudioBuffer Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        return Read(stream, path, long.MaxValue);
    }

    /// <summary>Reads the rest of a stream (at most <see cref="DefaultMaxBytes"/>) and decodes it.</summary>
    /// <inheritdoc cref="Read(Stream, string?, long)"/>
    public static AudioBuffer Read(Stream stream, string? name = null) => Read(stream, name, DefaultMaxBytes);

    /// <summary>
    /// Reads the rest of a stream, from its current position to its end, and decodes it. Non-seekable
    /// streams (network, pipes) work; the stream is not closed.
    /// </summary>
    /// <param name="stream">The input.</param>
    /// <param name="name">File name or source description used in error messages; null for "&lt;stream&gt;".</param>
    /// <param name="maxBytes">Largest input accepted, in bytes, so that a server cannot be made to buffer
    /// unbounded input; inputs are also limited to the largest array (about 2 GiB).</param>
    /// <returns>Mono samples at the input's sample rate.</returns>
    /// <exception cref="AudioFormatException">The input exceeds <paramref name="maxBytes"/>, or is not a
    /// supported, intact WAV/AIFF file.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static AudioBuffer Read(Stream stream, string? name, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var (buffer, length) = ReadAll(stream, name, Math.Min(maxBytes, Array.MaxLength));
        return Read(buffer.AsSpan(0, length), name);
    }

    /// <summary>Decodes the bytes of a whole WAV or AIFF file.</summary>
    /// <param name="bytes">The file content.</param>
    /// <param name="name">File name or source description used in error messages.</param>
    /// <returns>Mono samples at the file's sample rate.</returns>
    /// <exception cref="AudioFormatException">Not a supported, intact WAV/AIFF file.</exception>
    public static AudioBuffer Read(byte[] bytes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read(bytes.AsSpan(), name);
    }

    /// <inheritdoc cref="Read(byte[], string?)"/>
    public static AudioBuffer Read(ReadOnlySpan<byte> bytes, string? name = null)
    {
        var layout = Parse(bytes, name);
        var samples = SampleDecoder.DecodeMono(bytes.Slice(layout.DataOffset, layout.DataLength), layout, name);
        return new AudioBuffer(samples, layout.SampleRate);
    }

    private static PcmLayout Parse(ReadOnlySpan<byte> b, string? name)
    {
        if (b.IsEmpty)
            throw new AudioFormatException(name, "empty file (0 bytes)");
        // A shorter input that begins like a known magic is a truncated header.
        var magic = b[..Math.Min(4, b.Length)];
        bool riff = "RIFF"u8.StartsWith(magic) || "RIFX"u8.StartsWith(magic)
            || "RF64"u8.StartsWith(magic) || "BW64"u8.StartsWith(magic);
        bool form = "FORM"u8.StartsWith(magic);
        if ((riff || form) && b.Length < 12)
            throw new AudioFormatException(name, $"truncated header ({b.Length} bytes)");
        if (riff)
        {
            if (!b.Slice(8, 4).SequenceEqual("WAVE"u8))
                throw new AudioFormatException(name, $"RIFF file of type {ChunkId.Quote(b.Slice(8, 4))}, not a WAVE audio file");
            return WavParser.Parse(b, name);
        }
        if (form)
        {
            var type = b.Slice(8, 4);
            if (!type.SequenceEqual("AIFF"u8) && !type.SequenceEqual("AIFC"u8))
                throw new AudioFormatException(name, $"IFF file of type {ChunkId.Quote(type)}, not an AIFF audio file");
            return AiffParser.Parse(b, name);
        }
        throw new AudioFormatException(name, $"not a WAV or AIFF file (starts with {DescribeStart(b)})");
    }

    /// <summary>The leading printable characters (or bytes in hex), with a guess at the format where it is well known.</summary>
    internal static string DescribeStart(ReadOnlySpan<byte> b)
    {
        var head = b[..Math.Min(4, b.Length)];
        int printable = 0;
        while (printable < head.Length && head[printable] is >= 0x20 and <= 0x7E)
            printable++;
        string start = printable >= 2 ? ChunkId.Quote(head[..printable]) : "bytes " + Convert.ToHexString(head);
        string? guess =
            head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0) ? "MP3 or AAC audio"
            : head.StartsWith("fLaC"u8) ? "FLAC audio"
            : head.StartsWith("OggS"u8) ? "Ogg audio"
            : head.StartsWith("caff"u8) ? "Core Audio Format"
            : head.StartsWith(".snd"u8) ? "Sun/NeXT audio"
            : head.StartsWith("#!AM"u8) ? "AMR audio"
            : head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]) ? "WebM/Matroska"
            : b.Length >= 8 && b.Slice(4, 4).SequenceEqual("ftyp"u8) ? "MP4/M4A"
            : null;
        return guess is null ? start : $"{start}, which looks like {guess}";
    }

    /// <summary>Reads everything left in <paramref name="stream"/>, refusing more than <paramref name="limit"/> bytes.</summary>
    internal static (byte[] Buffer, int Length) ReadAll(Stream stream, string? name, long limit)
    {
        if (stream.CanSeek)
        {
            long remaining = Math.Max(0, stream.Length - stream.Position);
            if (remaining > limit)
                throw new AudioFormatException(name, $"input is {remaining} bytes, more than the limit of {limit} bytes");
            var all = new byte[remaining];
            return (all, stream.ReadAtLeast(all, all.Length, throwOnEndOfStream: false));
        }

        var buffer = new byte[(int)Math.Min(limit, 1 << 16)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    if (stream.ReadByte() < 0)
                        break;
                    throw new AudioFormatException(name, $"input is larger than the limit of {limit} bytes");
                }
                Array.Resize(ref buffer, (int)Math.Min(limit, 2L * buffer.Length));
            }
            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
                break;
            length += read;
        }
        return (buffer, length);
    }
}
