using System.Diagnostics;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>
/// One prediction on a short generated clip at start-up (run by <see cref="WarmUpService"/>), so that the first
/// user does not pay for LibTorch's lazy set-up. Until it has run, the <c>warm_up</c> health check reports
/// Unhealthy and <c>/api/health</c> answers 503, which keeps a load balancer or container check waiting.
/// </summary>
internal sealed class ModelWarmUp(EmotionRecognizer recognizer, ILogger<ModelWarmUp> logger)
{
    /// <summary>Length of the generated clip in seconds: long enough for every feature stage, short enough to be quick.</summary>
    public const double ClipSeconds = 1.0;

    private volatile Outcome? _outcome;

    /// <summary>How the warm-up ended; null while it has not.</summary>
    public Outcome? Result => _outcome;

    /// <summary>Predicts the generated clip and records the time taken, or the failure.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        try
        {
            var clip = Clip(recognizer.FeatureOptions.SampleRate, ClipSeconds);
            var prediction = recognizer.Predict(AudioInput.FromSamples(clip, recognizer.FeatureOptions.SampleRate, "warm-up"), cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(start);
            _outcome = new Outcome(elapsed, null);
            logger.LogInformation("Warm-up prediction took {ElapsedMs:0} ms ({Label})", elapsed.TotalMilliseconds, prediction.Label);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The app is stopping before it was ready: nothing to report.
        }
        catch (Exception e)
        {
            _outcome = new Outcome(Stopwatch.GetElapsedTime(start), $"{e.GetType().Name}: {e.Message}");
            logger.LogError(e, "Warm-up prediction failed");
        }
    }

    /// <summary>A seeded 220 Hz tone with a little noise at about -20 dBFS: voiced enough that no stage skips it.</summary>
    internal static float[] Clip(int sampleRate, double seconds)
    {
        var samples = new float[(int)Math.Round(sampleRate * seconds)];
        var random = new Random(20);
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(0.1 * Math.Sin(2 * Math.PI * 220 * i / sampleRate) + 0.01 * (random.NextDouble() - 0.5));
        }
        return samples;
    }

    /// <summary>How long the warm-up took, and its error (type and message) if it failed.</summary>
    public sealed record Outcome(TimeSpan Elapsed, string? Error);
}
