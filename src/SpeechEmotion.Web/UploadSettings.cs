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

    /// <summary>Room for multipart headers and boundaries on top of <see cref="MaxBytes"/> in a request body.</summary>
    public long MaxRequestBytes => MaxBytes + 64 * 1024;

    /// <summary>Throws one <see cref="ArgumentException"/> listing every invalid setting.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (MaxBytes < 1 || MaxBytes > int.MaxValue - 1024 * 1024) problems.Add($"Upload:MaxBytes must be between 1 and {int.MaxValue - 1024 * 1024} (got {MaxBytes})");
        if (!(MinDurationSeconds >= 0) || !(MinDurationSeconds < MaxDurationSeconds)) problems.Add($"Upload:MinDurationSeconds must be at least 0 and below Upload:MaxDurationSeconds (got {MinDurationSeconds})");
        if (!(MaxDurationSeconds > 0)) problems.Add($"Upload:MaxDurationSeconds must be positive (got {MaxDurationSeconds})");
        if (!(TimelineHopSeconds > 0) || !double.IsFinite(TimelineHopSeconds)) problems.Add($"Upload:TimelineHopSeconds must be positive (got {TimelineHopSeconds})");
        if (problems.Count > 0) throw new ArgumentException("Invalid configuration: " + string.Join("; ", problems) + ".");
    }
}
