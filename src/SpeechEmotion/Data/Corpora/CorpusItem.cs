namespace SpeechEmotion.Data.Corpora;

/// <summary>One labelled clip of any corpus.</summary>
/// <param name="Id">Unique id: <c>"&lt;corpus&gt;/&lt;path relative to the corpus root, '/' separators&gt;"</c>, e.g. <c>"savee/DC_a01.wav"</c>.</param>
/// <param name="Path">Full path of the audio file.</param>
/// <param name="Emotion">Canonical emotion name from <see cref="EmotionVocabulary"/>, or (manifests only) an unknown label, lower-case, that a <see cref="LabelSet"/> will drop.</param>
/// <param name="Speaker">Speaker namespaced by corpus, <c>"&lt;corpus&gt;:&lt;local id&gt;"</c>, e.g. <c>"ravdess:01"</c>, <c>"savee:DC"</c>.</param>
/// <param name="Corpus">Lower-case short corpus name, e.g. <c>"ravdess"</c>.</param>
public sealed record CorpusItem(string Id, string Path, string Emotion, string Speaker, string Corpus)
{
    /// <summary>Speaker gender when the naming scheme encodes it; null when unknown.</summary>
    public Gender? Gender { get; init; }
}
