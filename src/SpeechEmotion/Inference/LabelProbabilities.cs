using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace SpeechEmotion.Inference;

/// <summary>
/// Class probabilities keyed by label, enumerated in the model's label order (the bundle manifest's),
/// so a JSON object or a chart built from it lists the labels in that order.
/// </summary>
public sealed class LabelProbabilities : IReadOnlyDictionary<string, float>
{
    private readonly float[] _values;

    /// <summary>Pairs <paramref name="labels"/> with <paramref name="values"/> (same length, not copied).</summary>
    public LabelProbabilities(IReadOnlyList<string> labels, float[] values)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(values);
        if (labels.Count != values.Length)
            throw new ArgumentException($"{values.Length} probabilities for {labels.Count} labels.", nameof(values));
        Labels = labels;
        _values = values;
    }

    /// <summary>The labels in model order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>The probabilities in label order.</summary>
    public IReadOnlyList<float> Values => _values;

    /// <inheritdoc/>
    public int Count => _values.Length;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => Labels;

    IEnumerable<float> IReadOnlyDictionary<string, float>.Values => _values;

    /// <inheritdoc/>
    public float this[string key] => TryGetValue(key, out float p) ? p : throw new KeyNotFoundException($"No label '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out float value)
    {
        int i = IndexOf(key);
        value = i >= 0 ? _values[i] : 0f;
        return i >= 0;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, float>> GetEnumerator()
    {
        for (int i = 0; i < _values.Length; i++) yield return new(Labels[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        for (int i = 0; i < Labels.Count; i++)
        {
            if (Labels[i] == key) return i;
        }
        return -1;
    }
}
