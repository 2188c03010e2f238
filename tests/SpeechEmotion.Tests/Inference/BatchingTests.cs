using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.Inference;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Tests.Inference;

/// <summary>
/// The queue in front of the network: windows of concurrent callers share forward passes, long requests are split,
/// every caller gets its own windows' answers in order, a full queue refuses bounded requests, cancelled requests
/// are dropped; and <see cref="EmotionRecognizer.PredictMany"/> streams results in input order with bounded work.
/// </summary>
public sealed class BatchingTests : IClassFixture<RecognizerFixture>
{
    private readonly RecognizerFixture _fixture;

    public BatchingTests(RecognizerFixture fixture) => _fixture = fixture;

    private static FeatureWindow[] WindowsOf(string path, int count, int frames)
    {
        var features = new FeatureExtractor(new FeatureOptions { MaxFrames = null }).Extract(WavReader.Read(path));
        return Enumerable.Range(0, count).Select(i => new FeatureWindow(features, i % (features.Frames - frames), frames)).ToArray();
    }

    [Fact]
    public async Task Requests_ArrivingWhileOthersPrepare_ShareForwardPassesAndGetTheirOwnAnswers()
    {
        // Given three requests of 3, 5 and 2 windows and their answers computed alone
        using var bundle = ModelBundle.Load(_fixture.BundlePath);
        var requests = TestBundles.SampleClips.Take(3).Select((clip, i) => WindowsOf(clip, new[] { 3, 5, 2 }[i], 60 + 10 * i)).ToArray();
        var alone = requests.Select(r => bundle.PredictProbabilities(r)).ToArray();
        using var queue = new ForwardQueue(bundle, maxBatch: 64, capacity: null);

        // When they are submitted while another caller is still preparing, which lets the worker wait to fill a batch
        Task<float[][]>[] tasks;
        using (queue.Preparing())
        {
            tasks = requests.Select(r => queue.Submit(r, TimeSpan.FromSeconds(5), bounded: false, CancellationToken.None)).ToArray();
            await Task.Delay(50);
            Assert.All(tasks, t => Assert.False(t.IsCompleted));
        }
        var answers = await Task.WhenAll(tasks);

        // Then one forward pass ran all ten windows, and each request got its own windows' answers in order
        Assert.Equal(1, queue.Passes);
        Assert.Equal(10, queue.WindowsRun);
        for (int r = 0; r < requests.Length; r++)
        {
            Assert.Equal(alone[r].Length, answers[r].Length);
            for (int w = 0; w < alone[r].Length; w++) Assert.Equal(alone[r][w], answers[r][w], new ProbabilityComparer(1e-5f));
        }
    }

    [Fact]
    public async Task Request_LargerThanABatch_IsSplitIntoFullPasses()
    {
        // Given 150 windows and a batch of 64
        using var bundle = ModelBundle.Load(_fixture.BundlePath);
        var windows = WindowsOf(TestBundles.LongClip, 150, 80);
        using var queue = new ForwardQueue(bundle, maxBatch: 64, capacity: null);

        // When they are submitted from the pipeline side (the worker runs them) and inline (a lone caller)
        var queued = await queue.Submit(windows, TimeSpan.Zero, bounded: false, CancellationToken.None);
        var inline = await queue.Submit(windows, TimeSpan.Zero, bounded: true, CancellationToken.None);

        // Then each took three passes (64 + 64 + 22) and both give the answers of the windows run alone
        Assert.Equal(6, queue.Passes);
        var reference = bundle.PredictProbabilities(windows.Take(10).ToArray());
        for (int w = 0; w < 10; w++)
        {
            Assert.Equal(reference[w], queued[w], new ProbabilityComparer(1e-5f));
            Assert.Equal(reference[w], inline[w], new ProbabilityComparer(1e-5f));
        }
        Assert.All(queued.Concat(inline), p => Assert.NotNull(p));
    }

