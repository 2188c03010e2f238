using System.Text;
using SpeechEmotion.Audio;
using SpeechEmotion.Inference;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Tests.Inference;

public sealed class EmotionRecognizerTests(RecognizerFixture fixture) : IClassFixture<RecognizerFixture>
{
    private readonly EmotionRecognizer _recognizer = fixture.Recognizer;

    [Fact]
    public void Predict_FromPathStreamBytesAndSamples_GivesTheSameResult()
    {
        // Given one clip offered four ways
        string path = TestBundles.SampleClips[0];
        var audio = WavReader.Read(path);

        // When each is predicted
        var fromPath = _recognizer.Predict(path);
        using var stream = File.OpenRead(path);
        var fromStream = _recognizer.Predict(stream, "clip.wav");
        var fromBytes = _recognizer.Predict(AudioInput.FromBytes(File.ReadAllBytes(path)));
        var fromSamples = _recognizer.Predict(audio.Samples, audio.SampleRate);

        // Then the probabilities are identical and the names are kept
        foreach (var other in new[] { fromStream, fromBytes, fromSamples })
        {
            Assert.Equal(fromPath.Probabilities.Values, other.Probabilities.Values);
            Assert.Equal(fromPath.Label, other.Label);
            Assert.Equal(fromPath.DurationSeconds, other.DurationSeconds, 6);
        }
        Assert.Equal(path, fromPath.Source);
        Assert.Equal("clip.wav", fromStream.Source);
    }

    [Fact]
    public async Task PredictAsync_GivesTheSameResultAsPredict()
    {
        // Given a clip
        string path = TestBundles.SampleClips[1];

        // When it is predicted synchronously and asynchronously from a path and a stream
        var expected = _recognizer.Predict(path);
        var fromPath = await _recognizer.PredictAsync(path);
        await using var stream = File.OpenRead(path);
        var fromStream = await _recognizer.PredictAsync(stream, "s.wav");

        // Then all agree
        Assert.Equal(expected.Probabilities.Values, fromPath.Probabilities.Values);
        Assert.Equal(expected.Probabilities.Values, fromStream.Probabilities.Values);
    }

