using System.Text.Json;
using SpeechEmotion.Modeling;
using SpeechEmotion.Training;
using TorchSharp;

namespace SpeechEmotion.Tests.Training;

public sealed class EmotionTrainerTests : IDisposable
{
    internal static readonly ModelConfig SmallConfig = new() { NumClasses = 3 };
    private readonly string root = Directory.CreateTempSubdirectory("se-train-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    internal static TrainingOptions Options(int epochs) => new()
    {
        Epochs = epochs, BatchSize = 16, LearningRate = 3e-3, Seed = 7, Device = "cpu", EarlyStoppingPatience = 0,
    };

    [Fact]
    public void Train_OverfitsATinySyntheticCorpus()
    {
        // Given 48 training clips of 3 classes marked by a band of raised features
        var data = SyntheticCorpus.Data();

        // When the original network trains for 20 epochs
        var result = new EmotionTrainer().Train(data, Options(20), SmallConfig, Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then the loss falls and the training and validation accuracy exceed 0.9
        var history = result.History;
        Assert.Equal(20, history.Count);
        Assert.True(history[^1].TrainLoss < history[0].TrainLoss / 3, $"loss {history[0].TrainLoss} -> {history[^1].TrainLoss}");
        Assert.True(history[^1].TrainAccuracy > 0.9, $"train accuracy {history[^1].TrainAccuracy}");
        var report = Evaluator.Evaluate(bundle, data.Validation);
        Assert.True(report.Accuracy > 0.9, $"validation accuracy {report.Accuracy}");
    }

    [Fact]
    public void Train_WithMixupAndLabelSmoothing_StillLearnsTheSyntheticCorpus()
    {
        // Given the synthetic corpus
        var data = SyntheticCorpus.Data();

        // When the network trains on blended batches with smoothed targets
        var result = new EmotionTrainer().Train(data, Options(20) with { MixupAlpha = 0.4, LabelSmoothing = 0.1 }, SmallConfig,
            Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then the loss falls and unblended validation clips are classified correctly; the options are kept in the bundle
        Assert.True(result.History[^1].TrainLoss < result.History[0].TrainLoss * 0.8, $"loss {result.History[0].TrainLoss} -> {result.History[^1].TrainLoss}");
        Assert.True(Evaluator.Evaluate(bundle, data.Validation).Accuracy > 0.9);
        Assert.Equal(0.4, bundle.Manifest.Training!.MixupAlpha);
        Assert.Equal(0.1, bundle.Manifest.Training!.LabelSmoothing);
    }

    [Theory]
    [InlineData(-0.1, 0.0, "label_smoothing")]
    [InlineData(1.0, 0.0, "label_smoothing")]
    [InlineData(0.0, -1.0, "mixup_alpha")]
    public void Options_RejectOutOfRangeRegularization(double smoothing, double alpha, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { LabelSmoothing = smoothing, MixupAlpha = alpha }.Validate());
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Train_WritesMetricsCheckpointAndBundle_EveryEpoch()
    {
        // Given a short run
        var data = SyntheticCorpus.Data();
        var run = Path.Combine(root, "run");

        // When it trains 2 epochs
        var result = new EmotionTrainer().Train(data, Options(2), SmallConfig, run, resume: false);
        using var bundle = result.Bundle;

        // Then metrics.csv has a header and 2 rows, metrics.json 2 entries, and the checkpoint and bundle exist
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "metrics.json")));
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal(2, json.RootElement[1].GetProperty("epoch").GetInt32());
        Assert.True(File.Exists(Path.Combine(run, "checkpoint", "checkpoint.zip")));
        Assert.True(File.Exists(result.BundlePath));
        Assert.Empty(Directory.GetFiles(run, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal(result.History[result.BestEpoch - 1].ValidationMacroF1, bundle.Manifest.Metrics["validation_macro_f1"]);
    }

    [Fact]
    public void Resume_AfterThreeEpochs_GivesTheSameRunAsSixUninterruptedEpochs()
    {
        // Given the same data, options and seed, with SpecAugment, oversampling and clipping on to exercise every random draw
        var data = SyntheticCorpus.Data(trainCount: 40, validationCount: 12);
        var options = Options(6) with
        {
            Oversample = true, GradientClipNorm = 1.0, SpecAugment = new SpecAugmentOptions { MaxTimeMaskFrames = 5 }, MixupAlpha = 0.4,
            PlateauPatience = 1, PlateauMinDelta = 10, // force learning-rate reductions so the schedule state matters
        };

        // When one run trains 6 epochs, and another trains 3, stops, and resumes to 6
        var whole = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "whole"), resume: false);
        var first = new EmotionTrainer().Train(data, options with { Epochs = 3 }, SmallConfig, Path.Combine(root, "split"), resume: false);
        first.Bundle.Dispose();
        var resumed = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "split"), resume: true);
        using var a = whole.Bundle;
        using var b = resumed.Bundle;

        // Then the histories (except timing) and the final weights are identical
        Assert.Equal(6, resumed.History.Count);
        Assert.Equal(whole.History.Select(r => r with { Seconds = 0 }), resumed.History.Select(r => r with { Seconds = 0 }));
        Assert.True(whole.History[^1].LearningRate < options.LearningRate, "the schedule reduced the learning rate");
        Assert.Equal(whole.BestEpoch, resumed.BestEpoch);
        var expected = a.Model.state_dict();
        foreach (var (key, tensor) in b.Model.state_dict())
            Assert.True(tensor.eq(expected[key]).all().item<bool>(), $"{key} differs");
    }

    [Fact]
    public void Resume_RefusesACheckpointOfDifferentOptions()
    {
        // Given a checkpoint made with one learning rate
        var data = SyntheticCorpus.Data(trainCount: 12, validationCount: 6);
        var run = Path.Combine(root, "run");
        new EmotionTrainer().Train(data, Options(1), SmallConfig, run, resume: false).Bundle.Dispose();

        // When training resumes with another
        var e = Assert.Throws<InvalidOperationException>(() =>
            new EmotionTrainer().Train(data, Options(2) with { LearningRate = 0.1 }, SmallConfig, run, resume: true));

        // Then the message says why and what to do
        Assert.Contains("different training options", e.Message);
    }

    [Fact]
    public void EarlyStopping_StopsAndRestoresTheBestEpoch()
    {
        // Given a run whose validation loss cannot improve after the first epoch by more than an impossible margin
        var data = SyntheticCorpus.Data(trainCount: 12, validationCount: 6);
        var options = Options(10) with { EarlyStoppingPatience = 2, LearningRate = 0.3 };

        // When it trains
        var result = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then the bundle holds the epoch with the lowest validation loss, and training stopped patience epochs later
        var best = result.History.MinBy(r => r.ValidationLoss)!;
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationLoss, bundle.Manifest.Metrics["validation_loss"]);
        if (result.StoppedEarly)
            Assert.Equal(result.BestEpoch + 2, result.History.Count);
        var report = Evaluator.Evaluate(bundle, data.Validation);
        Assert.Equal(best.ValidationAccuracy, report.Accuracy, 6);
    }

    [Fact]
    public void MonitorMacroF1_KeepsTheEpochWithTheBestValidationMacroF1()
    {
        // Given a run that watches the validation macro-F1 instead of the loss
        var data = SyntheticCorpus.Data(trainCount: 24, validationCount: 12);
        var options = Options(8) with { Monitor = TrainingOptions.MonitorValidationMacroF1, EarlyStoppingPatience = 3 };

        // When it trains
        var result = new EmotionTrainer().Train(data, options, SmallConfig, Path.Combine(root, "run"), resume: false);
        using var bundle = result.Bundle;

        // Then the best epoch is the first one with the highest macro-F1, and the bundle holds its weights
        var best = result.History.First(r => r.ValidationMacroF1 == result.History.Max(h => h.ValidationMacroF1));
        Assert.Equal(best.Epoch, result.BestEpoch);
        Assert.Equal(best.ValidationMacroF1, Evaluator.Evaluate(bundle, data.Validation).MacroF1, 6);
        if (result.StoppedEarly)
            Assert.Equal(result.BestEpoch + 3, result.History.Count);
    }

    [Fact]
    public void Options_RejectAnUnknownMonitor()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrainingOptions { Monitor = "accuracy" }.Validate());
        Assert.Contains("monitor must be validation_loss or validation_macro_f1", e.Message);
    }

    [Fact]
    public void Cancel_StopsAfterTheCurrentBatch_KeepingTheLastCheckpoint()
    {
        // Given a run that is cancelled when the second epoch's first batch is done
        var data = SyntheticCorpus.Data(trainCount: 12, validationCount: 6);
        var run = Path.Combine(root, "run");
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(r => { if (r.Epoch == 2 && r.BatchIndex == 1) cancel.Cancel(); });

        // When it trains
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new EmotionTrainer().Train(data, Options(5), SmallConfig, run, resume: false, progress, cancel.Token));

        // Then epoch 1's checkpoint and metrics remain, and a resumed run continues from epoch 2
        Assert.Equal(2, File.ReadAllLines(Path.Combine(run, "metrics.csv")).Length);
        var resumed = new EmotionTrainer().Train(data, Options(2), SmallConfig, run, resume: true);
        resumed.Bundle.Dispose();
        Assert.Equal([1, 2], resumed.History.Select(r => r.Epoch));
    }

    private sealed class SynchronousProgress(Action<EpochReport> report) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => report(value);
    }

    [Fact]
    public void Train_RejectsLabelsOutsideTheClasses()
    {
        // Given a clip with label 5 for a 3-class model
        var data = SyntheticCorpus.Data(trainCount: 6, validationCount: 3);
        var train = data.Train.ToList();
        train[0] = train[0] with { Label = 5 };
        data = data with { Train = train };

        // When / Then training refuses, naming the clip
        var e = Assert.Throws<ArgumentException>(() => new EmotionTrainer().Train(data, Options(1), SmallConfig, Path.Combine(root, "run"), resume: false));
        Assert.Contains("clip000", e.Message);
    }
}
