namespace SpeechEmotion.Training;

/// <summary>Settings of <see cref="TrainingBenchmark.Run"/>; defaults are the original model's training shape.</summary>
public sealed record TrainingBenchmarkOptions
{
    /// <summary>Clips per step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Frames per clip.</summary>
    public int Frames { get; init; } = 248;

    /// <summary>Clips in the timed epoch (about the training part of RAVDESS speech).</summary>
    public int EpochClips { get; init; } = 1200;

    /// <summary>Untimed steps first (allocator and thread-pool warm-up).</summary>
    public int WarmupSteps { get; init; } = 3;

    /// <summary>Timed single steps.</summary>
    public int Steps { get; init; } = 20;

    /// <summary>Device (see <see cref="Modeling.DeviceSelector"/>).</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>LibTorch threads; null uses <see cref="Environment.ProcessorCount"/>.</summary>
    public int? Threads { get; init; }

    /// <summary>Call <see cref="Runtime.NativeMemoryTuning.Apply"/> first. Once applied it stays for the process, so compare in separate processes.</summary>
    public bool TuneNativeMemory { get; init; } = true;
}
