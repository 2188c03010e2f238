namespace SpeechEmotion.Data.Corpora;

/// <summary>The clips read from one corpus folder or manifest, and everything that was skipped or looked wrong.</summary>
/// <param name="Corpus">Lower-case corpus name the items carry.</param>
/// <param name="Root">The folder (or manifest file) that was read.</param>
/// <param name="Items">Usable clips, in ordinal order of their relative paths (folders) or in file order (manifests).</param>
/// <param name="Problems">One line per skipped file or bad row, naming the relative path or line.</param>
public sealed record CorpusReadResult(string Corpus, string Root, IReadOnlyList<CorpusItem> Items, IReadOnlyList<string> Problems)
{
    /// <summary>Distinct namespaced speakers of <see cref="Items"/>, ordinal order.</summary>
    public IReadOnlyList<string> Speakers =>
        Items.Select(i => i.Speaker).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Clips per emotion: canonical emotions in <see cref="EmotionVocabulary.All"/> order, then other labels in ordinal order.</summary>
    public IReadOnlyDictionary<string, int> CountsByEmotion
    {
        get
        {
            var counts = Items.GroupBy(i => i.Emotion, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            var ordered = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var emotion in EmotionVocabulary.All)
                if (counts.TryGetValue(emotion, out var n))
                    ordered[emotion] = n;
            foreach (var other in counts.Keys.Where(k => !ordered.ContainsKey(k)).Order(StringComparer.Ordinal))
                ordered[other] = counts[other];
            return ordered;
        }
    }
}
