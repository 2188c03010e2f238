namespace SpeechEmotion.Inference;

/// <summary>The prediction for one model window of a clip, in seconds from the clip's start.</summary>
/// <param name="StartSeconds">Start of the window (s).</param>
/// <param name="EndSeconds">End of the window's audio (s); at most the clip's duration.</param>
/// <param name="Label">Most probable label.</param>
/// <param name="Confidence">Its probability.</param>
/// <param name="Probabilities">Every label's probability, in model label order.</param>
public sealed record TimelineSegment(double StartSeconds, double EndSeconds, string Label, float Confidence, LabelProbabilities Probabilities);
