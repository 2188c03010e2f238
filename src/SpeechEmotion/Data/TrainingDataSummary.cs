using System.Globalization;

namespace SpeechEmotion.Data;

/// <summary>
/// What a model was trained on, stored in its bundle manifest as typed data: the corpora with their counts, the
/// split and its speakers, and the sizes of each part. Evaluation reads it to warn when test speakers were seen
/// in training.
/// </summary>
public sealed record TrainingDataSummary
{
    /// <summary>The corpora, in name order.</summary>
    public IReadOnlyList<CorpusSummary> Corpora { get; init; } = [];

    /// <summary>Split spec in canonical text form.</summary>
    public required string Split { get; init; }

    /// <summary>Seed that chose the validation part.</summary>
    public int SplitSeed { get; init; }

    /// <summary>Whether the test speakers were kept out of training.</summary>
    public bool SpeakerIndependent { get; init; }

    /// <summary>Whether RAVDESS song clips were used.</summary>
    public bool IncludeSong { get; init; }

    /// <summary>Speakers of the training part (namespaced, <c>ravdess:01</c>).</summary>
    public IReadOnlyList<string> TrainSpeakers { get; init; } = [];

    /// <summary>Speakers of the validation part.</summary>
    public IReadOnlyList<string> ValidationSpeakers { get; init; } = [];

    /// <summary>Speakers of the test part.</summary>
    public IReadOnlyList<string> TestSpeakers { get; init; } = [];

    /// <summary>Clips of the training part (originals).</summary>
    public int TrainClips { get; init; }

    /// <summary>Augmented copies of training clips.</summary>
    public int AugmentedClips { get; init; }

    /// <summary>Clips of the validation part.</summary>
    public int ValidationClips { get; init; }

    /// <summary>Clips of the test part.</summary>
    public int TestClips { get; init; }

    /// <summary>The augmentation recipe, or null for none.</summary>
    public string? Augmentation { get; init; }

    /// <summary>Every speaker that steered training (training and validation parts).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<string> SeenSpeakers => TrainSpeakers.Concat(ValidationSpeakers);

    /// <summary>The speakers among <paramref name="speakers"/> that steered training, distinct and in ordinal order.</summary>
    public string[] SeenAmong(IEnumerable<string> speakers)
    {
        var seen = SeenSpeakers.ToHashSet(StringComparer.Ordinal);
        return [.. speakers.Distinct().Where(seen.Contains).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// Reads the free-form description that RAVDESS-only bundles of the first format kept (<c>corpus</c>, <c>split</c>,
    /// <c>train_actors</c>...); the one place that format is understood. Null when it says nothing about the split.
    /// </summary>
    public static TrainingDataSummary? FromLegacy(IReadOnlyDictionary<string, string>? data)
    {
        if (data is null || !data.TryGetValue("split", out var split))
            return null;
        IReadOnlyList<string> Speakers(string key) =>
            data.TryGetValue(key, out var csv)
                ? csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(a => int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var actor) ? SpeechEmotion.Data.Corpora.EmoBoxFolds.Speaker(actor) : null)
                    .OfType<string>().ToArray()
                : [];
        int Count(string key) => data.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var train = Count("train_clips");
        var validation = Count("validation_clips");
        var test = Count("test_clips");
        return new TrainingDataSummary
        {
            Corpora = [new CorpusSummary { Name = SpeechEmotion.Data.Corpora.EmoBoxFolds.Corpus, Clips = train + validation + test, Speakers = 0 }],
            Split = split,
            SplitSeed = Count("split_seed"),
            SpeakerIndependent = !data.TryGetValue("speaker_independent", out var si) || si == "true",
            IncludeSong = data.TryGetValue("corpus", out var corpus) && corpus.Contains("song", StringComparison.Ordinal),
            TrainSpeakers = Speakers("train_actors"),
            ValidationSpeakers = Speakers("validation_actors"),
            TestSpeakers = Speakers("test_actors"),
            TrainClips = train,
            AugmentedClips = Count("augmented_clips"),
            ValidationClips = validation,
            TestClips = test,
            Augmentation = data.TryGetValue("augmentation", out var a) && a != "none" ? a : null,
        };
    }
}
