namespace SpeechEmotion.Data.Corpora;

/// <summary>The result of <see cref="LabelSet.Apply"/>: clips with a label, and counts of those without.</summary>
/// <param name="Kept">Clips with their class index, in input order.</param>
/// <param name="Dropped">Dropped clips counted per corpus and emotion, ordered by corpus then emotion (ordinal).</param>
public sealed record LabelMapping(IReadOnlyList<MappedItem> Kept, IReadOnlyList<DroppedLabel> Dropped)
{
    /// <summary>Total number of dropped clips.</summary>
    public int DroppedCount => Dropped.Sum(d => d.Count);
}
