using System.Text.Json.Serialization;

namespace SpeechEmotion.Inference;

/// <summary>
/// The emotion predicted for one clip. For a clip longer than the model window the probabilities are the mean
/// over windows that cover the clip; <see cref="Timeline"/> (when asked for) holds each window.
/// Serialized with <see cref="PredictionJson.Options"/> it is the JSON object of the CLI and the web API:
/// <c>{ "file", "label", "confidence", "probabilities": { label: p, ... }, "duration_seconds", "timeline"? }</c>.
/// </summary>
public sealed class EmotionPrediction
{
    internal EmotionPrediction(string? source, LabelProbabilities probabilities, double durationSeconds, IReadOnlyList<TimelineSegment>? timeline)
    {
        Source = source;
        Probabilities = probabilities;
        LabelIndex = ArgMax(probabilities.Values);
        Label = probabilities.Labels[LabelIndex];
        Confidence = probabilities.Values[LabelIndex];
        DurationSeconds = durationSeconds;
        Timeline = timeline;
    }

    /// <summary>The input's name (file path as given, upload name, ...); null for unnamed samples.</summary>
    [JsonPropertyName("file")]
    public string? Source { get; }

    /// <summary>The most probable label.</summary>
    public string Label { get; }

    /// <summary>The probability of <see cref="Label"/>, in [0, 1].</summary>
    public float Confidence { get; }

    /// <summary>Every label's probability in model label order; they sum to 1.</summary>
    public LabelProbabilities Probabilities { get; }

    /// <summary>Length of the whole clip in seconds.</summary>
    public double DurationSeconds { get; }

    /// <summary>Per-window predictions over the whole clip, when a timeline was asked for; otherwise null.</summary>
    public IReadOnlyList<TimelineSegment>? Timeline { get; }

    /// <summary>Index of <see cref="Label"/> in <see cref="Labels"/>.</summary>
    [JsonIgnore]
    public int LabelIndex { get; }

    /// <summary>The model's labels in order.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> Labels => Probabilities.Labels;

    internal static int ArgMax(IReadOnlyList<float> values)
    {
        int best = 0;
        for (int i = 1; i < values.Count; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