    [Fact]
    public async Task FullQueue_RefusesBoundedRequests_ButNotThePipeline()
    {
        // Given a queue of capacity 8 holding 8 windows (the worker waits for a caller that is still preparing)
        using var bundle = ModelBundle.Load(_fixture.BundlePath);
        var windows = WindowsOf(TestBundles.SampleClips[0], 8, 50);
        using var queue = new ForwardQueue(bundle, maxBatch: 64, capacity: 8);
        Task<float[][]> held, pipeline;
        using (queue.Preparing())
        {
            held = queue.Submit(windows, TimeSpan.FromSeconds(5), bounded: false, CancellationToken.None);

            // When a bounded request (a server's) and a pipeline request arrive
            var busy = Assert.Throws<RecognizerBusyException>(() => _ = queue.Submit(windows[..1], TimeSpan.Zero, bounded: true, CancellationToken.None).Id);
            pipeline = queue.Submit(windows[..1], TimeSpan.Zero, bounded: false, CancellationToken.None);

            // Then the bounded one is refused with a message that says to retry, the pipeline's is taken
            Assert.Equal(8, busy.Waiting);
            Assert.Contains("retry", busy.Message, StringComparison.Ordinal);
        }
        Assert.Equal(8, (await held).Length);
        Assert.Single(await pipeline);
    }

    [Fact]
    public async Task CancelledRequest_IsDroppedAndTheOthersStillRun()
    {
        // Given two requests waiting for a caller that is still preparing
        using var bundle = ModelBundle.Load(_fixture.BundlePath);
        var windows = WindowsOf(TestBundles.SampleClips[1], 4, 50);
        using var queue = new ForwardQueue(bundle, maxBatch: 64, capacity: null);
        using var cancel = new CancellationTokenSource();
        Task<float[][]> cancelled, kept;
        using (queue.Preparing())
        {
            cancelled = queue.Submit(windows, TimeSpan.FromSeconds(5), bounded: false, cancel.Token);
            kept = queue.Submit(windows[..2], TimeSpan.FromSeconds(5), bounded: false, CancellationToken.None);

            // When the first is cancelled before the worker reaches it
            cancel.Cancel();
        }

        // Then it ends cancelled, its windows never run, and the other gets its answers
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(2, (await kept).Length);
        Assert.Equal(2, queue.WindowsRun);
    }

    [Fact]
    public void PredictMany_YieldsInInputOrderAsItGoes_WithErrorsInPlace()
    {
        // Given an endless stream of inputs: the sample clips, with a missing file every seventh item
        var clips = TestBundles.SampleClips;
        int pulled = 0;
        IEnumerable<AudioInput> Endless()
        {
            for (int i = 0; ; i++)
            {
                pulled++;
                yield return i % 7 == 6 ? AudioInput.FromFile($"missing-{i}.wav") : AudioInput.FromFile(clips[i % clips.Length]);
            }
        }
        var expected = clips.Select(c => _fixture.Recognizer.Predict(c).Probabilities.Values.ToArray()).ToArray();

        // When the first 30 results are taken
        var results = _fixture.Recognizer.PredictMany(Endless()).Take(30).ToList();

        // Then they come in input order, each clip's own answer, failures named in place; and the stream read only a
        // bounded number of inputs ahead
        for (int i = 0; i < results.Count; i++)
        {
            if (i % 7 == 6)
            {
                Assert.False(results[i].Succeeded);
                Assert.Equal($"missing-{i}.wav: file not found", results[i].Error);
            }
            else
            {
                Assert.Equal(clips[i % clips.Length], results[i].Name);
                Assert.Equal(expected[i % clips.Length], results[i].Prediction!.Probabilities.Values.ToArray(), new ProbabilityComparer(1e-5f));
            }
        }
        Assert.InRange(pulled, 30, 30 + _fixture.Recognizer.MaxClipsInFlight + 1);
    }

    [Fact]
    public async Task ConcurrentAsyncCallers_ShareForwardPasses()
    {
        // Given the recognizer's counters before
        var recognizer = _fixture.Recognizer;
        var before = recognizer.Statistics;
        var clips = TestBundles.SampleClips.Take(3).ToArray();
        var expected = clips.Select(c => recognizer.Predict(c).Probabilities.Values.ToArray()).ToArray();
        before = recognizer.Statistics;

        // When 48 predictions start at once
        var tasks = Enumerable.Range(0, 48).Select(i => Task.Run(() => recognizer.PredictAsync(AudioInput.FromFile(clips[i % 3])))).ToArray();
        var answers = await Task.WhenAll(tasks);

        // Then each got its clip's answer, with fewer forward passes than requests
        for (int i = 0; i < answers.Length; i++)
            Assert.Equal(expected[i % 3], answers[i].Probabilities.Values.ToArray(), new ProbabilityComparer(1e-5f));
        var after = recognizer.Statistics;
        Assert.Equal(48, after.WindowsRun - before.WindowsRun);
        Assert.True(after.ForwardPasses - before.ForwardPasses < 48, $"{after.ForwardPasses - before.ForwardPasses} passes for 48 requests");
    }
}
