namespace SpeechEmotion.Data;

/// <summary>One clip's features with its class index (into the label list of the data set or bundle).</summary>
/// <param name="Id">Stable identifier, e.g. the file name (used in manifests and reports).</param>
/// <param name="Features">Feature matrix <c>[frames, features]</c>, in memory or in a feature cache file; frames beyond <paramref name="ValidFrames"/> are padding.</param>
/// <param name="Label">Class index.</param>
/// <param name="ValidFrames">Frames holding real audio (the rest is zero padding); masked by the network.</param>
public sealed record LabeledClip(string Id, ClipFeatures Features, int Label, int ValidFrames)
{
    /// <summary>The corpus the clip comes from, when known (for corpus-balanced training).</summary>
    public string? Corpus { get; init; }
}
