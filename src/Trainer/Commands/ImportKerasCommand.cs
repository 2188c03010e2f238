using System.CommandLine;
using SpeechEmotion.Interop;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>import-keras MODEL.h5 --out BUNDLE [--labels a,b,...]</c>: converts a model trained by the original Keras project
/// into a bundle that <c>predict</c>, <c>evaluate</c>, the web app and <c>EmotionRecognizer</c> use like any other.
/// </summary>
internal static class ImportKerasCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The Keras model (.h5, saved with model.save) of the original project." };
        var output = new Option<string>("--out") { Description = "The bundle (*.semodel) to write.", Required = true };
        var labels = new Option<string?>("--labels") { Description = "Class names in the model's output order, comma-separated (default: the original's alphabetical 8 emotions)." };
        var command = new Command("import-keras", "Import a model trained by the original Keras project into a bundle.") { model, output, labels };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var outPath = parse.GetValue(output)!;
            var names = parse.GetValue(labels)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            try
            {
                using var bundle = KerasImporter.Import(path, names);
                bundle.Save(outPath);
                var config = bundle.Manifest.Model;
                Console.WriteLine($"{path}: {bundle.Manifest.Data["imported_from"]}, {bundle.Model.ParameterCount:N0} parameters, "
                    + $"{config.FixedInputFrames} frames x {config.InputFeatures} features, labels {string.Join(",", bundle.Labels)}");
                Console.WriteLine($"Wrote {outPath}");
                return 0;
            }
            catch (KerasImportException e)
            {
                throw new CliException(e.Message);
            }
        });
        return command;
    }
}
