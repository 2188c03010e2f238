using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.Inference;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>bench-predict [FILES...]</c>: cold start (process start to first prediction); batch-1 latency per clip, end to
/// end (decoded audio -> front end -> features -> forward) beside the network's forward pass alone; throughput of
/// <c>PredictBatch</c> over decoded clips beside the forward pass alone at the same batch size, in interleaved
/// rounds (medians); and one long clip with a timeline. <c>--busy N</c> runs N spinning threads meanwhile, to see
/// how prediction degrades on a machine where other work holds cores.
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
        var batch = new Option<int>("--batch") { Description = "Windows per forward pass (the recognizer's maximum batch).", DefaultValueFactory = _ => 64 };
        var clips = new Option<int>("--clips") { Description = "Clips per throughput round.", DefaultValueFactory = _ => 512 };
        var rounds = new Option<int>("--rounds") { Description = "Interleaved throughput rounds (forward alone, end to end).", DefaultValueFactory = _ => 5 };
        var longSeconds = new Option<double>("--long-seconds") { Description = "Length of the long clip (the samples repeated); 0 skips it.", DefaultValueFactory = _ => 301 };
        var threads = new Option<int?>("--threads") { Description = "LibTorch intra-op threads (default: LibTorch's choice)." };
        var busy = new Option<int>("--busy") { Description = "Threads that spin meanwhile, as competing load.", DefaultValueFactory = _ => 0 };
        foreach (var option in new[] { runs, batch, clips, rounds })
        {
            option.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError($"{r.Option.Name} must be at least 1."); });
        }
        busy.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 0 or > 64) r.AddError("--busy must be between 0 and 64."); });
        longSeconds.Validators.Add(r => { if (r.GetValueOrDefault<double>() is < 0 or > 3600 or double.NaN) r.AddError("--long-seconds must be between 0 and 3600."); });

        var command = new Command("bench-predict", "Measure cold start, batch-1 latency, throughput against the forward pass alone, and a long clip.")
        {
            files, model, device, runs, batch, clips, rounds, longSeconds, threads, busy,
        };
        command.SetAction(parse => Run(
            Clips(parse.GetValue(files)!), parse.GetValue(model),
            new RecognizerOptions { Device = parse.GetValue(device)!, Threads = parse.GetValue(threads), MaxBatchSize = parse.GetValue(batch) },
            parse.GetValue(runs), parse.GetValue(clips), parse.GetValue(rounds), parse.GetValue(longSeconds), parse.GetValue(busy)));
        return command;
    }

    private static int Run(string[] paths, string? bundlePath, RecognizerOptions options, int runs, int clipCount, int rounds, double longSeconds, int busy)
    {
        // Cold start: from the process's start time, through loading the model, to the first answer.
        var load = Stopwatch.StartNew();
        using var recognizer = PredictCommand.OpenRecognizer(bundlePath, options);
        load.Stop();
        var first = Stopwatch.StartNew();
        var firstPrediction = recognizer.Predict(paths[0]);
        first.Stop();
        double coldSeconds = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalSeconds;

        using var competing = new CompetingLoad(busy);
        // The same network again, for the forward pass alone (the recognizer keeps its own private).
        using var network = bundlePath is null
            ? ModelBundle.Load(typeof(EmotionRecognizer).Assembly.GetManifestResourceStream(EmotionRecognizer.DefaultModelResource)!, options.Device)
            : ModelBundle.Load(bundlePath, options.Device);
        Console.WriteLine($"model: {bundlePath ?? "bundled"} ({network.MemberCount} network{(network.MemberCount > 1 ? "s" : "")}), device {options.Device}, " +
                          $"torch threads {TorchSharp.torch.get_num_threads()}, {Environment.ProcessorCount} cores, OMP_WAIT_POLICY={OpenMpWaitPolicy.Effective ?? "(default)"}, " +
                          $"competing spinning threads {busy}, load average {LoadAverage()}");
        Console.WriteLine($"cold start: {F(coldSeconds, 2)} s from process start to first prediction " +
                          $"(model load {Ms(load.Elapsed)} ms, first prediction {Ms(first.Elapsed)} ms: {Path.GetFileName(paths[0])} -> {firstPrediction.Label})");

        var decoded = paths.Select(p => (Name: Path.GetFileName(p), Audio: AudioInput.FromFile(p).Decode())).ToArray();
        var extractor = new FeatureExtractor(recognizer.FeatureOptions with { MaxFrames = null });
        int window = recognizer.FeatureOptions.MaxFrames ?? int.MaxValue;
        FeatureWindow FirstWindow(AudioBuffer audio)
        {
            var features = extractor.Extract(AudioLoader.Resample(audio, recognizer.FeatureOptions.SampleRate, extractor.Resampler));
            return new FeatureWindow(features, 0, Math.Min(window, features.Frames));
        }
        var windows = decoded.Select(c => FirstWindow(c.Audio)).ToArray();

        Console.WriteLine($"batch 1 over {runs} runs: end to end (decoded audio -> front end -> features -> forward) | forward alone (first window):");
        for (int i = 0; i < decoded.Length; i++)
        {
            var (name, audio) = decoded[i];
            var input = AudioInput.FromAudio(audio, name);
            var total = Time(runs, () => recognizer.Predict(input));
            var forward = Time(runs, () => network.PredictProbabilities([windows[i]]));
            Console.WriteLine($"  {name,-22} {F(audio.DurationSeconds, 2),6} s @ {audio.SampleRate} Hz: " +
                              $"median {F(Percentile(total, 50), 2)} ms, p95 {F(Percentile(total, 95), 2)} ms | forward median {F(Percentile(forward, 50), 2)} ms");
        }

        // Throughput: rounds alternate the forward pass alone (full batches of first windows) and PredictBatch end to end.
        var inputs = Enumerable.Range(0, clipCount).Select(i => AudioInput.FromAudio(decoded[i % decoded.Length].Audio, decoded[i % decoded.Length].Name)).ToArray();
        var batchWindows = Enumerable.Range(0, options.MaxBatchSize).Select(i => windows[i % windows.Length]).ToArray();
        var forwardRates = new double[rounds];
        var endToEndRates = new double[rounds];
        recognizer.PredictBatch(inputs.Take(options.MaxBatchSize).ToArray()); // warm-up
        for (int r = 0; r < rounds; r++)
        {
            int passes = Math.Max(1, clipCount / options.MaxBatchSize);
            var watch = Stopwatch.StartNew();
            for (int b = 0; b < passes; b++) network.PredictProbabilities(batchWindows);
            forwardRates[r] = passes * options.MaxBatchSize / watch.Elapsed.TotalSeconds;
            watch.Restart();
            if (recognizer.PredictBatch(inputs).FirstOrDefault(x => !x.Succeeded) is { } failed) throw new CliException(failed.Error!);
            endToEndRates[r] = clipCount / watch.Elapsed.TotalSeconds;
        }
        double forwardMedian = Percentile(forwardRates, 50), endToEndMedian = Percentile(endToEndRates, 50);
        Console.WriteLine($"throughput, median of {rounds} interleaved rounds: PredictBatch end to end {F(endToEndMedian, 0)} clips/s ({clipCount} decoded clips) | " +
                          $"forward alone {F(forwardMedian, 0)} windows/s at batch {options.MaxBatchSize} | end to end = {F(100 * endToEndMedian / forwardMedian, 0)} % of forward");
        Console.WriteLine($"  rounds, end to end: {string.Join(" ", endToEndRates.Select(x => F(x, 0)))}; forward: {string.Join(" ", forwardRates.Select(x => F(x, 0)))}");

        if (longSeconds > 0)
        {
            var longAudio = Repeat(decoded.Select(c => c.Audio).ToArray(), longSeconds);
            var longInput = AudioInput.FromAudio(longAudio, "long");
            recognizer.PredictTimeline(longInput, 1.0); // warm-up
            var times = Time(3, () => recognizer.PredictTimeline(longInput, 1.0), warmUp: false);
            var prediction = recognizer.PredictTimeline(longInput, 1.0);
            Console.WriteLine($"long clip {F(longAudio.DurationSeconds, 1)} s @ {longAudio.SampleRate} Hz, timeline hop 1 s ({prediction.Timeline!.Count} segments): " +
                              $"median {F(Percentile(times, 50), 0)} ms over 3 runs");
        }
        return 0;
    }

    /// <summary>The clips, resampled to the first one's rate, repeated until <paramref name="seconds"/> long.</summary>
    private static AudioBuffer Repeat(AudioBuffer[] clips, double seconds)
    {
        int rate = clips[0].SampleRate;
        var samples = new float[(int)(seconds * rate)];
        var parts = clips.Select(c => AudioLoader.Resample(c, rate).Samples).ToArray();
        for (int at = 0, i = 0; at < samples.Length; i++)
        {
            var part = parts[i % parts.Length];
            int n = Math.Min(part.Length, samples.Length - at);
            Array.Copy(part, 0, samples, at, n);
            at += n;
        }
        return new AudioBuffer(samples, rate);
    }

    private static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    /// <summary>Threads that spin until disposed, standing in for other processes holding cores.</summary>
    private sealed class CompetingLoad : IDisposable
    {
        private readonly Thread[] _threads;
        private volatile bool _stop;

        public CompetingLoad(int threads)
        {
            _threads = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
            {
                double x = 0;
                while (!_stop) x = Math.Sqrt(x + 1);
            }) { IsBackground = true }).ToArray();
            foreach (var thread in _threads) thread.Start();
        }

        public void Dispose()
        {
            _stop = true;
            foreach (var thread in _threads) thread.Join();
        }
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
    private static double[] Time(int runs, Action action, bool warmUp = true)
    {
        for (int i = 0; warmUp && i < 30; i++) action();   // past the JIT's first tier
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
