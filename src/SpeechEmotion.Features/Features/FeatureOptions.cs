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

    /// <summary>Features per frame: MFCC + delta + delta-delta + RMS = 3 * n_mfcc + 1.</summary>
    [JsonIgnore]
    public int FeatureCount => 3 * NMfcc + 1;
}
