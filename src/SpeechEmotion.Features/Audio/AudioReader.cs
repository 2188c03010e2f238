namespace SpeechEmotion.Audio;

/// <summary>
/// Decodes WAV, AIFF, MP3 and Ogg Vorbis to mono float32 samples at the file's own rate. The format is detected
/// from the content, never from the file name.
/// </summary>
/// <remarks>
/// <para>WAV and AIFF go through the library's own decoder (<see cref="WavReader"/>, which is faster and stricter
/// on hostile headers than the general-purpose ones). MP3 is decoded by NLayer and Ogg Vorbis by NVorbis, both
/// managed. Every format is mixed to mono the same way: channels summed in float32 in channel order, then divided
/// by the channel count.</para>
/// <para>MP3: a LAME/Xing "Info" tag's encoder delay and padding are trimmed, so a file made by LAME decodes to
/// its source's sample count. The decoder's own delay of 529 samples is kept (mpg123, which librosa reaches
/// through libsndfile, removes it too), so the audio starts 529 samples later than in the source. Ogg Vorbis
/// decodes to exactly the samples its granule positions declare; only the first logical stream is read.</para>
/// <para>A compressed file can decode to far more samples than it has bytes, so decoding stops with an error at
/// <c>maxSeconds</c>, and in any case at <see cref="MaxDecodedSamples"/>. Broken or hostile files give an
/// <see cref="AudioFormatException"/> naming the input, whatever the decoder library threw.</para>
/// </remarks>
public static class AudioReader
{
    /// <summary>
    /// Most mono samples an MP3 or Ogg input may decode to: 2^28, 1 GiB of float samples, the bound
    /// <see cref="WavReader.DefaultMaxBytes"/> puts on a streamed WAV file.
    /// </summary>
    public const int MaxDecodedSamples = 1 << 28;

    /// <summary>
    /// File extensions that folder scans look for (lower case, with the dot). Reading itself goes by content, so this
    /// only decides which files of a folder are taken as audio.
    /// </summary>
    public static IReadOnlyList<string> FileExtensions { get; } = [".wav", ".wave", ".aif", ".aiff", ".mp3", ".ogg", ".oga"];

