namespace SpeechEmotion.Data.Corpora;

/// <summary>Clips of one corpus whose emotion a <see cref="LabelSet"/> has no label for.</summary>
/// <param name="Corpus">Corpus name.</param>
/// <param name="Emotion">The emotion (or unknown manifest label) that was dropped.</param>
/// <param name="Count">Number of clips dropped.</param>
public sealed record DroppedLabel(string Corpus, string Emotion, int Count);
