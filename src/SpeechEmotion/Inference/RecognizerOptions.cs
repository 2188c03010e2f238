namespace SpeechEmotion.Inference;

/// <summary>How an <see cref="EmotionRecognizer"/> runs its model.</summary>
public sealed record RecognizerOptions
{
    /// <summary>Device spec: <c>cpu</c> (default), <c>cuda</c>, <c>cuda:N</c> or <c>auto</c> (CUDA when available).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>LibTorch intra-op threads (process-wide, <c>torch.set_num_threads</c>); null keeps LibTorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Most model windows per forward pass in batch and timeline predictions; at least 1.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>Checks every option and throws one <see cref="ArgumentException"/> listing all problems.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Device)) problems.Add("device must be cpu, cuda, cuda:N or auto");
        if (Threads is < 1) problems.Add($"threads must be at least 1 (got {Threads})");
        if (MaxBatchSize < 1) problems.Add($"max_batch_size must be at least 1 (got {MaxBatchSize})");
        if (problems.Count > 0) throw new ArgumentException("Invalid recognizer options: " + string.Join("; ", problems) + ".");
    }
}