    /// <summary>Recognises the container from the first bytes of a file (12 are enough; fewer work for MP3/Ogg).</summary>
    /// <param name="head">The start of the file.</param>
    /// <returns>The format, or <see cref="AudioFileFormat.Unknown"/>.</returns>
    public static AudioFileFormat Detect(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 12)
        {
            var magic = head[..4];
            if ((magic.SequenceEqual("RIFF"u8) || magic.SequenceEqual("RIFX"u8) || magic.SequenceEqual("RF64"u8)
                || magic.SequenceEqual("BW64"u8)) && head.Slice(8, 4).SequenceEqual("WAVE"u8))
                return AudioFileFormat.Wav;
            if (magic.SequenceEqual("FORM"u8) && (head.Slice(8, 4).SequenceEqual("AIFF"u8) || head.Slice(8, 4).SequenceEqual("AIFC"u8)))
                return AudioFileFormat.Aiff;
        }
        if (head.StartsWith("OggS"u8))
            return AudioFileFormat.OggVorbis;
        if (head.StartsWith("ID3"u8) || Mp3Decoder.IsFrameHeader(head))
            return AudioFileFormat.Mp3;
        return AudioFileFormat.Unknown;
    }

    /// <summary>Reads and decodes an audio file.</summary>
    /// <param name="path">File path; the format is detected from the content, not the extension.</param>
    /// <param name="maxSeconds">Longest audio accepted, in seconds; longer input is an error.</param>
    /// <returns>Mono samples at the file's sample rate.</returns>
    /// <exception cref="AudioFormatException">Not a supported, intact WAV, AIFF, MP3 or Ogg Vorbis file, or longer
    /// than <paramref name="maxSeconds"/>. The message starts with <paramref name="path"/> as given.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist (other I/O errors pass through too).</exception>
    public static AudioBuffer Read(string path, double maxSeconds = double.PositiveInfinity)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(File.ReadAllBytes(path), path, maxSeconds);
    }

    /// <summary>
    /// Reads the rest of a stream (at most <paramref name="maxBytes"/>) and decodes it. Non-seekable streams work;
    /// the stream is not closed.
    /// </summary>
    /// <param name="stream">The input.</param>
    /// <param name="name">File name or source description used in error messages; null for "&lt;stream&gt;".</param>
    /// <param name="maxBytes">Largest input accepted, in bytes.</param>
    /// <param name="maxSeconds">Longest audio accepted, in seconds.</param>
    /// <param name="maxSamples">Most mono samples accepted (decoding stops there); see <see cref="Read(byte[], string?, double, long)"/>.</param>
    /// <exception cref="AudioFormatException">The input is too large or too long, or not a supported, intact audio file.</exception>
    /// <exception cref="IOException">Reading the stream failed.</exception>
    public static AudioBuffer Read(Stream stream, string? name = null, long maxBytes = WavReader.DefaultMaxBytes,
        double maxSeconds = double.PositiveInfinity, long maxSamples = MaxDecodedSamples)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        var (buffer, length) = WavReader.ReadAll(stream, name, Math.Min(maxBytes, Array.MaxLength));
        return Read(buffer, length, name, maxSeconds, Math.Min(maxSamples, MaxDecodedSamples));
    }

    /// <summary>Decodes the bytes of a whole WAV, AIFF, MP3 or Ogg Vorbis file.</summary>
    /// <param name="bytes">The file content (not modified).</param>
    /// <param name="name">File name or source description used in error messages.</param>
    /// <param name="maxSeconds">Longest audio accepted, in seconds.</param>
    /// <returns>Mono samples at the file's sample rate.</returns>
    /// <exception cref="AudioFormatException">Not a supported, intact audio file, or longer than <paramref name="maxSeconds"/>.</exception>
    public static AudioBuffer Read(byte[] bytes, string? name = null, double maxSeconds = double.PositiveInfinity) =>
        Read(bytes, name, maxSeconds, MaxDecodedSamples);

    /// <summary>
    /// Decodes the bytes of a whole file as <see cref="Read(byte[], string?, double)"/>, also refusing more than
    /// <paramref name="maxSamples"/> mono samples. A server sets this: a small compressed file can declare a very high
    /// sample rate, and its duration limit alone would then allow hundreds of millions of samples.
    /// </summary>
    /// <exception cref="AudioFormatException">Not a supported, intact audio file, longer than <paramref name="maxSeconds"/>, or more samples than <paramref name="maxSamples"/>.</exception>
    public static AudioBuffer Read(byte[] bytes, string? name, double maxSeconds, long maxSamples)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxSamples);
        return Read(bytes, bytes.Length, name, maxSeconds, Math.Min(maxSamples, MaxDecodedSamples));
    }

    private static AudioBuffer Read(byte[] bytes, int length, string? name, double maxSeconds, long maxSamples)
    {
        if (double.IsNaN(maxSeconds) || maxSeconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(maxSeconds), maxSeconds, "must be a positive number of seconds");
        var content = bytes.AsSpan(0, length);
        var audio = Detect(content) switch
        {
            AudioFileFormat.Mp3 => Mp3Decoder.Decode(bytes, length, name, maxSeconds, maxSamples),
            AudioFileFormat.OggVorbis => VorbisDecoder.Decode(bytes, length, name, maxSeconds, maxSamples),
            AudioFileFormat.Unknown when content.Length >= 4 && !IsIffMagic(content[..4]) =>
                throw new AudioFormatException(name,
                    $"not a WAV, AIFF, MP3 or Ogg Vorbis file (starts with {WavReader.DescribeStart(content)})"),
            // WAV, AIFF, and their damaged or truncated headers: the WAV reader names the problem precisely.
            _ => WavReader.Read(content, name),
        };
        if (audio.DurationSeconds > maxSeconds)
            throw TooLong(name, maxSeconds);
        if (audio.Samples.Length > maxSamples)
            throw TooManySamples(name, maxSamples);
        return audio;
    }

    private static bool IsIffMagic(ReadOnlySpan<byte> magic) =>
        magic.SequenceEqual("RIFF"u8) || magic.SequenceEqual("RIFX"u8) || magic.SequenceEqual("RF64"u8)
        || magic.SequenceEqual("BW64"u8) || magic.SequenceEqual("FORM"u8);

    /// <summary>The error for input that decodes to more samples than the limit.</summary>
    internal static AudioFormatException TooManySamples(string? name, long maxSamples) =>
        new(name, FormattableString.Invariant($"decodes to more than the limit of {maxSamples} samples"));

    /// <summary>The error for input longer than the limit.</summary>
    internal static AudioFormatException TooLong(string? name, double maxSeconds) =>
        new(name, FormattableString.Invariant($"longer than the limit of {maxSeconds:0.###} s of audio"));
}
