namespace SpeechEmotion.Inference;

/// <summary>What an <see cref="EmotionRecognizer"/> has run: for monitoring and benchmarks.</summary>
/// <param name="ForwardPasses">Forward passes so far.</param>
/// <param name="WindowsRun">Model windows run through the network so far.</param>
/// <param name="WaitingWindows">Windows waiting for a forward pass now.</param>
public sealed record RecognizerStatistics(long ForwardPasses, long WindowsRun, int WaitingWindows)
{
    /// <summary>Mean windows per forward pass (0 before the first).</summary>
    public double MeanBatchSize => ForwardPasses == 0 ? 0 : (double)WindowsRun / ForwardPasses;
}
