using System.CommandLine;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>The commands of the CLI, in help order.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return FeaturesCommand.Create();
        yield return ExtractCommand.Create();
        yield return BenchFeaturesCommand.Create();
        yield return PredictCommand.Create();
        yield return TrainCommand.Create();
        yield return EvaluateCommand.Create();
        yield return CvCommand.Create();
        yield return EnsembleCommand.Create();
        yield return CompareCommand.Create();
        yield return ImportKerasCommand.Create();
        yield return BenchTrainCommand.Create();
        yield return BenchPredictCommand.Create();
    }
}
