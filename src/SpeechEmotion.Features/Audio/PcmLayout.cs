namespace SpeechEmotion.Audio;

/// <summary>How one stored sample is encoded.</summary>
internal enum SampleEncoding
{
    /// <summary>Unsigned 8-bit, 128 = silence (WAV 8-bit, AIFF-C 'raw ').</summary>
    UInt8,
    /// <summary>Signed 8-bit (AIFF 8-bit).</summary>
    Int8,
    Int16,
    Int24,
    Int32,
    Float32,
    Float64,
}

/// <summary>
/// Where the samples of a parsed file are and how to read them: <see cref="DataLength"/> bytes of
/// interleaved frames starting at <see cref="DataOffset"/>, already clamped to the real input length.
/// </summary>
internal readonly record struct PcmLayout(
    SampleEncoding Encoding, bool BigEndian, int Channels, int SampleRate, int DataOffset, int DataLength)
{
    /// <summary>libsndfile's limit (SF_MAX_CHANNELS).</summary>
    public const int MaxChannels = 1024;

    /// <summary>Bytes per stored sample.</summary>
    public int BytesPerSample => BytesOf(Encoding);

    public bool IsFloat => Encoding is SampleEncoding.Float32 or SampleEncoding.Float64;

    public static int BytesOf(SampleEncoding encoding) => encoding switch
    {
        SampleEncoding.UInt8 or SampleEncoding.Int8 => 1,
        SampleEncoding.Int16 => 2,
        SampleEncoding.Int24 => 3,
        SampleEncoding.Int32 or SampleEncoding.Float32 => 4,
        _ => 8,
    };

    /// <summary>Integer PCM encoding for a container of <paramref name="bytes"/> bytes.</summary>
    public static SampleEncoding IntegerPcm(int bytes, bool unsigned8) => bytes switch
    {
        1 => unsigned8 ? SampleEncoding.UInt8 : SampleEncoding.Int8,
        2 => SampleEncoding.Int16,
        3 => SampleEncoding.Int24,
        _ => SampleEncoding.Int32,
    };

    /// <summary>Checks the channel count and sample rate every format shares.</summary>
    public static void CheckChannelsAndRate(string? name, long channels, long sampleRate)
    {
        if (channels <= 0)
            throw new AudioFormatException(name, $"invalid channel count {channels} (must be at least 1)");
        if (channels > MaxChannels)
            throw new AudioFormatException(name, $"too many channels ({channels}; at most {MaxChannels})");
        if (sampleRate <= 0)
            throw new AudioFormatException(name, $"invalid sample rate {sampleRate} Hz (must be at least 1)");
        if (sampleRate > int.MaxValue)
            throw new AudioFormatException(name, $"sample rate {sampleRate} Hz is out of range");
    }
}
