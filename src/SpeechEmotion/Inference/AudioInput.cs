using SpeechEmotion.Audio;

namespace SpeechEmotion.Inference;

/// <summary>
/// One clip to predict: an audio file (WAV, AIFF, MP3 or Ogg Vorbis, told apart by content), a stream, file
/// bytes or decoded samples. A string converts
/// implicitly to a file input, so a list of paths can be passed to
/// <see cref="EmotionRecognizer.PredictBatch"/>.
/// </summary>
public sealed class AudioInput
{
    private readonly string? _path;
    private readonly Stream? _stream;
    private readonly byte[]? _bytes;
    private readonly AudioBuffer? _audio;

    private AudioInput(string name, string? path = null, Stream? stream = null, byte[]? bytes = null, AudioBuffer? audio = null)
    {
        Name = name;
        _path = path;
        _stream = stream;
        _bytes = bytes;
        _audio = audio;
    }

    /// <summary>The name used in results and error messages (the path as given, or a caller-chosen name).</summary>
    public string Name { get; }

    /// <summary>An audio file on disk (WAV, AIFF, MP3 or Ogg Vorbis); read when the prediction runs.</summary>
    public static AudioInput FromFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new AudioInput(path, path: path);
    }

    /// <summary>A stream holding an audio file; read to its end once, when the prediction runs (not disposed).</summary>
    /// <param name="stream">The file's data.</param>
    /// <param name="name">Name for results and error messages; default <c>&lt;stream&gt;</c>.</param>
    public static AudioInput FromStream(Stream stream, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new AudioInput(name ?? "<stream>", stream: stream);
    }

    /// <summary>The bytes of an audio file (not copied).</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="name">Name for results and error messages; default <c>&lt;bytes&gt;</c>.</param>
    public static AudioInput FromBytes(byte[] bytes, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return new AudioInput(name ?? "<bytes>", bytes: bytes);
    }

    /// <summary>Mono samples in [-1, 1] at <paramref name="sampleRate"/> Hz (resampled as needed; not copied).</summary>
    /// <param name="samples">Mono samples.</param>
    /// <param name="sampleRate">Samples per second; positive.</param>
    /// <param name="name">Name for results and error messages; default <c>&lt;samples&gt;</c>.</param>
    public static AudioInput FromSamples(float[] samples, int sampleRate, string? name = null) =>
        FromAudio(new AudioBuffer(samples, sampleRate), name);

    /// <summary>Decoded audio (resampled as needed).</summary>
    /// <param name="audio">The clip.</param>
    /// <param name="name">Name for results and error messages; default <c>&lt;samples&gt;</c>.</param>
    public static AudioInput FromAudio(AudioBuffer audio, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return new AudioInput(name ?? "<samples>", audio: audio);
    }

    /// <summary>A file input for <paramref name="path"/>.</summary>
    public static implicit operator AudioInput(string path) => FromFile(path);

    /// <summary>
    /// Decodes the input to mono samples at the source's own rate and checks them. A stream input can be
    /// decoded once only.
    /// </summary>
    /// <exception cref="AudioFormatException">Not a readable audio file, no samples, or NaN/infinite samples; names the input.</exception>
    /// <exception cref="FileNotFoundException">A file input does not exist.</exception>
    public AudioBuffer Decode() => Decode(double.PositiveInfinity);

    /// <summary>
    /// Decodes the input as <see cref="Decode()"/> does, refusing audio longer than <paramref name="maxSeconds"/>:
    /// an MP3 or Ogg file stops decoding there instead of filling memory.
    /// </summary>
    /// <param name="maxSeconds">Longest audio accepted, in seconds; positive.</param>
    /// <exception cref="AudioFormatException">As <see cref="Decode()"/>, or the audio is longer than <paramref name="maxSeconds"/>.</exception>
    /// <exception cref="FileNotFoundException">A file input does not exist.</exception>
    public AudioBuffer Decode(double maxSeconds) => Decode(maxSeconds, AudioReader.MaxDecodedSamples);

    /// <summary>
    /// Decodes the input as <see cref="Decode(double)"/>, also refusing more than <paramref name="maxSamples"/> mono
    /// samples (MP3 and Ogg inputs stop decoding there): a server's bound on the memory one upload may take, whatever sample
    /// rate a compressed file declares.
    /// </summary>
    /// <exception cref="AudioFormatException">As <see cref="Decode(double)"/>, or more samples than <paramref name="maxSamples"/>.</exception>
    public AudioBuffer Decode(double maxSeconds, long maxSamples)
    {
        var audio = _audio
            ?? (_bytes is not null ? AudioReader.Read(_bytes, Name, maxSeconds, maxSamples)
            : _stream is not null ? AudioReader.Read(_stream, Name, WavReader.DefaultMaxBytes, maxSeconds, maxSamples)
            : AudioReader.Read(File.ReadAllBytes(_path!), Name, maxSeconds, maxSamples));
        // AudioReader checks both limits while decoding; decoded audio given directly is checked here.
        if (_audio is not null && audio.DurationSeconds > maxSeconds)
            throw new AudioFormatException(Name, FormattableString.Invariant($"longer than the limit of {maxSeconds:0.###} s of audio"));
        if (_audio is not null && audio.Samples.Length > maxSamples)
            throw new AudioFormatException(Name, FormattableString.Invariant($"decodes to more than the limit of {maxSamples} samples"));
        if (audio.Samples.Length == 0) throw new AudioFormatException(Name, "contains no audio samples");
        foreach (float s in audio.Samples)
        {
            if (!float.IsFinite(s)) throw new AudioFormatException(Name, "contains NaN or infinite samples");
        }
        return audio;
    }

    /// <summary>Reads a file or stream input into memory asynchronously; other inputs are returned as they are.</summary>
    internal async Task<AudioInput> BufferAsync(CancellationToken ct)
    {
        if (_path is not null) return FromBytes(await File.ReadAllBytesAsync(_path, ct).ConfigureAwait(false), Name);
        if (_stream is null) return this;
        using var copy = new MemoryStream();
        await _stream.CopyToAsync(copy, ct).ConfigureAwait(false);
        return FromBytes(copy.ToArray(), Name);
    }
}
