using System.CommandLine;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>bench-train</c>: times the trainer's own optimization step for the default network on synthetic batches
/// (the step's cost does not depend on the values): ms per step, seconds per epoch of N clips, peak RSS.
/// Figures are wall-clock on a possibly shared machine; CPU time per step is printed beside them.
/// </summary>
internal static class BenchTrainCommand
{
    public static Command Create()
    {
        var clips = new Option<int>("--clips") { Description = "Clips in the timed epoch (default 1200, about RAVDESS's training part).", DefaultValueFactory = _ => 1200 };
        var batchSize = new Option<int>("--batch-size") { Description = "Clips per step (default 32).", DefaultValueFactory = _ => 32 };
        var steps = new Option<int>("--steps") { Description = "Timed single steps before the epoch (default 20).", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup") { Description = "Untimed steps first (default 3).", DefaultValueFactory = _ => 3 };
        var frames = new Option<int>("--frames") { Description = "Frames per clip (default 248).", DefaultValueFactory = _ => 248 };
        var device = new Option<string>("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };
        var threads = new Option<int?>("--threads") { Description = "LibTorch threads (default: all cores)." };
        var untuned = new Option<bool>("--no-malloc-tuning") { Description = "Leave glibc's malloc thresholds alone (to measure their effect)." };
        foreach (var option in new Option[] { clips, batchSize, steps, frames })
        {
            var name = option.Name;
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < 1)
                    r.AddError($"{name} must be at least 1.");
            });
        }
        warmup.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
                r.AddError("--warmup must be 0 or more.");
        });
        threads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
                r.AddError("--threads must be at least 1.");
        });

        var command = new Command("bench-train", "Measure training speed of the default network: seconds per epoch, ms per step, peak RSS.")
        {
            clips, batchSize, steps, warmup, frames, device, threads, untuned,
        };
        command.SetAction(parse =>
        {
            var options = new TrainingBenchmarkOptions
            {
                EpochClips = parse.GetValue(clips),
                BatchSize = parse.GetValue(batchSize),
                Steps = parse.GetValue(steps),
                WarmupSteps = parse.GetValue(warmup),
                Frames = parse.GetValue(frames),
                Device = parse.GetValue(device)!,
                Threads = parse.GetValue(threads),
                TuneNativeMemory = !parse.GetValue(untuned),
            };
            Console.Out.WriteLine($"bench-train: default network, batch {options.BatchSize} x {options.Frames} frames x 121 features, " +
                                  $"{options.EpochClips}-clip epoch, device {options.Device}, synthetic data");
            var r = TrainingBenchmark.Run(options);
            Console.Out.WriteLine($"step:  {r.MeanMsPerStep:F1} ms mean, {r.BestMsPerStep:F1} ms best, {r.CpuMsPerStep:F1} ms CPU ({options.Steps} steps, {r.Threads} threads)");
            Console.Out.WriteLine($"epoch: {r.SecondsPerEpoch:F1} s per {options.EpochClips}-clip epoch ({(options.EpochClips + options.BatchSize - 1) / options.BatchSize} steps, training only)");
            Console.Out.WriteLine($"peak RSS: {r.PeakRssMiB:F0} MiB; glibc malloc tuning {(r.NativeMemoryTuned ? "on" : "off")}");
            return 0;
        });
        return command;
    }
}
