namespace SpeechEmotion.Training;

/// <summary>Figures measured by <see cref="TrainingBenchmark.Run"/>.</summary>
public sealed record TrainingBenchmarkResult
{
    /// <summary>The settings measured.</summary>
    public required TrainingBenchmarkOptions Options { get; init; }

    /// <summary>Whether glibc's malloc thresholds were raised in this process.</summary>
    public required bool NativeMemoryTuned { get; init; }

    /// <summary>Mean milliseconds per training step (forward, backward, Adam) over the timed steps.</summary>
    public required double MeanMsPerStep { get; init; }

    /// <summary>
    /// Mean process CPU time (all threads, user + system) per timed step, in milliseconds: a figure that
    /// stays meaningful when other processes compete for the cores and stretch the wall-clock time.
    /// </summary>
    public required double CpuMsPerStep { get; init; }

    /// <summary>Fastest single step, in milliseconds.</summary>
    public required double BestMsPerStep { get; init; }

    /// <summary>Seconds for one shuffled epoch over <see cref="TrainingBenchmarkOptions.EpochClips"/> clips (training steps only).</summary>
    public required double SecondsPerEpoch { get; init; }

    /// <summary>Peak resident memory of the process in MiB (VmHWM on Linux, else the peak working set).</summary>
    public required double PeakRssMiB { get; init; }

    /// <summary>LibTorch intra-op threads used.</summary>
    public required int Threads { get; init; }
}
