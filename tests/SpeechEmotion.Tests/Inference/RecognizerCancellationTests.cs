using SpeechEmotion.Inference;

namespace SpeechEmotion.Tests.Inference;

/// <summary>A cancelled prediction (a web client that has gone) stops before the network runs.</summary>
public sealed class RecognizerCancellationTests(RecognizerFixture fixture) : IClassFixture<RecognizerFixture>
{
    [Fact]
    public void PredictTimeline_WithACancelledToken_ThrowsBeforeAnyWork()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() =>
            fixture.Recognizer.PredictTimeline(AudioInput.FromFile(TestBundles.LongClip), 0.5, cancelled.Token));
    }

    [Fact]
    public void PredictTimeline_CancelledWhileDecoding_StopsBeforeTheForwardPass()
    {
        // Given a clip whose stream cancels the request when it has been read to its end
        using var cancellation = new CancellationTokenSource();
        var stream = new CancelAtEndStream(File.ReadAllBytes(TestBundles.LongClip), cancellation);

        // When its timeline is predicted with that token
        // Then the forward passes do not run: the call ends with OperationCanceledException
        Assert.ThrowsAny<OperationCanceledException>(() =>
            fixture.Recognizer.PredictTimeline(AudioInput.FromStream(stream, "long.wav"), 0.5, cancellation.Token));
        Assert.True(stream.ReachedEnd);
    }

    [Fact]
    public void Predict_WithAnUncancelledToken_GivesTheSameAnswerAsWithout()
    {
        var input = AudioInput.FromFile(TestBundles.SampleClips[0]);

        var plain = fixture.Recognizer.Predict(input);
        var withToken = fixture.Recognizer.Predict(input, CancellationToken.None);

        Assert.Equal(plain.Probabilities.Values, withToken.Probabilities.Values);
    }

    private sealed class CancelAtEndStream(byte[] data, CancellationTokenSource cancellation) : MemoryStream(data)
    {
        public bool ReachedEnd { get; private set; }

        public override int Read(byte[] buffer, int offset, int count) => Signal(base.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Signal(base.Read(buffer));

        private int Signal(int read)
        {
            if (read == 0 || Position == Length)
            {
                ReachedEnd = true;
                cancellation.Cancel();
            }
            return read;
        }
    }
}
