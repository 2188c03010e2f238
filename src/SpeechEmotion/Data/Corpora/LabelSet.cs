using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// The classes a model predicts and how corpus emotions map onto them. Every label maps to itself; <see cref="Map"/>
/// adds merges (e.g. calm → neutral). Emotions with no mapping are dropped and counted, never relabelled.
/// JSON (snake_case): <c>{"labels": [...], "label_map": {"calm": "neutral"}}</c>.
/// </summary>
public sealed record LabelSet
{
    /// <summary>Class names in model output order; index = class index.</summary>
    [JsonPropertyName("labels")]
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Extra emotion → label merges; a label maps to itself without an entry.</summary>
    [JsonPropertyName("label_map")]
    public IReadOnlyDictionary<string, string> Map { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The eight RAVDESS emotions in RAVDESS order (neutral, calm, happy, sad, angry, fearful, disgust, surprised), no
    /// merges: the labels of <see cref="Modeling.EmotionLabels.Ravdess"/>. Boredom (EmoDB) is dropped.
    /// </summary>
    public static LabelSet Ravdess { get; } = new() { Labels = [.. Modeling.EmotionLabels.Ravdess] };

    /// <summary>
    /// Six classes most corpora share: neutral, happy, sad, angry, fearful, disgust; calm (RAVDESS, TurEV-DB) merges into
    /// neutral. Surprised and boredom are dropped: too few corpora have them to learn them across corpora.
    /// </summary>
    public static LabelSet Common6 { get; } = new()
    {
        Labels =
        [
            EmotionVocabulary.Neutral, EmotionVocabulary.Happy, EmotionVocabulary.Sad,
            EmotionVocabulary.Angry, EmotionVocabulary.Fearful, EmotionVocabulary.Disgust,
        ],
        Map = new Dictionary<string, string>(StringComparer.Ordinal) { [EmotionVocabulary.Calm] = EmotionVocabulary.Neutral },
    };

    /// <summary>Class index of <paramref name="emotion"/> (a label itself, or mapped by <see cref="Map"/>), or null when it is dropped.</summary>
    public int? IndexOf(string emotion)
    {
        ArgumentNullException.ThrowIfNull(emotion);
        var label = Map.TryGetValue(emotion, out var mapped) ? mapped : emotion;
        for (var i = 0; i < Labels.Count; i++)
            if (string.Equals(Labels[i], label, StringComparison.Ordinal))
                return i;
        return null;
    }

    /// <summary>Checks the set and throws once, listing every problem.</summary>
    /// <exception cref="ArgumentException">Labels are empty, blank or repeated, or a map entry is blank, targets a
    /// non-label, or remaps a label to another label.</exception>
    public LabelSet Validate()
    {
        var problems = new List<string>();
        if (Labels is null || Labels.Count == 0)
        {
            problems.Add("labels: none given");
        }
        else
        {
            if (Labels.Any(string.IsNullOrWhiteSpace))
                problems.Add("labels: a label is empty");
            foreach (var repeated in Labels.GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1))
                problems.Add($"labels: '{repeated.Key}' appears {repeated.Count()} times");
        }
        foreach (var (emotion, label) in Map ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(emotion))
                problems.Add("label_map: an emotion is empty");
            else if (Labels?.Contains(label, StringComparer.Ordinal) != true)
                problems.Add($"label_map: {emotion} -> '{label}' is not one of the labels ({string.Join(", ", Labels ?? [])})");
            else if (Labels.Contains(emotion, StringComparer.Ordinal) && emotion != label)
                problems.Add($"label_map: {emotion} is itself a label and cannot map to {label}");
        }
        if (problems.Count > 0)
            throw new ArgumentException($"invalid label set: {string.Join("; ", problems)}");
        return this;
    }

    /// <summary>Maps every clip to its class index; clips whose emotion has no label are counted per corpus and emotion.</summary>
    public LabelMapping Apply(IEnumerable<CorpusItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var kept = new List<MappedItem>();
        var dropped = new Dictionary<(string Corpus, string Emotion), int>();
        foreach (var item in items)
        {
            if (IndexOf(item.Emotion) is { } label)
                kept.Add(new MappedItem(item, label));
            else
                dropped[(item.Corpus, item.Emotion)] = dropped.GetValueOrDefault((item.Corpus, item.Emotion)) + 1;
        }
        var counts = dropped
            .OrderBy(d => d.Key.Corpus, StringComparer.Ordinal).ThenBy(d => d.Key.Emotion, StringComparer.Ordinal)
            .Select(d => new DroppedLabel(d.Key.Corpus, d.Key.Emotion, d.Value))
            .ToArray();
        return new LabelMapping(kept, counts);
    }

    /// <summary>The set as snake_case JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, DataJson.Options);

    /// <summary>Reads and validates a set written by <see cref="ToJson"/>.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, lacks <c>labels</c>, or the set is invalid.</exception>
    public static LabelSet FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var set = JsonSerializer.Deserialize<LabelSet>(json, DataJson.Options)
                ?? throw new InvalidDataException("label set JSON is null");
            return set.Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"label set JSON: {e.Message}", e);
        }
    }
}
