namespace SpeechEmotion.Training;

/// <summary>
/// Progress of one epoch. A report with <see cref="BatchIndex"/> set is an in-epoch progress update: only the
/// training figures so far are filled in and the validation figures are NaN. A report without it is the
/// finished epoch, as kept in the history and in metrics.csv / metrics.json.
/// </summary>
public sealed record EpochReport
{
    /// <summary>Epoch number, starting at 1.</summary>
    public int Epoch { get; init; }

    /// <summary>Mean training loss (with class weights, as optimized) over the epoch's batches so far.</summary>
    public double TrainLoss { get; init; }

    /// <summary>Training accuracy over the epoch's batches so far (training mode: dropout on).</summary>
    public double TrainAccuracy { get; init; }

    /// <summary>Mean cross-entropy on the validation clips, without class weights (what the schedule and early stopping watch).</summary>
    public double ValidationLoss { get; init; } = double.NaN;

    /// <summary>Validation accuracy.</summary>
    public double ValidationAccuracy { get; init; } = double.NaN;

    /// <summary>Validation macro-F1.</summary>
    public double ValidationMacroF1 { get; init; } = double.NaN;

    /// <summary>Validation unweighted average recall (macro recall).</summary>
    public double ValidationUar { get; init; } = double.NaN;

    /// <summary>Learning rate used during the epoch.</summary>
    public double LearningRate { get; init; }

    /// <summary>Wall-clock seconds of the epoch (training and validation) so far.</summary>
    public double Seconds { get; init; }

    /// <summary>Batches done in this epoch for an in-epoch update; null for a finished epoch.</summary>
    public int? BatchIndex { get; init; }

    /// <summary>Batches per epoch.</summary>
    public int BatchCount { get; init; }
}
