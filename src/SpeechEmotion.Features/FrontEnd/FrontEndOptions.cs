using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.FrontEnd;

/// <summary>
/// What happens to a waveform between decoding (mono, resampled) and feature extraction, in training and in
/// inference alike: energy trimming of leading and trailing silence (<c>librosa.effects.trim</c>), then level
/// normalisation measured over the active frames only. Stored in a model bundle's manifest, so a model is always
/// served with the front end it was trained with. <see cref="None"/> (both stages off) is the original project's
/// behaviour and what bundles without a front end get.
/// </summary>
public sealed record FrontEndOptions
{
    /// <summary>Both stages off: the waveform goes to the features unchanged.</summary>
    public static FrontEndOptions None { get; } = new() { TrimTopDb = null, TargetLevelDbfs = null };

    /// <summary>
    /// Threshold of <c>librosa.effects.trim</c> in dB below the clip's loudest frame (<c>top_db</c>); frames quieter than
    /// that are silence. Leading and trailing silence is cut. Null disables trimming. librosa's default is 60; 30 also
    /// removes the room tone and breath noise that differ most between recording setups.
    /// </summary>
    public double? TrimTopDb { get; init; } = 30;

    /// <summary>Frame length of the trimming energy, in samples (<c>frame_length</c>).</summary>
    public int TrimFrameLength { get; init; } = 2048;

    /// <summary>Hop of the trimming energy, in samples (<c>hop_length</c>).</summary>
    public int TrimHopLength { get; init; } = 512;

    /// <summary>
    /// Level the clip is scaled to, in dB relative to full scale: the RMS over its active frames (those within
    /// <see cref="TrimTopDb"/>, or 60 dB when trimming is off, of the loudest frame). Null leaves the level alone.
    /// </summary>
    public double? TargetLevelDbfs { get; init; } = -25;

    /// <summary>Largest amplification of the level normalisation in dB, so near-silent input is not blown up into noise.</summary>
    public double MaxGainDb { get; init; } = 40;

    /// <summary>True when neither stage changes the waveform.</summary>
    [JsonIgnore]
    public bool IsIdentity => TrimTopDb is null && TargetLevelDbfs is null;

    /// <summary>Checks every setting; throws one <see cref="ArgumentException"/> listing each bad value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        void Check(bool ok, string name, object? value, string rule)
        {
            if (!ok)
                problems.Add($"{name} = {Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null"}: {rule}");
        }
        if (TrimTopDb is { } topDb)
            Check(double.IsFinite(topDb) && topDb > 0 && topDb <= 120, "trim_top_db", topDb, "must be in (0, 120] (or null for no trimming)");
        Check(TrimFrameLength is >= 16 and <= 1 << 16, "trim_frame_length", TrimFrameLength, "must be between 16 and 65536");
        Check(TrimHopLength > 0 && TrimHopLength <= TrimFrameLength, "trim_hop_length", TrimHopLength, "must be positive and at most trim_frame_length");
        if (TargetLevelDbfs is { } level)
            Check(double.IsFinite(level) && level <= 0 && level >= -80, "target_level_dbfs", level, "must be in [-80, 0] (or null to keep the level)");
        Check(double.IsFinite(MaxGainDb) && MaxGainDb >= 0 && MaxGainDb <= 80, "max_gain_db", MaxGainDb, "must be in [0, 80]");
        if (problems.Count > 0)
            throw new ArgumentException("Invalid front-end options: " + string.Join("; ", problems) + ".");
    }

    /// <summary>Canonical snake_case JSON, part of the feature cache's identity.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
