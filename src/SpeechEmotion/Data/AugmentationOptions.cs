using System.Globalization;

namespace SpeechEmotion.Data;

/// <summary>
/// Waveform augmentation of TRAINING clips before feature extraction: <see cref="Copies"/> extra versions of
/// every training clip, each with a random speed change (resampling: tempo and pitch together), time shift,
/// gain and white noise, and optionally a random crop, noise padding at both ends and room reverberation.
/// Off by default (<see cref="Copies"/> = 0).
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

    /// <summary>
    /// Shortest share of the clip a copy keeps, cut at a random place (1 = no cropping). Teaches the model that any
    /// part of an utterance carries its emotion, whatever the length of the clip.
    /// </summary>
    public double MinCropFraction { get; init; } = 1.0;

    /// <summary>Longest stretch of low-level noise added before and after the clip, in seconds (each end draws its own length).</summary>
    public double MaxPadSeconds { get; init; }

    /// <summary>Chance that a copy is played through a synthetic room (exponentially decaying noise as impulse response).</summary>
    public double ReverbProbability { get; init; }

    /// <summary>Shortest reverberation time RT60 of the synthetic rooms, in seconds.</summary>
    public double MinRt60Seconds { get; init; } = 0.2;

    /// <summary>Longest reverberation time RT60 of the synthetic rooms, in seconds.</summary>
    public double MaxRt60Seconds { get; init; } = 0.8;

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
        if (!(MinCropFraction > 0.1 && MinCropFraction <= 1))
            problems.Add($"min_crop_fraction must be in (0.1, 1], got {MinCropFraction}");
        if (!(MaxPadSeconds >= 0 && MaxPadSeconds <= 10))
            problems.Add($"max_pad_seconds must be in [0, 10], got {MaxPadSeconds}");
        if (!(ReverbProbability >= 0 && ReverbProbability <= 1))
            problems.Add($"reverb_probability must be in [0, 1], got {ReverbProbability}");
        if (!(MinRt60Seconds > 0 && MinRt60Seconds <= MaxRt60Seconds && MaxRt60Seconds <= 3))
            problems.Add($"rt60 must satisfy 0 < min_rt60_seconds ({MinRt60Seconds}) <= max_rt60_seconds ({MaxRt60Seconds}) <= 3");
        if (problems.Count > 0)
            throw new ArgumentException("augmentation: " + string.Join("; ", problems));
    }

    /// <summary>Canonical description of the transformation (everything but <see cref="Copies"/>), part of the cache key.</summary>
    public string Recipe => string.Create(CultureInfo.InvariantCulture,
        $"gain{GainDb:R}/snr{MinSnrDb:R}-{MaxSnrDb:R}/shift{MaxShiftSeconds:R}/speed{MinSpeed:R}-{MaxSpeed:R}/v1")
        + (HasRoomAndLengthChanges ? string.Create(CultureInfo.InvariantCulture,
            $"/crop{MinCropFraction:R}/pad{MaxPadSeconds:R}/reverb{ReverbProbability:R}:{MinRt60Seconds:R}-{MaxRt60Seconds:R}") : "");

    /// <summary>True when cropping, padding or reverberation is on (the first recipe had none of them).</summary>
    private bool HasRoomAndLengthChanges => MinCropFraction < 1 || MaxPadSeconds > 0 || ReverbProbability > 0;
}
