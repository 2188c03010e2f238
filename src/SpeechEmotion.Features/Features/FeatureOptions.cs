using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.Features;

/// <summary>
/// Feature settings. Names and defaults follow librosa 0.11 (<c>librosa.load</c>, <c>feature.mfcc</c>,
/// <c>feature.delta</c>, <c>feature.rms</c>); the defaults reproduce the original project's
/// 248 x 121 matrix: MFCC 0-39, delta 40-79, delta-delta 80-119, RMS 120.
/// Serialized with snake_case names so a config file reads like librosa keyword arguments.
/// </summary>
public sealed record FeatureOptions
{
    /// <summary>Target sample rate in Hz (<c>sr</c>); audio is resampled to it.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>FFT size in samples (<c>n_fft</c>).</summary>
    public int NFft { get; init; } = 2048;

    /// <summary>Hop between frames in samples (<c>hop_length</c>).</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Centre frames on their sample by padding n_fft/2 zeros at both ends (<c>center</c>).</summary>
    public bool Center { get; init; } = true;

    /// <summary>Padding of centred frames at the clip's ends (<c>pad_mode</c>), for the STFT and RMS alike.</summary>
    public PadMode PadMode { get; init; } = PadMode.Constant;

    /// <summary>Exponent of the magnitude spectrogram (<c>power</c>).</summary>
    public double Power { get; init; } = 2.0;

    /// <summary>Number of mel bands (<c>n_mels</c>).</summary>
    public int NMels { get; init; } = 128;

    /// <summary>Lowest mel band edge in Hz (<c>fmin</c>).</summary>
    public double FMin { get; init; }

    /// <summary>Highest mel band edge in Hz (<c>fmax</c>); null means sample_rate / 2.</summary>
    public double? FMax { get; init; }

    /// <summary>Number of cepstral coefficients (<c>n_mfcc</c>).</summary>
    public int NMfcc { get; init; } = 40;

    /// <summary>Threshold of <c>power_to_db</c> below the clip's peak, in dB (<c>top_db</c>); null disables it.</summary>
    public double? TopDb { get; init; } = 80.0;

    /// <summary>Floor of <c>power_to_db</c> before the logarithm (<c>amin</c>).</summary>
    public double Amin { get; init; } = 1e-10;

    /// <summary>Reference power of <c>power_to_db</c> (<c>ref</c>).</summary>
    public double RefPower { get; init; } = 1.0;

    /// <summary>Savitzky-Golay window of <c>feature.delta</c>, odd and at least 3 (<c>width</c>).</summary>
    public int DeltaWidth { get; init; } = 9;

    /// <summary>Frame length of <c>feature.rms</c> in samples (<c>frame_length</c>).</summary>
    public int RmsFrameLength { get; init; } = 2048;

    /// <summary>Hop of <c>feature.rms</c> in samples (<c>hop_length</c>).</summary>
    public int RmsHopLength { get; init; } = 512;

    /// <summary>
    /// Frames in the output: zero rows are appended or trailing frames cut to this count.
    /// Null keeps every frame (no padding, no cutting).
    /// </summary>
    public int? MaxFrames { get; init; } = 248;

    /// <summary>
    /// Pitch columns after RMS (<see cref="PitchOptions"/>); null = none, the original project's features. Left out of the
    /// JSON when null, so bundles and caches of the MFCC-only features keep their keys.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PitchOptions? Pitch { get; init; }

    /// <summary>Features per frame: MFCC + delta + delta-delta + RMS = 3 * n_mfcc + 1, and 3 more with <see cref="Pitch"/>.</summary>
    [JsonIgnore]
    public int FeatureCount => 3 * NMfcc + 1 + (Pitch is null ? 0 : PitchOptions.Columns);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = false,
    };

    /// <summary>The options as snake_case JSON (<c>{"sample_rate":22050,"n_fft":2048,...}</c>).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads options written by <see cref="ToJson"/> (missing properties keep their defaults) and validates them.</summary>
    /// <exception cref="ArgumentException">The JSON is malformed or the options are invalid.</exception>
    public static FeatureOptions FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FeatureOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<FeatureOptions>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Feature options are not valid JSON: {e.Message}", nameof(json), e);
        }
        if (options is null)
            throw new ArgumentException("Feature options JSON is null.", nameof(json));
        options.Validate();
        return options;
    }

    /// <summary>
    /// Checks every setting and throws one exception that lists each bad value
    /// (for example <c>n_fft = 0: must be between 2 and 1048576; delta_width = 4: must be odd and at least 3</c>).
    /// </summary>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message names them all.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string name, object? value, string rule)
        {
            if (!ok)
                problems.Add($"{name} = {Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null"}: {rule}");
        }

        double nyquist = SampleRate / 2.0;
        Check(SampleRate > 0, "sample_rate", SampleRate, "must be positive");
        Check(NFft is >= 2 and <= 1 << 20, "n_fft", NFft, "must be between 2 and 1048576");
        Check(HopLength > 0, "hop_length", HopLength, "must be positive");
        Check(Enum.IsDefined(PadMode), "pad_mode", PadMode, "must be constant, edge or reflect");
        Check(double.IsFinite(Power) && Power > 0, "power", Power, "must be a positive number");
        Check(NMels > 0, "n_mels", NMels, "must be positive");
        Check(double.IsFinite(FMin) && FMin >= 0, "f_min", FMin, "must be zero or positive");
        if (FMax is { } fMax)
            Check(double.IsFinite(fMax) && fMax > FMin && fMax <= nyquist, "f_max", fMax, $"must be above f_min ({FMin}) and at most sample_rate / 2 ({nyquist})");
        else
            Check(FMin < nyquist, "f_min", FMin, $"must be below sample_rate / 2 ({nyquist})");
        Check(NMfcc > 0 && NMfcc <= NMels, "n_mfcc", NMfcc, $"must be between 1 and n_mels ({NMels})");
        if (TopDb is { } topDb)
            Check(double.IsFinite(topDb) && topDb >= 0, "top_db", topDb, "must be zero or positive (or null to disable)");
        Check(double.IsFinite(Amin) && Amin > 0, "amin", Amin, "must be positive");
        Check(double.IsFinite(RefPower) && RefPower > 0, "ref_power", RefPower, "must be positive");
        Check(DeltaWidth >= 3 && DeltaWidth % 2 == 1, "delta_width", DeltaWidth, "must be odd and at least 3");
        Check(RmsFrameLength is > 0 and <= 1 << 20, "rms_frame_length", RmsFrameLength, "must be between 1 and 1048576");
        Check(RmsHopLength == HopLength, "rms_hop_length", RmsHopLength, $"must equal hop_length ({HopLength}): RMS is stacked frame by frame with the MFCCs");
        if (MaxFrames is { } maxFrames)
            Check(maxFrames is > 0 and <= 10_000_000, "max_frames", maxFrames, "must be between 1 and 10000000 (or null for all frames)");
        if (Pitch is not null)
            problems.AddRange(Pitch.Problems(SampleRate, NFft));
        if (problems.Count > 0)
            throw new ArgumentException("Invalid feature options: " + string.Join("; ", problems) + ".");
    }
}
