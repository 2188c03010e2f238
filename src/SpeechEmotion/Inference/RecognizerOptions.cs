namespace SpeechEmotion.Inference;

/// <summary>How an <see cref="EmotionRecognizer"/> runs its model.</summary>
public sealed record RecognizerOptions
{
    /// <summary>Device spec: <c>cpu</c> (default), <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when available).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>LibTorch intra-op threads (process-wide, <c>torch.set_num_threads</c>); null keeps LibTorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Threads that decode and compute features in <see cref="EmotionRecognizer.PredictMany"/> (overlapping the forward passes); null: one per core.</summary>
    public int? FeatureThreads { get; init; }

    /// <summary>Most model windows per forward pass in batch and timeline predictions; at least 1.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>
    /// How long a forward pass may wait for the windows of other callers whose features are still being computed,
    /// so that concurrent predictions share one pass. A lone caller never waits. Default 2 ms; zero runs at once.
    /// </summary>
    public TimeSpan BatchDelay { get; init; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Most model windows waiting for the network before a prediction is refused with
    /// <see cref="RecognizerBusyException"/> (a server answers 503); null (default) never refuses.
    /// <see cref="EmotionRecognizer.PredictMany"/> bounds its own work and is not refused.
    /// </summary>
    public int? MaxQueuedWindows { get; init; }

    /// <summary>Checks every option and throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Device)) problems.Add("device must be cpu, cuda, cuda:N or auto");
        if (Threads is < 1) problems.Add($"threads must be at least 1 (got {Threads})");
        if (FeatureThreads is < 1) problems.Add($"feature_threads must be at least 1 (got {FeatureThreads})");
        if (MaxBatchSize < 1) problems.Add($"max_batch_size must be at least 1 (got {MaxBatchSize})");
        if (BatchDelay < TimeSpan.Zero || BatchDelay > TimeSpan.FromSeconds(1)) problems.Add($"batch_delay must be between 0 and 1 s (got {BatchDelay.TotalMilliseconds} ms)");
        if (MaxQueuedWindows is < 1) problems.Add($"max_queued_windows must be at least 1 (got {MaxQueuedWindows})");
        if (problems.Count > 0) throw new ArgumentException("Invalid recognizer options: " + string.Join("; ", problems) + ".");
    }
}
