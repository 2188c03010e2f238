using System.Text.Json.Serialization;
using SpeechEmotion.Data;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Modeling;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>What a training run or an evaluation found, written by <see cref="RunReportWriter"/> as evaluation.json and report.md.</summary>
internal sealed record RunReport
{
    /// <summary>"Training run" or "Evaluation".</summary>
    public required string Kind { get; init; }

    /// <summary>Canonical split spec.</summary>
    public required string Split { get; init; }

    /// <summary>True unless the split is random over clips.</summary>
    public required bool SpeakerIndependent { get; init; }

    /// <summary>Run seed (training) or null.</summary>
    public int? Seed { get; init; }

    /// <summary>The model bundle.</summary>
    public required string ModelPath { get; init; }

    /// <summary>The data sources as given (<c>NAME=PATH</c> or a path).</summary>
    public required IReadOnlyList<string> DataSources { get; init; }

    /// <summary>The corpora read, with their counts and dropped labels.</summary>
    public IReadOnlyList<CorpusSummary> Corpora { get; init; } = [];

    /// <summary>Usable labelled clips found, all corpora together.</summary>
    public int CorpusClips { get; init; }

    /// <summary>Test speakers (empty for random splits).</summary>
    public IReadOnlyList<string> TestSpeakers { get; init; } = [];

    /// <summary>Validation speakers (empty for random splits and evaluations).</summary>
    public IReadOnlyList<string> ValidationSpeakers { get; init; } = [];

    /// <summary>Speakers the training part was drawn from.</summary>
    public IReadOnlyList<string> TrainSpeakers { get; init; } = [];

    /// <summary>Original training clips.</summary>
    public int TrainClips { get; init; }

    /// <summary>Augmented training copies added.</summary>
    public int AugmentedClips { get; init; }

    /// <summary>Validation clips.</summary>
    public int ValidationClips { get; init; }

    /// <summary>Metrics on the evaluated part (<see cref="EvaluatedPart"/>).</summary>
    public required EvaluationReport Test { get; init; }

    /// <summary>Which part <see cref="Test"/> measures: "test", or "validation" for a split without a test part.</summary>
    public string EvaluatedPart { get; init; } = "test";

    /// <summary>The best epoch's validation figures (training runs).</summary>
    public EpochReport? BestValidation { get; init; }

    /// <summary>Epochs run (training runs).</summary>
    public int? EpochsRun { get; init; }

    /// <summary>Whether early stopping ended training.</summary>
    public bool? StoppedEarly { get; init; }

    /// <summary>Wall-clock seconds of training (sum over epochs, including before a resume).</summary>
    public double? TrainingSeconds { get; init; }

    /// <summary>Training settings.</summary>
    public TrainingOptions? Training { get; init; }

    /// <summary>Network settings.</summary>
    public ModelConfig? Model { get; init; }

    /// <summary>Augmentation settings (null when off).</summary>
    public AugmentationOptions? Augmentation { get; init; }

    /// <summary>The front end the features went through (null: none).</summary>
    public FrontEndOptions? FrontEnd { get; init; }

    /// <summary>The teacher model the network was distilled from (with its weight in the loss), or null.</summary>
    public string? Teacher { get; init; }

    /// <summary>Peak resident memory of the process in MiB when the report was made (Linux).</summary>
    public double? PeakMemoryMiB { get; init; }

    /// <summary>Per-corpus metrics when the evaluated part spans several corpora.</summary>
    public IReadOnlyDictionary<string, EvaluationReport>? ByCorpus { get; init; }

    /// <summary>Corpus and feature problems (skipped or duplicate files, missing actors).</summary>
    public IReadOnlyList<string> DataProblems { get; init; } = [];

    /// <summary>Per-clip predictions on the test part (written to predictions.csv, not to the JSON).</summary>
    [JsonIgnore]
    public IReadOnlyList<ClipPrediction> Predictions { get; init; } = [];

    /// <summary>Every epoch (for the curves; the trainer's metrics.json holds them too).</summary>
    [JsonIgnore]
    public IReadOnlyList<EpochReport> History { get; init; } = [];
}
