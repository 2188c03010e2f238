namespace SpeechEmotion.Data.Corpora;

/// <summary>What a <see cref="FileNameScheme"/> reads from one file name.</summary>
/// <param name="Emotion">Canonical emotion name (<see cref="EmotionVocabulary"/>).</param>
/// <param name="Speaker">The corpus's own speaker id, not namespaced (e.g. <c>"01"</c>, <c>"DC"</c>, <c>"SM1"</c>).</param>
/// <param name="Gender">Speaker gender when the scheme encodes it, else null.</param>
public readonly record struct ParsedName(string Emotion, string Speaker, Gender? Gender);
