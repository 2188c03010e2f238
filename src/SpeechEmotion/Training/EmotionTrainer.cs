using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using SpeechEmotion.Data;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>
/// Trains an <see cref="EmotionNet"/>: Adam, cross-entropy with optional 'balanced' class weights, optional
/// oversampling and SpecAugment, ReduceLROnPlateau and early stopping on the validation loss (Keras semantics),
/// best weights restored at the end. Every epoch writes <c>metrics.csv</c>, <c>metrics.json</c> and a
/// checkpoint (<c>checkpoint/checkpoint.zip</c>) into the run directory; the final bundle is saved as
/// <c>model.semodel</c>. Reproducible: torch's generator and the shuffling generator are re-seeded from
/// (seed, epoch) at the start of every epoch, so a run resumed from a checkpoint continues exactly as an
/// uninterrupted run would (on the CPU; CUDA kernels may be nondeterministic).
/// </summary>
public sealed class EmotionTrainer
{
    /// <summary>File name of the trained bundle inside the run directory.</summary>
    public const string BundleFileName = "model" + ModelBundle.FileExtension;

    /// <summary>
    /// Trains on <paramref name="data"/> and returns the bundle with the best validation-loss weights.
    /// With <paramref name="resume"/> and a checkpoint in <paramref name="runDirectory"/>, continues after its
    /// last finished epoch (options may differ only in epochs, device and threads); otherwise starts afresh.
    /// </summary>
    /// <exception cref="ArgumentException">Invalid options, config or data (empty split, wrong feature count, label out of range, label count not NumClasses).</exception>
    /// <exception cref="InvalidOperationException">The checkpoint belongs to a different run.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; the last finished epoch's checkpoint remains.</exception>
    public TrainingResult Train(TrainingData data, TrainingOptions options, ModelConfig config, string runDirectory, bool resume,
        IProgress<EpochReport>? progress = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        options.Validate();
        config.Validate();
        CheckData(data, config);
        var corpora = options.CorpusAdversarialWeight > 0 ? CorpusIndex(data.Train) : null;

        NativeMemoryTuning.Apply();
        OneDnnPrimitiveCache.LimitForTraining();
        var device = DeviceSelector.Resolve(options.Device);
        torch.set_num_threads(options.Threads ?? Environment.ProcessorCount);
        Directory.CreateDirectory(runDirectory);

        var checkpointPath = TrainingCheckpoint.PathIn(runDirectory);
        var fingerprint = Fingerprint(data);
        var checkpoint = resume && File.Exists(checkpointPath) ? TrainingCheckpoint.Load(checkpointPath) : null;
        if (checkpoint is not null)
            EnsureSameRun(checkpoint.State, options, config, fingerprint, checkpointPath);

        var state = checkpoint?.State ?? new TrainingState
        {
            Epoch = 0, LearningRate = options.LearningRate, PlateauBest = double.PositiveInfinity, PlateauWait = 0,
            BestMonitored = double.PositiveInfinity, EarlyStoppingWait = 0, BestEpoch = 0, Stopped = false, History = [],
            Normalization = FeatureNormalization.Fit(data.Train), Options = options, Config = config, DataFingerprint = fingerprint,
        };

        torch.random.manual_seed(options.Seed);
        var model = new EmotionNet(config);
        using var discriminator = corpora is null ? null : new CorpusDiscriminator(2L * config.LstmHidden, corpora.Count, options.CorpusAdversarialWeight);
        try
        {
            if (checkpoint is not null)
            {
                WeightsReader.Load(new MemoryStream(checkpoint.ModelWeights), model);
                if (discriminator is not null)
                    discriminator.load(new MemoryStream(checkpoint.DiscriminatorWeights
                        ?? throw new InvalidDataException($"{checkpointPath}: the checkpoint has no corpus-adversarial head; delete it to start over.")));
            }
            model.to(device);
            discriminator?.to(device);
            var bestWeights = checkpoint?.BestWeights;
            (CorpusDiscriminator, IReadOnlyDictionary<string, int>)? adversary = discriminator is null ? null : (discriminator, corpora!);
            state = Run(data, options, model, adversary, device, state, ref bestWeights, checkpoint?.OptimizerState, runDirectory, progress, ct);

            if (bestWeights is not null)
            {
                model.to(torch.CPU);
                WeightsReader.Load(new MemoryStream(bestWeights), model);
                model.to(device);
            }
            model.eval();
            var bundle = ModelBundle.Create(Manifest(data, options, config, state), model);
            var bundlePath = Path.Combine(runDirectory, BundleFileName);
            bundle.Save(bundlePath);
            return new TrainingResult
            {
                Bundle = bundle, History = state.History, BestEpoch = state.BestEpoch,
                StoppedEarly = state.Stopped && state.Epoch < options.Epochs, BundlePath = bundlePath,
            };
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    private static TrainingState Run(TrainingData data, TrainingOptions options, EmotionNet model,
        (CorpusDiscriminator Head, IReadOnlyDictionary<string, int> Corpora)? adversary, Device device, TrainingState state,
        ref byte[]? bestWeights, byte[]? optimizerState, string runDirectory, IProgress<EpochReport>? progress, CancellationToken ct)
    {
        using var train = ClipTensors.Build(data.Train, state.Normalization, device, options.BalanceCorpora, data.TeacherProbabilities, adversary?.Corpora);
        using var validation = ClipTensors.Build(data.Validation, state.Normalization, device);
        var parameters = adversary is { } a ? model.parameters().Concat(a.Head.parameters()) : model.parameters();
        using var optimizer = torch.optim.Adam(parameters, options.LearningRate, 0.9, 0.999, options.AdamEpsilon, options.WeightDecay);
        if (optimizerState is not null)
        {
            using var reader = new BinaryReader(new MemoryStream(optimizerState));
            optimizer.load_state_dict(reader);
        }
        var history = new List<EpochReport>(state.History);

        for (var epoch = state.Epoch + 1; epoch <= options.Epochs && !state.Stopped; epoch++)
        {
            ct.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var seed = EpochSampler.EpochSeed(options.Seed, epoch);
            torch.random.manual_seed(seed);
            var random = new Random(seed);
            var order = EpochSampler.Order(train.LabelArray, options.Oversample, random);
            if (options.LengthBucketing)
                order = EpochSampler.BucketByLength(order, train.Lengths, options.BatchSize, random);
            using var classWeights = options.ClassWeights && !options.BalanceCorpora
                ? torch.tensor(ClassWeights.Balanced(order.Select(i => train.LabelArray[i]).ToArray(), model.Config.NumClasses), ScalarType.Float32, device)
                : null;
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = state.LearningRate;

            var stepper = new BatchStepper(model, optimizer, classWeights, options, adversary?.Head);
            var batchCount = (order.Length + options.BatchSize - 1) / options.BatchSize;
            double lossSum = 0;
            long correct = 0, seen = 0;
            model.train();
            for (var b = 0; b < batchCount; b++)
            {
                ct.ThrowIfCancellationRequested();
                var indices = order.AsSpan(b * options.BatchSize, Math.Min(options.BatchSize, order.Length - b * options.BatchSize));
                var (loss, batchCorrect) = stepper.Step(train, indices);
                lossSum += loss * indices.Length;
                correct += batchCorrect;
                seen += indices.Length;
                progress?.Report(new EpochReport
                {
                    Epoch = epoch, TrainLoss = lossSum / seen, TrainAccuracy = (double)correct / seen, LearningRate = state.LearningRate,
                    Seconds = clock.Elapsed.TotalSeconds, BatchIndex = b + 1, BatchCount = batchCount,
                });
            }

            ct.ThrowIfCancellationRequested();
            var (validationLoss, predicted) = BatchStepper.Evaluate(model, validation, Math.Max(64, options.BatchSize));
            var metrics = ClassificationMetrics.Compute(validation.LabelArray, predicted, data.Labels);
            var report = new EpochReport
            {
                Epoch = epoch, TrainLoss = lossSum / seen, TrainAccuracy = (double)correct / seen, ValidationLoss = validationLoss,
                ValidationAccuracy = metrics.Accuracy, ValidationMacroF1 = metrics.MacroF1, ValidationUar = metrics.Uar,
                LearningRate = state.LearningRate, Seconds = clock.Elapsed.TotalSeconds, BatchCount = batchCount,
            };
            history.Add(report);
            state = Advance(state, report, options, history);
            if (state.BestEpoch == epoch)
                bestWeights = Serialize(model);

            new TrainingCheckpoint
            {
                State = state, ModelWeights = Serialize(model), OptimizerState = Serialize(optimizer), BestWeights = bestWeights!,
                DiscriminatorWeights = adversary is { } head ? Serialize(head.Head) : null,
            }.Save(TrainingCheckpoint.PathIn(runDirectory));
            MetricsWriter.Write(runDirectory, history);
            progress?.Report(report);
        }
        return state;
    }

    // Early stopping (Keras EarlyStopping, min_delta 0) and ReduceLROnPlateau (Keras: reduce once `patience`
    // epochs pass without an improvement larger than min_delta, then wait again), both on the monitored quantity.
    // TorchSharp's ReduceLROnPlateau cannot save its counters, which an exact resume needs, so the rule is kept here.
    private static TrainingState Advance(TrainingState s, EpochReport report, TrainingOptions options, List<EpochReport> history)
    {
        var monitored = options.MonitoredValue(report);
        var improved = monitored < s.BestMonitored;
        var earlyWait = improved ? 0 : s.EarlyStoppingWait + 1;

        var plateauImproved = monitored < s.PlateauBest - options.PlateauMinDelta;
        var plateauBest = plateauImproved ? monitored : s.PlateauBest;
        var plateauWait = plateauImproved ? 0 : s.PlateauWait + 1;
        var learningRate = s.LearningRate;
        if (plateauWait >= options.PlateauPatience && learningRate > options.MinLearningRate)
        {
            learningRate = Math.Max(learningRate * options.PlateauFactor, options.MinLearningRate);
            plateauWait = 0;
        }

        return s with
        {
            Epoch = report.Epoch, LearningRate = learningRate, PlateauBest = plateauBest, PlateauWait = plateauWait,
            BestMonitored = improved ? monitored : s.BestMonitored, BestEpoch = improved ? report.Epoch : s.BestEpoch, EarlyStoppingWait = earlyWait,
            Stopped = options.EarlyStoppingPatience > 0 && earlyWait >= options.EarlyStoppingPatience,
            History = [.. history],
        };
    }

    private static BundleManifest Manifest(TrainingData data, TrainingOptions options, ModelConfig config, TrainingState state)
    {
        var best = state.History.FirstOrDefault(r => r.Epoch == state.BestEpoch) ?? state.History[^1];
        return new BundleManifest
        {
            Labels = data.Labels.ToArray(),
            FeatureOptions = data.FeatureOptions,
            FrontEnd = data.FrontEnd is { IsIdentity: false } ? data.FrontEnd : null,
            LabelMap = data.LabelMap,
            Normalization = state.Normalization,
            Model = config,
            Training = options,
            Seed = options.Seed,
            Metrics = new Dictionary<string, double>
            {
                ["best_epoch"] = best.Epoch,
                ["epochs_trained"] = state.Epoch,
                ["train_loss"] = best.TrainLoss,
                ["train_accuracy"] = best.TrainAccuracy,
                ["validation_loss"] = best.ValidationLoss,
                ["validation_accuracy"] = best.ValidationAccuracy,
                ["validation_macro_f1"] = best.ValidationMacroF1,
                ["validation_uar"] = best.ValidationUar,
            },
            Data = new Dictionary<string, string>
            {
                ["train_clips"] = data.Train.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["validation_clips"] = data.Validation.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["fingerprint"] = state.DataFingerprint,
            },
        };
    }

    private static void CheckData(TrainingData data, ModelConfig config)
    {
        ArgumentNullException.ThrowIfNull(data.Train);
        ArgumentNullException.ThrowIfNull(data.Validation);
        ArgumentNullException.ThrowIfNull(data.Labels);
        ArgumentNullException.ThrowIfNull(data.FeatureOptions);
        if (data.Train.Count == 0)
            throw new ArgumentException("The training set is empty.", nameof(data));
        if (data.Validation.Count == 0)
            throw new ArgumentException("The validation set is empty: the learning-rate schedule and early stopping need one.", nameof(data));
        if (data.Labels.Count != config.NumClasses)
            throw new ArgumentException($"{data.Labels.Count} labels but the model config has num_classes {config.NumClasses}.", nameof(data));
        if (data.FeatureOptions.FeatureCount != config.InputFeatures)
            throw new ArgumentException($"Feature options give {data.FeatureOptions.FeatureCount} features per frame but the model config has input_features {config.InputFeatures}.", nameof(data));
        foreach (var clip in data.Train.Concat(data.Validation))
        {
            if (clip?.Features is null)
                throw new ArgumentException("A clip or its features is null.", nameof(data));
            if (clip.Features.FeatureCount != config.InputFeatures)
                throw new ArgumentException($"Clip '{clip.Id}' has {clip.Features.FeatureCount} features per frame, expected {config.InputFeatures}.", nameof(data));
            if ((uint)clip.Label >= (uint)config.NumClasses)
                throw new ArgumentException($"Clip '{clip.Id}' has label {clip.Label}, outside [0, {config.NumClasses}).", nameof(data));
            FeatureNormalization.CheckedValidFrames(clip.Id, clip.Features.Frames, clip.ValidFrames);
        }
        if (data.TeacherProbabilities is { } teacher)
        {
            if (teacher.Count != data.Train.Count)
                throw new ArgumentException($"{teacher.Count} teacher probability rows for {data.Train.Count} training clips.", nameof(data));
            for (var i = 0; i < teacher.Count; i++)
            {
                var row = teacher[i];
                if (row is null || row.Length != config.NumClasses || row.Any(p => !(p >= 0 && p <= 1)) || Math.Abs(row.Sum() - 1) > 1e-3)
                    throw new ArgumentException($"The teacher's probabilities for clip '{data.Train[i].Id}' are not {config.NumClasses} probabilities summing to 1.", nameof(data));
            }
        }
    }

    // Index of every training corpus, by name; corpus-adversarial training needs two or more.
    private static Dictionary<string, int> CorpusIndex(IReadOnlyList<LabeledClip> train)
    {
        var names = train.Select(c => c.Corpus ?? "").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (names.Length < 2 || names.Contains(""))
            throw new ArgumentException(
                $"corpus_adversarial_weight needs training clips from two or more named corpora; these come from {(names.Contains("") ? "clips without a corpus" : $"'{names[0]}' alone")}.",
                nameof(train));
        return names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    private static void EnsureSameRun(TrainingState saved, TrainingOptions options, ModelConfig config, string fingerprint, string path)
    {
        static TrainingOptions Comparable(TrainingOptions o) => o with { Epochs = 1, Device = "auto", Threads = null };
        string? problem = saved.Config != config ? "a different model config"
            : Comparable(saved.Options) != Comparable(options) ? "different training options (only epochs, device and threads may change)"
            : saved.DataFingerprint != fingerprint ? "different training or validation clips"
            : null;
        if (problem is not null)
            throw new InvalidOperationException($"{path}: the checkpoint was made with {problem}; delete it or train without resume.");
    }

    // Identifies the split: ids, labels and sizes of every clip, in order.
    private static string Fingerprint(TrainingData data)
    {
        var text = new StringBuilder();
        foreach (var (name, clips) in new[] { ("train", data.Train), ("validation", data.Validation) })
        {
            text.Append(name).Append('\n');
            foreach (var c in clips)
                text.Append(c.Id).Append('\t').Append(c.Label).Append('\t').Append(c.ValidFrames).Append('\t').Append(c.Features.Frames).Append('\n');
        }
        text.Append(string.Join('\t', data.Labels));
        if (data.TeacherProbabilities is { } teacher)
        {
            text.Append("\nteacher\n");
            foreach (var row in teacher)
                text.Append(string.Join(',', row.Select(p => p.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static byte[] Serialize(nn.Module model)
    {
        using var memory = new MemoryStream();
        model.save(memory);
        return memory.ToArray();
    }

    private static byte[] Serialize(torch.optim.Optimizer optimizer)
    {
        using var memory = new MemoryStream();
        using (var writer = new BinaryWriter(memory, Encoding.UTF8, leaveOpen: true))
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(writer);
        return memory.ToArray();
    }
}
