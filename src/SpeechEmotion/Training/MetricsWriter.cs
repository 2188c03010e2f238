using System.Globalization;
using System.Text;
using System.Text.Json;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Training;

/// <summary>Writes the epoch history as <c>metrics.csv</c> and <c>metrics.json</c>, atomically.</summary>
internal static class MetricsWriter
{
    // Not fsynced: the history is also in the checkpoint, which is.
    public static void Write(string runDirectory, IReadOnlyList<EpochReport> history)
    {
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,validation_macro_f1,validation_uar,learning_rate,seconds\n");
        foreach (var r in history)
        {
            csv.AppendLine(string.Join(',',
                r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.TrainLoss), F(r.TrainAccuracy), F(r.ValidationLoss),
                F(r.ValidationAccuracy), F(r.ValidationMacroF1), F(r.ValidationUar), F(r.LearningRate), F(r.Seconds)));
        }
        AtomicFile.WriteText(Path.Combine(runDirectory, "metrics.csv"), csv.ToString(), durable: false);
        AtomicFile.WriteText(Path.Combine(runDirectory, "metrics.json"), JsonSerializer.Serialize(history, ModelJson.Options), durable: false);
    }

    private static string F(double value) => value.ToString("G9", CultureInfo.InvariantCulture);
}
