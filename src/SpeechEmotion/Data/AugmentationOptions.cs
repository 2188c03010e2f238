using System.Globalization;

namespace SpeechEmotion.Data;

/// <summary>
/// Waveform augmentation of TRAINING clips before feature extraction: <see cref="Copies"/> extra versions of
/// every training clip, each with a random speed change (resampling: tempo and pitch together), time shift,
/// gain and white noise. Off by default (<see cref="Copies"/> = 0).
/// </summary>
public sealed record AugmentationOptions
{
    /// <summary>Augmented copies per training clip (0 = no augmentation).</summary>
    public int Copies { get; init; }

    /// <summary>Largest gain change in dB; each copy draws uniformly from [-GainDb, +GainDb].</summary>
    public double GainDb { get; init; } = 6.0;

    /// <summary>Lowest signal-to-noise ratio of the added white noise in dB (over the whole clip).</summary>
    public double MinSnrDb { get; init; } = 15.0;

    /// <summary>Highest signal-to-noise ratio of the added white noise in dB.</summary>
    public double MaxSnrDb { get; init; } = 30.0;

    /// <summary>Largest time shift in seconds (either direction; vacated samples are zero).</summary>
    public double MaxShiftSeconds { get; init; } = 0.2;

    /// <summary>Lowest playback speed factor (&lt; 1 is slower and lower); 1 with <see cref="MaxSpeed"/> = 1 disables it.</summary>
    public double MinSpeed { get; init; } = 0.9;

    /// <summary>Highest playback speed factor.</summary>
    public double MaxSpeed { get; init; } = 1.1;

    /// <summary>Throws <see cref="ArgumentException"/> listing every bad value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Copies < 0)
            problems.Add($"copies must be >= 0, got {Copies}");
        if (!(GainDb >= 0 && GainDb <= 40))
            problems.Add($"gain_db must be in [0, 40], got {GainDb}");
        if (!(MinSnrDb <= MaxSnrDb) || double.IsNaN(MinSnrDb) || double.IsInfinity(MaxSnrDb))
            problems.Add($"min_snr_db ({MinSnrDb}) must be <= max_snr_db ({MaxSnrDb}), both finite");
        if (!(MaxShiftSeconds >= 0 && MaxShiftSeconds <= 5))
            problems.Add($"max_shift_seconds must be in [0, 5], got {MaxShiftSeconds}");
        if (!(MinSpeed > 0.5 && MinSpeed <= MaxSpeed && MaxSpeed < 2))
            problems.Add($"speeds must satisfy 0.5 < min_speed ({MinSpeed}) <= max_speed ({MaxSpeed}) < 2");
        if (problems.Count > 0)
            throw new ArgumentException("augmentation: " + string.Join("; ", problems));
    }

    /// <summary>Canonical description of the transformation (everything but <see cref="Copies"/>), part of the cache key.</summary>
    public string Recipe => string.Create(CultureInfo.InvariantCulture,
        $"gain{GainDb:R}/snr{MinSnrDb:R}-{MaxSnrDb:R}/shift{MaxShiftSeconds:R}/speed{MinSpeed:R}-{MaxSpeed:R}/v1");
}
