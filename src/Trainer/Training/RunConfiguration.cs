using System.Text.Json.Serialization;
using System.Text.Json;
using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Training;

/// <summary>
/// Everything that decides what a training run computes, as read from <c>--config FILE.json</c> (snake_case,
/// every section optional) and overridden by explicit flags. Saved as <c>run-config.json</c> in the run folder
/// so <c>--resume</c> continues with exactly the same settings.
/// </summary>
internal sealed record RunConfiguration
{
    /// <summary>File name inside a run folder.</summary>
    public const string FileName = "run-config.json";

    /// <summary>Split spec (<c>emobox:K</c>, <c>actors:...</c>, <c>corpus:NAME</c>, <c>random:SEED</c>, <c>all</c>).</summary>
    public string Split { get; init; } = "emobox:1";

    /// <summary>Use sung clips too.</summary>
    public bool IncludeSong { get; init; }

    /// <summary>Optimizer, schedule, seed, device.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Network.</summary>
    public ModelConfig Model { get; init; } = new();

    /// <summary>Feature extraction.</summary>
    public FeatureOptions Features { get; init; } = new();

    /// <summary>Waveform processing before the features (trimming, level); null = none, as the original project.</summary>
    public FrontEndOptions? FrontEnd { get; init; }

    /// <summary>The model's labels and how corpus emotions map onto them; null = the 8 RAVDESS emotions.</summary>
    public LabelSet? Labels { get; init; }

    /// <summary>The label set in use.</summary>
    [JsonIgnore]
    public LabelSet LabelSet => Labels ?? LabelSet.Ravdess;

    /// <summary>Waveform augmentation of the training part.</summary>
    public AugmentationOptions Augmentation { get; init; } = new();

    /// <summary>How the validation part is drawn from the training part.</summary>
    public ValidationSplitOptions Validation { get; init; } = new();

    /// <summary>
    /// A model bundle (typically an ensemble) whose probabilities the network learns from as well as from the labels
    /// (knowledge distillation, weighted by <c>training.distillation_weight</c>); null = none. It must not have seen the
    /// run's test speakers.
    /// </summary>
    public string? Teacher { get; init; }

    /// <summary>The parsed split.</summary>
    [JsonIgnore]
    public SplitSpec SplitSpec => SplitSpec.Parse(Split);

    /// <summary>
    /// Refuses corpus-adversarial training when <paramref name="trainingItems"/> come from fewer than two corpora, so the
    /// refusal comes before any feature is extracted or any run folder is written.
    /// </summary>
    public void EnsureCorporaForAdversary(IEnumerable<MappedItem> trainingItems, string what)
    {
        if (Training.CorpusAdversarialWeight <= 0)
            return;
        var corpora = trainingItems.Select(m => m.Item.Corpus).Distinct(StringComparer.Ordinal).ToArray();
        if (corpora.Length < 2)
            throw new CliException($"training.corpus_adversarial_weight needs two or more corpora to train on; {what} {(corpora.Length == 0 ? "has no clips" : $"has only '{corpora[0]}'")}");
    }

    /// <summary>Checks every section; throws <see cref="CliException"/> with all problems on one line.</summary>
    public RunConfiguration Validated(string source)
    {
        var problems = new List<string>();
        void Check(Action validate)
        {
            try { validate(); }
            catch (Exception e) when (e is ArgumentException or FormatException) { problems.Add(e.Message.TrimEnd('.')); }
        }
        Check(() => SplitSpec.Parse(Split));
        Check(Training.Validate);
        Check(Model.Validate);
        Check(Features.Validate);
        Check(Augmentation.Validate);
        Check(Validation.Validate);
        Check(() => FrontEnd?.Validate());
        Check(() => Labels?.Validate());
        if (Labels is not null && Labels.Labels.Count != Model.NumClasses)
            problems.Add($"labels lists {Labels.Labels.Count} labels but model.num_classes is {Model.NumClasses}");
        if (Features.FeatureCount != Model.InputFeatures)
            problems.Add($"features give {Features.FeatureCount} values per frame but model.input_features is {Model.InputFeatures}");
        if (Features.MaxFrames is null)
            problems.Add("features.max_frames must be set for training");
        return problems.Count == 0 ? this : throw new CliException($"{source}: {string.Join("; ", problems)}");
    }

    /// <summary>Reads a config file; unknown keys and bad values are one-line errors naming the file.</summary>
    public static RunConfiguration Load(string path)
    {
        if (!File.Exists(path))
            throw new CliException($"{path}: config file not found");
        try
        {
            return JsonSerializer.Deserialize<RunConfiguration>(File.ReadAllText(path), TrainerJson.Strict)
                ?? throw new CliException($"{path}: empty config file");
        }
        catch (JsonException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }
    }

    /// <summary>Writes the configuration atomically.</summary>
    public void Save(string path) => AtomicFile.WriteText(path, JsonSerializer.Serialize(this, TrainerJson.Options));
}
