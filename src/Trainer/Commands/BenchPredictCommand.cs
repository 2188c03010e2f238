using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>bench-predict [FILES...]</c>: cold start (process start to first prediction), warm latency per clip
/// (feature extraction + forward; median and p95 over N runs) at batch 1, and throughput at batch 64.
/// </summary>
internal static class BenchPredictCommand
{
    private const string DefaultSamples = "data/samples";

    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = $"WAV clips (default: {DefaultSamples}/*.wav).", Arity = ArgumentArity.ZeroOrMore };
        var model = PredictCommand.ModelOption();
        var device = PredictCommand.DeviceOption();
        var runs = new Option<int>("--runs") { Description = "Timed runs per clip at batch 1.", DefaultValueFactory = _ => 200 };
        var batch = new Option<int>("--batch") { Description = "Clips per batch for the throughput figure.", DefaultValueFactory = _ => 64 };
        var batches = new Option<int>("--batches") { Description = "Timed batches for the throughput figure.", DefaultValueFactory = _ => 5 };
        var threads = new Option<int?>("--threads") { Description = "LibTorch intra-op threads (default: LibTorch's choice)." };
        foreach (var option in new[] { runs, batch, batches })
        {
            option.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{r.Option.Name} must be at least 1."); });
        }

        var command = new Command("bench-predict", "Measure cold start, warm latency (batch 1) and throughput (batch 64) of prediction.")
        {
            files, model, device, runs, batch, batches, threads,
        };
        command.SetAction(parse => Run(
            Clips(parse.GetValue(files)!), parse.GetValue(model),
            new RecognizerOptions { Device = parse.GetValue(device)!, Threads = parse.GetValue(threads) },
            parse.GetValue(runs), parse.GetValue(batch), parse.GetValue(batches)));
        return command;
    }

    private static int Run(string[] paths, string? bundlePath, RecognizerOptions options, int runs, int batchSize, int batches)
    {
        // Cold start: from the process's start time, through loading the model, to the first answer.
        var load = Stopwatch.StartNew();
        using var recognizer = PredictCommand.OpenRecognizer(bundlePath, options);
        load.Stop();
        var first = Stopwatch.StartNew();
        var firstPrediction = recognizer.Predict(paths[0]);
        first.Stop();
        double coldSeconds = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;
        Console.WriteLine($"model: {bundlePath ?? "bundled"}, device {options.Device}, torch threads {TorchSharp.torch.get_num_threads()}, {Environment.ProcessorCount} cores");
        Console.WriteLine($"cold start: {F(coldSeconds, 2)} s from process start to first prediction " +
                          $"(model load {Ms(load.Elapsed)} ms, first prediction {Ms(first.Elapsed)} ms: {Path.GetFileName(paths[0])} -> {firstPrediction.Label})");

        var clips = paths.Select(p => (Name: Path.GetFileName(p), Audio: AudioInput.FromFile(p).Decode())).ToArray();
        var extractor = new FeatureExtractor(recognizer.FeatureOptions with { MaxFrames = null });
        Console.WriteLine($"warm latency at batch 1 over {runs} runs (decoded audio -> features -> forward):");
        foreach (var (name, audio) in clips)
        {
            var input = AudioInput.FromAudio(audio, name);
            var total = Time(runs, () => recognizer.Predict(input));
            var features = Time(runs, () => extractor.Extract(audio));
            Console.WriteLine($"  {name,-22} {F(audio.DurationSeconds, 2)} s @ {audio.SampleRate} Hz: " +
                              $"median {F(Percentile(total, 50), 2)} ms, p95 {F(Percentile(total, 95), 2)} ms " +
                              $"(features alone: median {F(Percentile(features, 50), 2)} ms)");
        }

        var inputs = Enumerable.Range(0, batchSize).Select(i => AudioInput.FromAudio(clips[i % clips.Length].Audio, clips[i % clips.Length].Name)).ToArray();
        recognizer.PredictBatch(inputs); // warm-up
        var elapsed = Stopwatch.StartNew();
        for (int b = 0; b < batches; b++)
        {
            if (recognizer.PredictBatch(inputs).FirstOrDefault(r => !r.Succeeded) is { } failed) throw new CliException(failed.Error!);
        }
        elapsed.Stop();
        Console.WriteLine($"throughput at batch {batchSize}: {F(batchSize * batches / elapsed.Elapsed.TotalSeconds, 1)} clips/s " +
                          $"({batches} batches, {Ms(elapsed.Elapsed / batches)} ms per batch)");
        return 0;
    }

    private static string[] Clips(string[] files)
    {
        if (files.Length > 0) return files;
        if (Directory.Exists(DefaultSamples))
        {
            var samples = Directory.GetFiles(DefaultSamples, "*.wav").Order(StringComparer.Ordinal).ToArray();
            if (samples.Length > 0) return samples;
        }
        throw new CliException($"no clips: pass WAV files, or run from the repository root so that {DefaultSamples}/*.wav is found");
    }

    /// <summary>Milliseconds of each of <paramref name="runs"/> calls, after a few untimed warm-up calls.</summary>
    private static double[] Time(int runs, Action action)
    {
        for (int i = 0; i < Math.Min(runs, 5); i++) action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return times;
    }

    private static double Percentile(double[] values, double percent)
    {
        var sorted = values.Order().ToArray();
        double rank = percent / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static string Ms(TimeSpan t) => F(t.TotalMilliseconds, 0);

    private static string F(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
