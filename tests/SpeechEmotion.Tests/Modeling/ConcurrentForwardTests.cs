using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Inference;
using TorchSharp;

namespace SpeechEmotion.Tests.Modeling;

/// <summary>
/// Forward passes from several threads while another thread forces garbage collections and runs finalizers:
/// the outputs must be those of a single-threaded run. A number handed to LibTorch as a temporary Scalar (not
/// held, see HeldScalars) can be freed by its finalizer mid-call, which fails the call or changes its output.
/// </summary>
public sealed class ConcurrentForwardTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("se-concurrent-").FullName;

    [Fact]
    public void ForwardPasses_OnFourThreadsUnderForcedCollections_EqualTheSingleThreadedOutputs()
    {
        // Given a random-weight bundle and six batches of windows of different lengths and sizes
        string path = Path.Combine(_directory, "random.semodel");
        TestBundles.SaveRandomBundle(path);
        using var bundle = ModelBundle.Load(path, "cpu");
        var extractor = new FeatureExtractor(bundle.Manifest.FeatureOptions with { MaxFrames = null });
        var clips = TestBundles.SampleClips.Select(p => extractor.Extract(WavReader.Read(p))).ToArray();
        var random = new Random(7);
        var batches = Enumerable.Range(0, 6).Select(b =>
        {
            // Short windows keep each pass quick, so there are many passes (and many Scalars) under collections.
            var windows = Enumerable.Range(0, 1 + b % 3).Select(_ => Crop(clips[random.Next(clips.Length)], 24 + 8 * b)).ToArray();
            var valid = windows.Select(w => random.Next(w.Frames / 2, w.Frames + 1)).ToArray();
            return (Windows: windows, Valid: valid);
        }).ToArray();
        var expected = batches.Select(b => bundle.PredictProbabilities(b.Windows, b.Valid)).ToArray();

        // When four threads run many forward passes each while a fifth forces collections without pause
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Young-generation collections, the kind allocation-heavy servers trigger thousands of times a second.
                GC.Collect(0, GCCollectionMode.Forced, blocking: true);
                GC.WaitForPendingFinalizers();
                // Reuse the native memory just freed with other values, so a freed Scalar still in use reads a wrong one.
                for (int i = 0; i < 64; i++) (-1e30 - i).ToScalar().Dispose();
            }
        });
        collector.Start();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        try
        {
            Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, thread =>
            {
                for (int run = 0; run < Runs; run++)
                {
                    int b = (thread * 5 + run) % batches.Length;
                    try
                    {
                        var actual = bundle.PredictProbabilities(batches[b].Windows, batches[b].Valid);
                        for (int i = 0; i < actual.Length; i++)
                            for (int k = 0; k < actual[i].Length; k++)
                                if (Math.Abs(actual[i][k] - expected[b][i][k]) > 1e-5f)
                                    failures.Add($"thread {thread} run {run} batch {b} window {i} class {k}: {actual[i][k]} != {expected[b][i][k]}");
                    }
                    catch (Exception e)
                    {
                        failures.Add($"thread {thread} run {run} batch {b}: {e.GetType().Name}: {e.Message}");
                    }
                }
            });
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }

        // Then every output equals the single-threaded one
        Assert.True(failures.IsEmpty, $"{failures.Count} differences, first: {failures.FirstOrDefault()}");
    }

    private const int Runs = 150;

    private static FeatureMatrix Crop(FeatureMatrix m, int frames)
    {
        frames = Math.Min(frames, m.Frames);
        return new FeatureMatrix(m.Data.AsSpan(0, frames * m.Features).ToArray(), frames, m.Features);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
