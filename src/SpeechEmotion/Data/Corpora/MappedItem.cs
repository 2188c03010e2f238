namespace SpeechEmotion.Data.Corpora;

/// <summary>A clip kept by a <see cref="LabelSet"/>, with its class index.</summary>
/// <param name="Item">The clip.</param>
/// <param name="Label">Index into <see cref="LabelSet.Labels"/>.</param>
public sealed record MappedItem(CorpusItem Item, int Label);
