namespace SpeechEmotion.Web;

/// <summary>Configuration section <c>Upload</c>: limits of <c>POST /api/predict</c>.</summary>
internal sealed record UploadSettings
{
    /// <summary>Largest accepted audio file in bytes (default 25 MiB); larger uploads get 413.</summary>
    public long MaxBytes { get; init; } = 25L * 1024 * 1024;

    /// <summary>Shortest accepted clip in seconds (default 0.1); shorter clips get 400.</summary>
    public double MinDurationSeconds { get; init; } = 0.1;

    /// <summary>Longest accepted clip in seconds (default 600); longer clips get 400.</summary>
    public double MaxDurationSeconds { get; init; } = 600;

    /// <summary>Hop of the timeline returned for clips longer than the model window, in seconds.</summary>
    public double TimelineHopSeconds { get; init; } = 1.0;

    /// <summary>Lowest accepted sample rate in Hz (default 4000); a clip claiming 1 Hz would be resampled into a huge signal.</summary>
    public int MinSampleRate { get; init; } = 4000;

    /// <summary>Highest accepted sample rate in Hz (default 384000).</summary>
    public int MaxSampleRate { get; init; } = 384_000;

    /// <summary>
    /// Most mono samples an upload may decode to (default 30 million, 625 s at 48 kHz, 120 MB of samples). A small MP3 or Ogg file
    /// can declare a high sample rate; decoding stops here, before the sample-rate check could refuse it.
    /// </summary>
    public long MaxDecodedSamples { get; init; } = 30_000_000;

    /// <summary>Smallest timeline hop a request may ask for, in seconds (default 0.25).</summary>
    public double MinHopSeconds { get; init; } = 0.25;

    /// <summary>Most model windows one request may cost (default 1200: a 600 s clip at a 0.5 s hop); more get 400 asking for a larger hop.</summary>
    public int MaxWindows { get; init; } = 1200;

    /// <summary>Longest a request may compute, in seconds (default 60); a request over budget gets 503.</summary>
    public double TimeBudgetSeconds { get; init; } = 60;

    /// <summary>Room for multipart headers and boundaries on top of <see cref="MaxBytes"/> in a request body.</summary>
    public long MaxRequestBytes => MaxBytes + 64 * 1024;

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxBytes < 1 || MaxBytes > int.MaxValue - 1024 * 1024) problems.Add($"Upload:MaxBytes must be between 1 and {int.MaxValue - 1024 * 1024} (got {MaxBytes})");
        if (!(MinDurationSeconds >= 0) || !(MinDurationSeconds < MaxDurationSeconds)) problems.Add($"Upload:MinDurationSeconds must be at least 0 and below Upload:MaxDurationSeconds (got {MinDurationSeconds})");
        if (MaxDecodedSamples < 1) problems.Add($"Upload:MaxDecodedSamples must be at least 1 (got {MaxDecodedSamples})");
        if (!(MaxDurationSeconds > 0)) problems.Add($"Upload:MaxDurationSeconds must be positive (got {MaxDurationSeconds})");
        if (!(TimelineHopSeconds > 0) || !double.IsFinite(TimelineHopSeconds)) problems.Add($"Upload:TimelineHopSeconds must be positive (got {TimelineHopSeconds})");
        if (MinSampleRate < 1 || MinSampleRate > MaxSampleRate) problems.Add($"Upload:MinSampleRate must be between 1 and Upload:MaxSampleRate (got {MinSampleRate})");
        if (!(MinHopSeconds > 0) || !double.IsFinite(MinHopSeconds)) problems.Add($"Upload:MinHopSeconds must be positive (got {MinHopSeconds})");
        if (!(TimelineHopSeconds >= MinHopSeconds)) problems.Add($"Upload:TimelineHopSeconds must be at least Upload:MinHopSeconds (got {TimelineHopSeconds})");
        if (MaxWindows < 1) problems.Add($"Upload:MaxWindows must be at least 1 (got {MaxWindows})");
        if (!(TimeBudgetSeconds > 0) || !double.IsFinite(TimeBudgetSeconds)) problems.Add($"Upload:TimeBudgetSeconds must be positive (got {TimeBudgetSeconds})");
        if (problems.Count > 0) throw new ArgumentException("Invalid configuration: " + string.Join("; ", problems) + ".");
    }
}
