using System.Reflection;
using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Training;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Everything needed to use a trained model correctly, stored as <c>manifest.json</c> (snake_case) in the
/// bundle: label order, feature settings, normalization statistics, network config, how it was trained,
/// its metrics and the versions that produced it.
/// </summary>
public sealed record BundleManifest
{
    /// <summary>Format of a bundle with one network.</summary>
    public const int SingleFormatVersion = 1;

    /// <summary>Format of an ensemble bundle (<see cref="Ensemble"/> set); older libraries refuse it instead of using one member.</summary>
    public const int EnsembleFormatVersion = 2;

    /// <summary>The newest bundle format this library reads.</summary>
    public const int CurrentFormatVersion = EnsembleFormatVersion;

    /// <summary>Format version of the bundle.</summary>
    public int FormatVersion { get; init; } = SingleFormatVersion;

    /// <summary>Class names in output order; their count equals <see cref="ModelConfig.NumClasses"/>.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Feature extraction settings the model was trained with; inference must use the same.</summary>
    public required FeatureOptions FeatureOptions { get; init; }

    /// <summary>
    /// Waveform processing between decoding and features (trimming, level normalisation) the model was trained
    /// with; inference applies the same. Null (bundles without one) means none.
    /// </summary>
    public FrontEndOptions? FrontEnd { get; init; }

    /// <summary>
    /// How corpus emotions map onto <see cref="Labels"/> beyond the labels themselves (<c>calm -&gt; neutral</c>);
    /// emotions neither listed nor labels were dropped from training.
    /// </summary>
    public IReadOnlyDictionary<string, string> LabelMap { get; init; } = new Dictionary<string, string>();

    /// <summary>Global normalization fitted on the training clips (of the first member, for an ensemble).</summary>
    public required FeatureNormalization Normalization { get; init; }

    /// <summary>
    /// The members of an ensemble bundle, in weight-file order; null for a bundle with one network. Every member
    /// shares the labels, feature options and network config, and has its own normalization and weights; the
    /// bundle's probabilities are the mean of the members' softmax outputs.
    /// </summary>
    public IReadOnlyList<EnsembleMember>? Ensemble { get; init; }

    /// <summary>The network's sizes and options.</summary>
    public required ModelConfig Model { get; init; }

    /// <summary>How the model was trained (null for imported weights).</summary>
    public TrainingOptions? Training { get; init; }

    /// <summary>Seed of the training run (null for imported weights).</summary>
    public int? Seed { get; init; }

    /// <summary>Named metrics, e.g. <c>validation_macro_f1</c>, <c>test_uar</c>, <c>best_epoch</c>.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>What the model was trained on: corpora with counts, split, speakers of each part.</summary>
    public TrainingDataSummary? TrainedOn { get; init; }

    /// <summary>The free-form data description of bundles of the first format, kept as read; new bundles use <see cref="TrainedOn"/>.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary><see cref="TrainedOn"/>, or what a first-format bundle's <see cref="Data"/> says.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TrainingDataSummary? TrainingData => TrainedOn ?? TrainingDataSummary.FromLegacy(Data);

    /// <summary>Versions of the software that wrote the bundle (<c>speech_emotion</c>, <c>torchsharp</c>, <c>dotnet</c>).</summary>
    public IReadOnlyDictionary<string, string> Versions { get; init; } = CurrentVersions();

    /// <summary>When the bundle was created (UTC).</summary>
    public DateTimeOffset CreatedUtc { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Versions of this library, TorchSharp and .NET in the running process.</summary>
    public static IReadOnlyDictionary<string, string> CurrentVersions() => new Dictionary<string, string>
    {
        ["speech_emotion"] = InformationalVersion(typeof(BundleManifest).Assembly),
        ["torchsharp"] = InformationalVersion(typeof(TorchSharp.torch).Assembly),
        ["dotnet"] = Environment.Version.ToString(),
    };

    /// <summary>Checks the manifest's internal consistency; throws <see cref="ArgumentException"/> naming the first problem.</summary>
    public void Validate()
    {
        if (FormatVersion < 1)
            throw new ArgumentException($"format_version {FormatVersion} is invalid.");
        if (FormatVersion > CurrentFormatVersion)
            throw new ArgumentException($"format_version {FormatVersion} is newer than this library reads ({CurrentFormatVersion}); update SpeechEmotion.");
        if (Labels is null || Model is null || FeatureOptions is null || Normalization is null)
            throw new ArgumentException("manifest lacks labels, model, feature_options or normalization.");
        Model.Validate();
        if (Labels.Count != Model.NumClasses)
            throw new ArgumentException($"{Labels.Count} labels but the model has {Model.NumClasses} classes.");
        if (Labels.Any(string.IsNullOrWhiteSpace) || Labels.Distinct(StringComparer.Ordinal).Count() != Labels.Count)
            throw new ArgumentException("labels must be non-empty and distinct.");
        if (FeatureOptions.FeatureCount != Model.InputFeatures)
            throw new ArgumentException($"feature options give {FeatureOptions.FeatureCount} features per frame but the model expects {Model.InputFeatures}.");
        Normalization.Validate(Model.InputFeatures);
        FrontEnd?.Validate();
        if (LabelMap is not null && LabelMap.Values.FirstOrDefault(v => !Labels.Contains(v, StringComparer.Ordinal)) is { } unknown)
            throw new ArgumentException($"label_map maps onto '{unknown}', which is not one of the labels.");
        if (FormatVersion == EnsembleFormatVersion)
        {
            if (Ensemble is null || Ensemble.Count < 2)
                throw new ArgumentException($"format_version {EnsembleFormatVersion} needs an ensemble of at least 2 members.");
            foreach (var member in Ensemble)
            {
                if (member?.Normalization is null)
                    throw new ArgumentException("an ensemble member lacks its normalization.");
                member.Normalization.Validate(Model.InputFeatures);
            }
        }
        else if (Ensemble is not null)
        {
            throw new ArgumentException($"an ensemble needs format_version {EnsembleFormatVersion} (got {FormatVersion}).");
        }
    }

    private static string InformationalVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString() ?? "unknown";
}

/// <summary>One network of an ensemble bundle: its normalization and where it came from.</summary>
public sealed record EnsembleMember
{
    /// <summary>Normalization fitted on this member's training clips.</summary>
    public required FeatureNormalization Normalization { get; init; }

    /// <summary>Seed of the member's training run, if known.</summary>
    public int? Seed { get; init; }

    /// <summary>The member's own metrics, as its bundle recorded them.</summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = new Dictionary<string, double>();

    /// <summary>The member's first-format data description, kept as read.</summary>
    public IReadOnlyDictionary<string, string> Data { get; init; } = new Dictionary<string, string>();

    /// <summary>What the member was trained on.</summary>
    public TrainingDataSummary? TrainedOn { get; init; }

    /// <summary><see cref="TrainedOn"/>, or what a first-format member's <see cref="Data"/> says.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public TrainingDataSummary? TrainingData => TrainedOn ?? TrainingDataSummary.FromLegacy(Data);
}
