using SpeechEmotion.Modeling;

namespace SpeechEmotion.Training;

/// <summary>
/// How <see cref="EmotionTrainer"/> trains. Defaults follow the original Keras notebook (Adam 1e-3, batch 32,
/// up to 100 epochs, 'balanced' class weights, ReduceLROnPlateau(factor 0.5, patience 3) and early stopping on
/// the validation loss with the best weights restored). Serialized with snake_case names in the model bundle.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Maximum number of epochs.</summary>
    public int Epochs { get; init; } = 100;

    /// <summary>Clips per training batch.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Initial Adam learning rate.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Adam L2 weight decay.</summary>
    public double WeightDecay { get; init; }

    /// <summary>Adam epsilon (Keras default 1e-7).</summary>
    public double AdamEpsilon { get; init; } = 1e-7;

    /// <summary>Seed of every random choice (initial weights, shuffling, dropout, oversampling, masking).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Device: <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> (see <see cref="DeviceSelector"/>).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>Weight the loss by scikit-learn's 'balanced' class weights <c>n_samples / (n_classes * count)</c>.</summary>
    public bool ClassWeights { get; init; } = true;

    /// <summary>
    /// Weigh every training clip so that each corpus, and each emotion within a corpus, counts the same in the
    /// loss (replacing <see cref="ClassWeights"/>): a large corpus of one kind of speech then does not set the
    /// model's idea of what an emotion sounds like.
    /// </summary>
    public bool BalanceCorpora { get; init; }

    /// <summary>Randomly oversample the training part each epoch so every class appears as often as the largest one.</summary>
    public bool Oversample { get; init; }

    /// <summary>Batch clips of similar length together (see <see cref="EpochSampler.BucketByLength"/>); off keeps batches fully random.</summary>
    public bool LengthBucketing { get; init; }

    /// <summary>
    /// What early stopping, the choice of the best epoch and the learning-rate schedule watch: <c>validation_loss</c>
    /// (the default, as the original) or <c>validation_macro_f1</c>. With few validation speakers the loss tends to rise
    /// from the first epochs on (confident errors on unseen voices) while the macro-F1 still improves.
    /// </summary>
    public string Monitor { get; init; } = MonitorValidationLoss;

    /// <summary><see cref="Monitor"/> value: lower validation loss is better.</summary>
    public const string MonitorValidationLoss = "validation_loss";

    /// <summary><see cref="Monitor"/> value: higher validation macro-F1 is better.</summary>
    public const string MonitorValidationMacroF1 = "validation_macro_f1";

    /// <summary>Factor the learning rate is multiplied by when the monitored quantity plateaus.</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>Epochs without improvement of the monitored quantity before the learning rate is reduced (Keras semantics).</summary>
    public int PlateauPatience { get; init; } = 3;

    /// <summary>Smallest improvement of the monitored quantity that resets the plateau counter (Keras min_delta).</summary>
    public double PlateauMinDelta { get; init; } = 1e-4;

    /// <summary>The learning rate is never reduced below this.</summary>
    public double MinLearningRate { get; init; } = 1e-6;

    /// <summary>Epochs without improvement of the monitored quantity before training stops; 0 disables early stopping.</summary>
    public int EarlyStoppingPatience { get; init; } = 8;

    /// <summary>Clip the gradients' global L2 norm to this value; null disables clipping.</summary>
    public double? GradientClipNorm { get; init; }

    /// <summary>Intra-op threads of LibTorch; null uses <see cref="Environment.ProcessorCount"/>.</summary>
    public int? Threads { get; init; }

    /// <summary>SpecAugment-style masking of the training batches; null (the default) disables it.</summary>
    public SpecAugmentOptions? SpecAugment { get; init; }

    /// <summary>Label smoothing of the training loss: the target keeps 1 - s on the true class and spreads s over all classes; 0 disables it.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// Mixup (Zhang et al. 2018): every training batch is blended with a shuffled copy of itself with a weight drawn
    /// from Beta(alpha, alpha), and the loss is blended alike; 0 (the default) disables it.
    /// </summary>
    public double MixupAlpha { get; init; }

    /// <summary>
    /// Weight of a teacher's probabilities in the loss when the training data carries them
    /// (<see cref="TrainingData.TeacherProbabilities"/>, knowledge distillation): the loss is <c>(1 - w)</c> times the
    /// cross-entropy with the labels plus <c>w</c> times the cross-entropy with the teacher's probabilities. In (0, 1];
    /// ignored without a teacher.
    /// </summary>
    public double DistillationWeight { get; init; } = 0.5;

    /// <summary>
    /// Weight of corpus-adversarial training; 0 (the default) turns it off. A small classifier learns to tell the
    /// training clips' corpora apart from the network's pooled attention output, and its gradient reaches the network
    /// reversed and scaled by this weight (gradient reversal, Ganin and Lempitsky 2015): the network is pushed towards
    /// features that do not reveal the corpus, that is the recording chain, language and acting style a corpus shares,
    /// while it learns the emotions. Needs training clips from at least two corpora.
    /// </summary>
    public double CorpusAdversarialWeight { get; init; }

    /// <summary>The monitored quantity of an epoch, signed so that lower is better.</summary>
    internal double MonitoredValue(EpochReport report) =>
        Monitor == MonitorValidationMacroF1 ? -report.ValidationMacroF1 : report.ValidationLoss;

    /// <summary>Checks every value and throws one <see cref="ArgumentException"/> that lists all problems.</summary>
    public void Validate()
    {
        var errors = new OptionErrors("training options")
            .Check(Epochs > 0, $"epochs must be > 0 (got {Epochs})")
            .Check(BatchSize > 0, $"batch_size must be > 0 (got {BatchSize})")
            .Check(LearningRate > 0 && double.IsFinite(LearningRate), $"learning_rate must be > 0 (got {LearningRate})")
            .Check(WeightDecay >= 0, $"weight_decay must be >= 0 (got {WeightDecay})")
            .Check(AdamEpsilon > 0, $"adam_epsilon must be > 0 (got {AdamEpsilon})")
            .Check(!string.IsNullOrWhiteSpace(Device), "device must not be empty")
            .Check(Monitor is MonitorValidationLoss or MonitorValidationMacroF1,
                $"monitor must be {MonitorValidationLoss} or {MonitorValidationMacroF1} (got '{Monitor}')")
            .Check(PlateauFactor is > 0 and < 1, $"plateau_factor must be in (0, 1) (got {PlateauFactor})")
            .Check(PlateauPatience >= 0, $"plateau_patience must be >= 0 (got {PlateauPatience})")
            .Check(PlateauMinDelta >= 0, $"plateau_min_delta must be >= 0 (got {PlateauMinDelta})")
            .Check(MinLearningRate >= 0, $"min_learning_rate must be >= 0 (got {MinLearningRate})")
            .Check(EarlyStoppingPatience >= 0, $"early_stopping_patience must be >= 0 (got {EarlyStoppingPatience})")
            .Check(GradientClipNorm is null or > 0, $"gradient_clip_norm must be > 0 when set (got {GradientClipNorm})")
            .Check(Threads is null or > 0, $"threads must be > 0 when set (got {Threads})")
            .Check(LabelSmoothing is >= 0 and < 1, $"label_smoothing must be in [0, 1) (got {LabelSmoothing})")
            .Check(MixupAlpha >= 0 && double.IsFinite(MixupAlpha), $"mixup_alpha must be >= 0 (got {MixupAlpha})")
            .Check(DistillationWeight is > 0 and <= 1, $"distillation_weight must be in (0, 1] (got {DistillationWeight})")
            .Check(CorpusAdversarialWeight is >= 0 and <= 10, $"corpus_adversarial_weight must be in [0, 10] (got {CorpusAdversarialWeight})");
        SpecAugment?.AddProblems(errors);
        errors.ThrowIfAny();
    }
}
