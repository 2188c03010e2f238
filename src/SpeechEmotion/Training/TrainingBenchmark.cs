using System.Diagnostics;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>
/// Times the trainer's own step (the default network, Adam, class-weighted cross-entropy, one dispose scope
/// per step) on random data: milliseconds per step, seconds per epoch and peak memory.
/// </summary>
public static class TrainingBenchmark
{
    /// <summary>Runs the benchmark; takes about <c>(WarmupSteps + Steps + EpochClips / BatchSize)</c> steps.</summary>
    public static TrainingBenchmarkResult Run(TrainingBenchmarkOptions? options = null)
    {
        options ??= new TrainingBenchmarkOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Frames, new ModelConfig().MinimumFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Steps);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WarmupSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(options.EpochClips);
        if (options.TuneNativeMemory)
            NativeMemoryTuning.Apply();
        var device = DeviceSelector.Resolve(options.Device);
        var threads = options.Threads ?? Environment.ProcessorCount;
        torch.set_num_threads(threads);

        var config = new ModelConfig();
        var clips = Math.Max(options.EpochClips, options.BatchSize);
        torch.random.manual_seed(1);
        using var scalars = new HeldScalars();
        using var data = new ClipTensors(
            torch.randn(clips, options.Frames, config.InputFeatures, device: device),
            torch.full([clips], scalars.Of((long)options.Frames), ScalarType.Int64, device),
            torch.randint(config.NumClasses, clips, ScalarType.Int64, device),
            new int[clips]);
        using var model = new EmotionNet(config);
        model.to(device);
        model.train();
        using var optimizer = torch.optim.Adam(model.parameters(), 1e-3);
        using var weights = torch.ones(config.NumClasses, device: device);
        var stepper = new BatchStepper(model, optimizer, weights, new TrainingOptions());
        var random = new Random(1);
        long[] Batch() => Enumerable.Range(0, options.BatchSize).Select(_ => (long)random.Next(clips)).ToArray();

        for (var i = 0; i < options.WarmupSteps; i++)
            stepper.Step(data, Batch());
        var times = new double[options.Steps];
        using var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var i = 0; i < options.Steps; i++)
        {
            var batch = Batch();
            var clock = Stopwatch.StartNew();
            stepper.Step(data, batch);
            times[i] = clock.Elapsed.TotalMilliseconds;
        }
        process.Refresh();
        var cpuPerStep = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / options.Steps;

        var order = Enumerable.Range(0, options.EpochClips).Select(i => (long)i).ToArray();
        random.Shuffle(order);
        var epochClock = Stopwatch.StartNew();
        for (var start = 0; start < order.Length; start += options.BatchSize)
            stepper.Step(data, order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)));
        var epochSeconds = epochClock.Elapsed.TotalSeconds;

        return new TrainingBenchmarkResult
        {
            Options = options,
            NativeMemoryTuned = NativeMemoryTuning.IsApplied,
            MeanMsPerStep = times.Average(),
            BestMsPerStep = times.Min(),
            CpuMsPerStep = cpuPerStep,
            SecondsPerEpoch = epochSeconds,
            PeakRssMiB = PeakRssBytes() / (1024.0 * 1024.0),
            Threads = threads,
        };
    }

    private static long PeakRssBytes()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), out var kib))
                return kib * 1024;
        }
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