    [Fact]
    public void Probabilities_SumToOne_InTheManifestsLabelOrder()
    {
        foreach (string path in TestBundles.SampleClips)
        {
            // Given a prediction
            var prediction = _recognizer.Predict(path);

            // Then every label of the manifest is there, in order, and the probabilities form a distribution
            Assert.Equal(_recognizer.Manifest.Labels, prediction.Probabilities.Keys);
            Assert.Equal(EmotionLabels.Ravdess, prediction.Labels);
            Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 4);
            Assert.All(prediction.Probabilities.Values, p => Assert.InRange(p, 0f, 1f));
            Assert.Equal(prediction.Probabilities.Values.Max(), prediction.Confidence);
            Assert.Equal(prediction.Confidence, prediction.Probabilities[prediction.Label]);
            Assert.Equal(prediction.Label, prediction.Labels[prediction.LabelIndex]);
        }
    }

    [Fact]
    public void PredictBatch_MatchesSinglePredictions()
    {
        // Given the sample clips (different lengths and sample rates)
        string[] clips = TestBundles.SampleClips;

        // When they are predicted as one batch and one by one
        var batch = _recognizer.PredictBatch(clips.Select(c => (AudioInput)c).ToArray());

        // Then each batched result equals the single prediction of the same clip
        Assert.Equal(clips.Length, batch.Count);
        for (int i = 0; i < clips.Length; i++)
        {
            Assert.True(batch[i].Succeeded);
            Assert.Equal(clips[i], batch[i].Name);
            var single = _recognizer.Predict(clips[i]);
            Assert.Equal(single.Probabilities.Values.ToArray(), batch[i].Prediction!.Probabilities.Values.ToArray(), new ProbabilityComparer(1e-5f));
        }
    }

    [Fact]
    public void PredictBatch_WithBadItems_ReturnsTheOthersAndNamesEachFailure()
    {
        // Given a batch with a corrupt WAV, a text file, a missing file and two good clips
        string good1 = TestBundles.SampleClips[0], good2 = TestBundles.SampleClips[1];
        var corrupt = AudioInput.FromBytes(File.ReadAllBytes(good1).AsSpan(0, 30).ToArray(), "truncated.wav");
        var text = AudioInput.FromBytes(Encoding.ASCII.GetBytes("this is not audio at all"), "notes.txt");
        string missing = Path.Combine(Path.GetTempPath(), "no-such-clip-5f1c.wav");

        // When the batch is predicted
        var results = _recognizer.PredictBatch([good1, corrupt, text, missing, good2]);

        // Then the good clips are predicted and each failure names its input
        Assert.True(results[0].Succeeded);
        Assert.True(results[4].Succeeded);
        Assert.Equal(_recognizer.Predict(good2).Probabilities.Values.ToArray(), results[4].Prediction!.Probabilities.Values.ToArray(), new ProbabilityComparer(1e-5f));
        Assert.StartsWith("truncated.wav: ", results[1].Error);
        Assert.StartsWith("notes.txt: ", results[2].Error);
        Assert.Equal($"{missing}: file not found", results[3].Error);
        Assert.All(new[] { results[1], results[2], results[3] }, r => Assert.Null(r.Prediction));
    }

    [Fact]
    public void Predict_BadAudio_ThrowsAudioFormatExceptionNamingTheInput()
    {
        // Given undecodable bytes, an empty clip and a clip with NaN samples
        var garbage = AudioInput.FromBytes(Encoding.ASCII.GetBytes("RIFF....WAVEjunk"), "broken.wav");

        // Then each is refused with a message naming it
        Assert.StartsWith("broken.wav: ", Assert.Throws<AudioFormatException>(() => _recognizer.Predict(garbage)).Message);
        Assert.Contains("no audio samples", Assert.Throws<AudioFormatException>(() => _recognizer.Predict([], 16000)).Message);
        Assert.Contains("NaN", Assert.Throws<AudioFormatException>(() => _recognizer.Predict([0.1f, float.NaN, 0.2f], 16000)).Message);
        Assert.Throws<FileNotFoundException>(() => _recognizer.Predict(Path.Combine(Path.GetTempPath(), "no-such-clip-8d2e.wav")));
    }

    [Fact]
    public void Predict_LongClip_AveragesItsWindows_AndTimelineCoversTheWholeClip()
    {
        // Given a clip longer than the model window
        string path = TestBundles.LongClip;
        double window = _recognizer.WindowSeconds!.Value;

        // When it is predicted plainly, with a timeline of windows half a window apart, and with a 1 s timeline
        var plain = _recognizer.Predict(path);
        var halfWindow = _recognizer.PredictTimeline(path, hopSeconds: window / 2);
        var withTimeline = _recognizer.PredictTimeline(path, hopSeconds: 1.0);
        var timeline = withTimeline.Timeline!;

        // Then the clip-level answer is the mean over windows half a window apart, whatever timeline was asked for,
        // and the windows cover the clip
        Assert.True(plain.DurationSeconds > window + 1);
        Assert.Null(plain.Timeline);
        // (windows run in batches, which may differ from a single forward in the last float bits)
        var mean = Enumerable.Range(0, _recognizer.Labels.Count).Select(k => (float)halfWindow.Timeline!.Average(w => w.Probabilities.Values[k])).ToArray();
        Assert.Equal(mean, plain.Probabilities.Values.ToArray(), new ProbabilityComparer(1e-5f));
        Assert.Equal(plain.Probabilities.Values.ToArray(), withTimeline.Probabilities.Values.ToArray(), new ProbabilityComparer(1e-5f));
        Assert.Equal(0, timeline[0].StartSeconds);
        Assert.Equal(plain.DurationSeconds, timeline[^1].EndSeconds, 6);
        Assert.True(timeline.Count >= 3);
        for (int i = 1; i < timeline.Count; i++)
        {
            Assert.True(timeline[i].StartSeconds > timeline[i - 1].StartSeconds);
            Assert.True(timeline[i].StartSeconds <= timeline[i - 1].EndSeconds, "windows leave no gap");
            Assert.InRange(timeline[i].EndSeconds - timeline[i].StartSeconds, window - 0.05, window + 0.05);
            Assert.Equal(1.0, timeline[i].Probabilities.Values.Sum(), 4);
            Assert.Equal(timeline[i].Probabilities.Values.Max(), timeline[i].Confidence);
        }
        Assert.InRange(timeline[1].StartSeconds, 0.95, 1.05);
    }

    [Fact]
    public void PredictTimeline_ShortClip_HasOneSegmentEqualToThePrediction()
    {
        // Given a clip shorter than the model window
        string path = TestBundles.SampleClips.First(p => WavReader.Read(p).DurationSeconds < 4);

        // When it is predicted with a timeline
        var prediction = _recognizer.PredictTimeline(path, 0.5);

        // Then there is one segment spanning the clip
        var segment = Assert.Single(prediction.Timeline!);
        Assert.Equal(0, segment.StartSeconds);
        Assert.Equal(prediction.DurationSeconds, segment.EndSeconds, 6);
        Assert.Equal(prediction.Probabilities.Values, segment.Probabilities.Values);
        Assert.Throws<ArgumentOutOfRangeException>(() => _recognizer.PredictTimeline(path, 0));
    }

    [Fact]
    public void Predict_FromConcurrentThreads_AgreesWithSequentialPredictions()
    {
        // Given the sample clips' sequential predictions, which differ from each other
        string[] clips = TestBundles.SampleClips;
        var expected = clips.Select(c => _recognizer.Predict(c).Probabilities.Values.ToArray()).ToArray();
        Assert.True(expected.Distinct(new ProbabilityComparer()).Count() == clips.Length, "clips must give distinguishable outputs");

        // When 8 threads predict 64 clips at once
        var actual = new float[64][];
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = _recognizer.Predict(clips[i % clips.Length]).Probabilities.Values.ToArray());

        // Then every answer is its own clip's
        for (int i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % clips.Length], actual[i], new ProbabilityComparer());
        }
    }

    [Fact]
    public void Predict_FromShortLivedThreads_GivesTheSameFiniteAnswer()
    {
        // Given a clip's prediction on the test thread
        string clip = TestBundles.SampleClips[0];
        var expected = _recognizer.Predict(clip).Probabilities.Values.ToArray();

        // When 150 new threads each predict it once and exit (as thread-pool threads come and go in a server)
        var answers = new float[150][];
        for (int i = 0; i < answers.Length; i++)
        {
            var thread = new Thread(() => answers[i] = _recognizer.Predict(clip).Probabilities.Values.ToArray());
            thread.Start();
            thread.Join();
        }

        // Then every answer is the same finite distribution
        Assert.All(answers, a => Assert.Equal(expected, a, new ProbabilityComparer()));
    }

    [Fact]
    public void LoadDefault_WithoutTheResource_ThrowsAClearInvalidOperationException()
    {
        // Given an assembly without the model resource
        var assembly = typeof(EmotionRecognizerTests).Assembly;

        // When the default model is loaded from it
        var error = Assert.Throws<InvalidOperationException>(() =>
            EmotionRecognizer.LoadDefault(assembly, EmotionRecognizer.DefaultModelResource, null));

        // Then the message says what is missing and what to do
        Assert.Contains(EmotionRecognizer.DefaultModelResource, error.Message);
        Assert.Contains("Load a bundle file", error.Message);
    }

    [Fact]
    public void LoadDefault_LoadsTheBundledModel()
    {
        // Given the model embedded in the SpeechEmotion assembly
        using var recognizer = EmotionRecognizer.LoadDefault();

        // When a sample clip is predicted
        var prediction = recognizer.Predict(TestBundles.SampleClips[0]);

        // Then it uses its manifest's labels and features and gives a distribution over them
        Assert.Equal(EmotionLabels.Ravdess.Order(), recognizer.Labels.Order());
        Assert.Equal(recognizer.Labels, prediction.Labels);
        Assert.Equal(121, recognizer.FeatureOptions.FeatureCount);
        Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 4);
    }

    [Fact]
    public void TheBundledModel_TrainedOnFourCorpora_WithItsFrontEnd_DoesNotGiveEverySampleOneLabel()
    {
        // Given the bundled model
        using var recognizer = EmotionRecognizer.LoadDefault();
        var trainedOn = recognizer.Manifest.TrainedOn!;

        // Then its manifest records the four corpora and the front end it was trained with
        Assert.Equal(["ravdess", "savee", "turev", "urdu"], trainedOn.Corpora.Select(c => c.Name));
        Assert.NotNull(recognizer.Manifest.FrontEnd?.TrimTopDb);

        // And the four sample clips (synthetic voices of different pitch, speed and level) do not all get one label
        var labels = TestBundles.SampleClips.Select(clip => recognizer.Predict(clip).Label).ToArray();
        Assert.Equal(4, labels.Length);
        Assert.True(labels.Distinct().Count() > 1, string.Join(", ", labels));
    }

    [Fact]
    public void Load_FromStream_GivesTheSameModel()
    {
        // Given the bundle opened as a stream
        using var stream = File.OpenRead(fixture.BundlePath);

        // When a recognizer is loaded from it
        using var fromStream = EmotionRecognizer.Load(stream);

        // Then it predicts like the one loaded from the path
        string clip = TestBundles.SampleClips[2];
        Assert.Equal(_recognizer.Predict(clip).Probabilities.Values, fromStream.Predict(clip).Probabilities.Values);
    }

    [Fact]
    public void Load_InvalidOptions_ListsEveryProblem()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            EmotionRecognizer.Load(fixture.BundlePath, new RecognizerOptions { Threads = 0, MaxBatchSize = 0 }));
        Assert.Contains("threads", error.Message);
        Assert.Contains("max_batch_size", error.Message);
    }

    [Theory]
    [InlineData(100, 248, 43)]
    [InlineData(248, 248, 43)]
    [InlineData(249, 248, 43)]
    [InlineData(1000, 248, 43)]
    [InlineData(600, 248, 1)]
    public void WindowStarts_CoverEveryFrame_AndEndAtTheClipsEnd(int frames, int window, int hop)
    {
        int[] starts = EmotionRecognizer.WindowStarts(frames, window, hop);

        Assert.Equal(0, starts[0]);
        Assert.Equal(Math.Max(0, frames - window), starts[^1]);
        for (int i = 1; i < starts.Length; i++)
        {
            Assert.InRange(starts[i] - starts[i - 1], 1, hop);
        }
    }
}
