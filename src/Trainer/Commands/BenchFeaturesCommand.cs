using System.CommandLine;
using System.Diagnostics;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>bench-features DIR [--limit N]</c>: time decoding, resampling and feature extraction per clip, on one
/// thread (with the stage breakdown) and on all cores. Files are read into memory first, so disk speed is
/// not measured. The stage breakdown keeps each clip's best of five runs, which filters out preemption on a
/// busy machine; whole-run figures are wall-clock, with the process CPU time beside them.
/// </summary>
internal static class BenchFeaturesCommand
{
    private const int Repeats = 5;

    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = "Folder searched recursively for .wav, .aif and .aiff files." };
        var limit = new Option<int>("--limit", "-n") { Description = "Use at most N files (default 200).", DefaultValueFactory = _ => 200 };
        limit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError("--limit must be at least 1.");
        });
        var pitch = new Option<bool>("--pitch") { Description = "Add the three pitch columns (features.pitch with its defaults)." };
        var command = new Command("bench-features", "Measure feature extraction speed: ms per clip and files/s, single-threaded and on all cores.");
        command.Arguments.Add(directory);
        command.Options.Add(limit);
        command.Options.Add(pitch);
        command.SetAction(parse => Run(parse.GetValue(directory)!, parse.GetValue(limit), parse.GetValue(pitch)));
        return command;
    }

    private static int Run(DirectoryInfo directory, int limit, bool pitch)
    {
        var files = ExtractCommand.FindAudioFiles(directory).Take(limit).ToList();
        var clips = files.Select(f => (Name: f, Bytes: File.ReadAllBytes(f))).ToList();
        var extractor = new FeatureExtractor(new FeatureOptions { Pitch = pitch ? new PitchOptions() : null });
        int sampleRate = extractor.Options.SampleRate;
        var decoded = clips.Select(c => WavReader.Read(c.Bytes, c.Name)).ToList();
        Console.Out.WriteLine(
            $"{clips.Count} clips, mean {decoded.Average(a => a.DurationSeconds):F2} s, source rates {string.Join("/", decoded.Select(a => a.SampleRate).Distinct().Order())} Hz; " +
            $"resampler {Resampler.Backend}{(Resampler.SoxrAvailable ? $" ({Resampler.SoxrVersion})" : "")}; {Environment.ProcessorCount} cores");

        // Warm-up: JIT, tiered compilation and pooled buffers.
        for (int round = 0; round < 3; round++)
        {
            foreach (var clip in clips.Take(20))
                extractor.Extract(WavReader.Read(clip.Bytes, clip.Name));
        }

        // One thread, per stage: each clip's best of five runs, which filters out preemption by other load.
        double decode = 0, resample = 0, features = 0;
        foreach (var clip in clips)
        {
            double bestDecode = double.MaxValue, bestResample = double.MaxValue, bestFeatures = double.MaxValue;
            for (int r = 0; r < Repeats; r++)
            {
                long t0 = Stopwatch.GetTimestamp();
                var audio = WavReader.Read(clip.Bytes, clip.Name);
                long t1 = Stopwatch.GetTimestamp();
                var y = AudioLoader.Resample(audio, sampleRate);
                long t2 = Stopwatch.GetTimestamp();
                extractor.Extract(y.Samples);
                long t3 = Stopwatch.GetTimestamp();
                bestDecode = Math.Min(bestDecode, Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
                bestResample = Math.Min(bestResample, Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds);
                bestFeatures = Math.Min(bestFeatures, Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
            }
            decode += bestDecode / clips.Count;
            resample += bestResample / clips.Count;
            features += bestFeatures / clips.Count;
        }
        var single = Measure(clips.Count, () => { foreach (var c in clips) extractor.Extract(WavReader.Read(c.Bytes, c.Name)); });
        var all = Measure(clips.Count, () => Parallel.ForEach(clips, c => extractor.Extract(WavReader.Read(c.Bytes, c.Name))));

        Console.Out.WriteLine($"1 thread, per clip (best of {Repeats} each): decode {decode:F3} + resample {resample:F3} + features {features:F3} = {decode + resample + features:F3} ms");
        Console.Out.WriteLine($"1 thread, whole run: {single.Wall:F3} ms per clip (process cpu {single.Cpu:F3} ms), {1000 / single.Wall:F0} files/s");
        Console.Out.WriteLine($"{Environment.ProcessorCount} threads, whole run: {all.Wall:F3} ms per clip (process cpu {all.Cpu:F3} ms), {1000 / all.Wall:F0} files/s");
        return 0;
    }

    /// <summary>Best of three runs: wall-clock and process CPU milliseconds per clip.</summary>
    private static (double Wall, double Cpu) Measure(int clips, Action run)
    {
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < 3; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            run();
            double wall = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            bestWall = Math.Min(bestWall, wall / clips);
            bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu0).TotalMilliseconds / clips);
        }
        return (bestWall, bestCpu);
    }
}
