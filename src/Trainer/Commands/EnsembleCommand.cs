using System.CommandLine;
using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>ensemble --out FILE MODEL MODEL...</c>: combines trained bundles (same labels, features and network config)
/// into one bundle whose probabilities are the mean of theirs. Every consumer of bundles (predict, evaluate, the web
/// app, EmotionRecognizer) uses an ensemble like any other model.
/// </summary>
internal static class EnsembleCommand
{
    public static Command Create()
    {
        var models = new Argument<string[]>("models") { Description = "Model bundles (*.semodel) to combine; at least 2.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The ensemble bundle to write.", Required = true };
        var command = new Command("ensemble", "Combine trained models into one that averages their probabilities.") { models, output };
        command.SetAction(parse =>
        {
            var paths = parse.GetValue(models)!;
            var outPath = parse.GetValue(output)!;
            var members = new List<ModelBundle>();
            try
            {
                foreach (var path in paths)
                    members.Add(ModelBundle.Load(path));
                using var ensemble = ModelBundle.Combine(members);
                ensemble.Save(outPath);
                foreach (var (path, bundle) in paths.Zip(members))
                {
                    var f1 = bundle.Manifest.Metrics.TryGetValue("test_macro_f1", out var t) ? $", test macro-F1 {RunReportWriter.F(t)}" : "";
                    Console.WriteLine($"{path}: {bundle.MemberCount} network(s), split {bundle.Manifest.TrainingData?.Split ?? "?"}{f1}");
                }
                Console.WriteLine($"Wrote {outPath}: an ensemble of {ensemble.MemberCount} networks");
                return 0;
            }
            finally
            {
                foreach (var member in members)
                    member.Dispose();
            }
        });
        return command;
    }
}
