using SpeechEmotion.Trainer.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>Results of a cross-validation: one entry per (fold, seed) run and their mean and spread.</summary>
internal sealed record CvReport
{
    /// <summary>Corpus folder.</summary>
    public required IReadOnlyList<string> DataSources { get; init; }

    /// <summary>Splits run, in split form: emobox:1 ... or random:9 ...</summary>
    public required IReadOnlyList<string> Folds { get; init; }

    /// <summary>True when every split holds out whole actors (EmoBox folds); false for random splits over clips.</summary>
    public required bool SpeakerIndependent { get; init; }

    /// <summary>Seeds run per fold.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>Label order of the per-class figures.</summary>
    public required IReadOnlyList<string> Labels { get; init; }

    /// <summary>Every run.</summary>
    public required IReadOnlyList<CvRun> Runs { get; init; }

    /// <summary>Mean and sample standard deviation over the runs: accuracy, uar, macro_f1.</summary>
    public required IReadOnlyDictionary<string, MeanStd> Summary { get; init; }

    /// <summary>Per-class F1, mean and standard deviation over the runs, in label order.</summary>
    public required IReadOnlyList<MeanStd> PerClassF1 { get; init; }

    /// <summary>Confusion matrix summed over the runs (rows = truth).</summary>
    public required int[][] ConfusionMatrix { get; init; }

    /// <summary>The settings every run used (seed aside).</summary>
    public required RunConfiguration Settings { get; init; }

    /// <summary>Per fold, the ensemble of its seeds' models (null with one seed).</summary>
    public IReadOnlyList<CvEnsembleRun>? Ensembles { get; init; }

    /// <summary>Mean and standard deviation over the folds' ensembles: accuracy, uar, macro_f1 (null with one seed).</summary>
    public IReadOnlyDictionary<string, MeanStd>? EnsembleSummary { get; init; }
}

/// <summary>One fold's seed ensemble: the mean of its seeds' probabilities, scored on the fold's test part.</summary>
internal sealed record CvEnsembleRun(
    string Fold,
    IReadOnlyList<int> Seeds,
    string BundlePath,
    int TestClips,
    double Accuracy,
    double Uar,
    double MacroF1);

/// <summary>One (fold, seed) run of a cross-validation.</summary>
internal sealed record CvRun(
    string Fold,
    int Seed,
    string RunDirectory,
    IReadOnlyList<string> TestSpeakers,
    IReadOnlyList<string> ValidationSpeakers,
    int EpochsRun,
    int BestEpoch,
    double TrainingSeconds,
    int TestClips,
    double Accuracy,
    double Uar,
    double MacroF1,
    IReadOnlyList<double> F1,
    int[][] ConfusionMatrix);

/// <summary>
/// Mean, sample standard deviation (n - 1; 0 for one value) and the 95% confidence interval of the mean from
/// Student's t distribution with n - 1 degrees of freedom (null for one value).
/// </summary>
internal sealed record MeanStd(double Mean, double Std, int Count = 1, double? Ci95Low = null, double? Ci95High = null)
{
    public static MeanStd Of(IReadOnlyCollection<double> values)
    {
        var mean = values.Average();
        var std = values.Count > 1 ? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1)) : 0;
        if (values.Count < 2)
            return new MeanStd(mean, std, values.Count);
        var half = Statistics.TQuantile975(values.Count - 1) * std / Math.Sqrt(values.Count);
        return new MeanStd(mean, std, values.Count, mean - half, mean + half);
    }

    /// <summary>"0.562 [0.540, 0.584]", or the mean alone for one value.</summary>
    public string Interval => Ci95Low is { } low && Ci95High is { } high
        ? $"{RunReportWriter.F(Mean)} [{RunReportWriter.F(low)}, {RunReportWriter.F(high)}]"
        : RunReportWriter.F(Mean);

    public override string ToString() => $"{RunReportWriter.F(Mean)} ± {RunReportWriter.F(Std)}";
}
