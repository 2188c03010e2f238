using System.Globalization;
using Spectre.Console;
using SpeechEmotion.Training;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>
/// Shows training progress: in a terminal one live bar per epoch (batches), which keeps the epoch's summary
/// when it ends; otherwise one plain line per finished epoch. Reports arrive on the training thread.
/// </summary>
internal sealed class EpochProgress(ConsoleUi ui, ProgressContext? context, int epochs, string? prefix = null) : IProgress<EpochReport>
{
    private readonly Dictionary<int, ProgressTask> tasks = [];

    public void Report(EpochReport value)
    {
        if (context is null)
        {
            if (value.BatchIndex is null)
                ui.Line(Summary(value));
            return;
        }
        if (!tasks.TryGetValue(value.Epoch, out var task))
        {
            task = context.AddTask(Markup.Escape(Label(value.Epoch)), maxValue: Math.Max(1, value.BatchCount));
            tasks[value.Epoch] = task;
        }
        if (value.BatchIndex is int batch)
        {
            task.Value = batch;
            task.Description = Markup.Escape($"{Label(value.Epoch)}  loss {F(value.TrainLoss, "0.000")}  acc {F(value.TrainAccuracy, "0.000")}");
        }
        else
        {
            task.Value = task.MaxValue;
            task.Description = Markup.Escape(Summary(value));
            task.StopTask();
        }
    }

    /// <summary>One line: losses, accuracies, validation macro-F1, learning rate, seconds.</summary>
    public string Summary(EpochReport r) =>
        $"{Label(r.Epoch)}  loss {F(r.TrainLoss, "0.000")}/{F(r.ValidationLoss, "0.000")}  " +
        $"acc {F(r.TrainAccuracy, "0.000")}/{F(r.ValidationAccuracy, "0.000")}  val F1 {F(r.ValidationMacroF1, "0.000")}  " +
        $"lr {r.LearningRate.ToString("0.0e0", CultureInfo.InvariantCulture)}  {F(r.Seconds, "0.0")} s";

    private string Label(int epoch) => $"{prefix}epoch {epoch.ToString(CultureInfo.InvariantCulture).PadLeft(epochs.ToString(CultureInfo.InvariantCulture).Length)}/{epochs}";

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);
}
